import { fail, redirect } from '@sveltejs/kit';
import type { AttemptBody } from '$server/modules/quizzes/quizzes.schemas.ts';
import { api } from '$lib/server/api.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const attempt = await fetchOrFail<AttemptBody>(event, `/api/attempts/${encodeURIComponent(event.params.attemptId)}`);
  if (attempt.status === 'open') redirect(303, `/quizzes/${attempt.quizId}`);
  return { result: attempt };
};

export const actions: Actions = {
  retry: async (event) => {
    requireSignedIn(event.locals, event.url);
    const attempt = await fetchOrFail<AttemptBody>(event, `/api/attempts/${encodeURIComponent(event.params.attemptId)}`);
    const res = await api(event, 'POST', `/api/quizzes/${attempt.quizId}/attempts`);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    redirect(303, `/quizzes/${attempt.quizId}`);
  },
};
