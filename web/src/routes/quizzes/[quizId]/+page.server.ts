import { fail, redirect } from '@sveltejs/kit';
import type { ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { AttemptBody, MyQuizAttemptsBody, OpenAttemptBody, SubmittedAttemptBody } from '$server/modules/quizzes/quizzes.schemas.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { answersFromForm } from '$lib/quiz/form.ts';
import { api } from '$lib/server/api.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const quizPath = (event: RequestEvent) => `/api/quizzes/${encodeURIComponent(event.params.quizId)}`;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const mine = await fetchOrFail<MyQuizAttemptsBody>(event, `${quizPath(event)}/attempts`);
  const open = mine.attempts.find((a) => a.status === 'open');
  const [module, attempt] = await Promise.all([
    fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(mine.moduleId)}`),
    open ? fetchOrFail<OpenAttemptBody>(event, `/api/attempts/${open.attemptId}`) : Promise.resolve(null),
  ]);
  return { quiz: mine, module: { id: module.id, title: module.title, locale: module.locale }, attempt };
};

async function openAttempt(event: RequestEvent) {
  const res = await api<OpenAttemptBody>(event, 'POST', `${quizPath(event)}/attempts?locale=${event.locals.locale}`);
  return res;
}

export const actions: Actions = {
  start: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await openAttempt(event);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    redirect(303, `/quizzes/${event.params.quizId}`);
  },
  save: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await openAttempt(event);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    const { answers, badOrdering } = answersFromForm(await event.request.formData(), res.data.questions);
    const saved = await api(event, 'PUT', `/api/attempts/${res.data.attemptId}/answers`, { answers });
    if (!saved.ok) return fail(saved.status, { error: errorText(saved.error) });
    if (badOrdering.length) return fail(400, { error: m.quiz_ordering_incomplete(), questions: badOrdering });
    return { saved: true };
  },
  submit: async (event) => {
    requireSignedIn(event.locals, event.url);
    const form = await event.request.formData();
    // The attempt the form was drawn for: a submission sent later (kept on a device while offline)
    // is graded against that attempt, and one sent twice lands on the same result.
    const attemptId = String(form.get('attemptId') ?? '');
    const res = attemptId
      ? await api<AttemptBody>(event, 'GET', `/api/attempts/${encodeURIComponent(attemptId)}?locale=${event.locals.locale}`)
      : await openAttempt(event);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    if (res.data.status !== 'open') redirect(303, `/attempts/${res.data.attemptId}`);
    const { answers, badOrdering } = answersFromForm(form, res.data.questions);
    if (badOrdering.length) {
      // Keep what was answered, as Save does; if that fails, the person must know their answers were not kept.
      const saved = await api(event, 'PUT', `/api/attempts/${res.data.attemptId}/answers`, { answers });
      if (!saved.ok) return fail(saved.status, { error: errorText(saved.error) });
      return fail(400, { error: m.quiz_ordering_incomplete(), questions: badOrdering });
    }
    const submitted = await api<SubmittedAttemptBody>(event, 'POST', `/api/attempts/${res.data.attemptId}/submit`, { answers });
    if (!submitted.ok) return fail(submitted.status, { error: errorText(submitted.error) });
    redirect(303, `/attempts/${res.data.attemptId}`);
  },
};
