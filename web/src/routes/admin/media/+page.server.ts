// Admin: uploaded videos. The upload and captions forms post straight to the API (multipart, streamed to
// disk there), which answers a browser with a 303 back here; see +page.svelte. Deleting is an action.
import { apiClient, settle } from '$lib/server/api.ts';
import { COURSE_ID, orFail } from '$lib/server/catalog.ts';
import { apiFailure, errorText, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'admin');
  const api = apiClient(event);
  const [uploads, course] = await Promise.all([
    orFail(api.GET('/api/admin/media')),
    orFail(
      api.GET('/api/courses/{courseId}', {
        params: { path: { courseId: COURSE_ID }, query: { locale: event.locals.locale } },
      }),
    ),
  ]);
  const tutorials = course.modules
    .filter((m) => m.tutorialId)
    .map((m) => ({ id: m.tutorialId as string, number: m.number, title: m.title }));
  // What the API's 303 after a form post says happened.
  const q = event.url.searchParams;
  const code = q.get('error');
  const outcome = {
    uploaded: q.get('uploaded'),
    captioned: q.get('captioned'),
    error: code ? errorText({ code, message: code }) : null,
    lines: (q.get('lines') ?? '').split('\n').filter(Boolean).slice(0, 5),
    upload: q.get('upload'),
  };
  return { uploads: uploads.items, maxUploadBytes: uploads.maxUploadBytes, tutorials, outcome };
};

export const actions: Actions = {
  delete: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id');
    const res = await settle(apiClient(event).DELETE('/api/admin/media/{id}', { params: { path: { id: values.id } } }));
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { deleted: values.id };
  },
};
