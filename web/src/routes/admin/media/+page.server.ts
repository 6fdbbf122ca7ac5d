// Admin: uploaded videos. The upload and captions forms post straight to the API (multipart, streamed to
// disk there), which answers a browser with a 303 back here; see +page.svelte. Deleting is an action.
import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { UploadListBody } from '$server/modules/media/uploads/uploads.schemas.ts';
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api.ts';
import { COURSE_ID } from '$lib/server/catalog.ts';
import { apiFailure, errorText, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'admin');
  const [uploads, course] = await Promise.all([
    api<UploadListBody>(event, 'GET', '/api/admin/media'),
    api<CourseDetailBody>(event, 'GET', `/api/courses/${COURSE_ID}?locale=${event.locals.locale}`),
  ]);
  if (!uploads.ok) error(uploads.status, { message: uploads.error.message, code: uploads.error.code });
  if (!course.ok) error(course.status, { message: course.error.message, code: course.error.code });
  const tutorials = course.data.modules
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
  return { uploads: uploads.data.items, maxUploadBytes: uploads.data.maxUploadBytes, tutorials, outcome };
};

export const actions: Actions = {
  delete: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id');
    const res = await api(event, 'DELETE', `/api/admin/media/${encodeURIComponent(values.id)}`);
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { deleted: values.id };
  },
};
