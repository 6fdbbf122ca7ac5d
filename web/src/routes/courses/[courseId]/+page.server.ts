import { shareWhenAnonymous } from '$lib/server/shared-render.ts';
import { orFail } from '$lib/server/catalog.ts';
import { fail, redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { certificateIdFor } from '$lib/server/completion.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  shareWhenAnonymous(event);
  const course = await orFail(
    apiClient(event).GET('/api/courses/{courseId}', {
      params: { path: { courseId: event.params.courseId }, query: { locale: event.locals.locale } },
    }),
  );
  return { course, certificateId: await certificateIdFor(event, course) };
};

export const actions: Actions = {
  certificate: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await settle(apiClient(event).POST('/api/certificates', { body: { courseId: event.params.courseId } }));
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    redirect(303, `/certificates/${res.data.id}`);
  },
};
