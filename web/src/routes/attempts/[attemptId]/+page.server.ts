import { fail, redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const readAttempt = (event: RequestEvent) =>
  orFail(
    apiClient(event).GET('/api/attempts/{attemptId}', {
      params: { path: { attemptId: event.params.attemptId }, query: { locale: event.locals.locale } },
    }),
  );

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const attempt = await readAttempt(event);
  if (attempt.status === 'open') redirect(303, `/quizzes/${attempt.quizId}`);
  return { result: attempt };
};

export const actions: Actions = {
  retry: async (event) => {
    requireSignedIn(event.locals, event.url);
    const attempt = await readAttempt(event);
    const res = await settle(
      apiClient(event).POST('/api/quizzes/{quizId}/attempts', { params: { path: { quizId: attempt.quizId } } }),
    );
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    redirect(303, `/quizzes/${attempt.quizId}`);
  },
};
