import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';
import { answersFromForm } from '$lib/quiz/form.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const api = apiClient(event);
  const locale = event.locals.locale;
  const mine = await orFail(
    api.GET('/api/quizzes/{quizId}/attempts', { params: { path: { quizId: event.params.quizId } } }),
  );
  const open = mine.attempts.find((a) => a.status === 'open');
  const [module, current] = await Promise.all([
    orFail(api.GET('/api/modules/{moduleId}', { params: { path: { moduleId: mine.moduleId }, query: { locale } } })),
    open
      ? orFail(
          api.GET('/api/attempts/{attemptId}', { params: { path: { attemptId: open.attemptId }, query: { locale } } }),
        )
      : Promise.resolve(null),
  ]);
  // The attempt was open when listed; one submitted since (on another device) is no longer answered here.
  const attempt = current?.status === 'open' ? current : null;
  return { quiz: mine, module: { id: module.id, title: module.title, locale: module.locale }, attempt };
};

const openAttempt = (event: RequestEvent) =>
  settle(
    apiClient(event).POST('/api/quizzes/{quizId}/attempts', {
      params: { path: { quizId: event.params.quizId }, query: { locale: event.locals.locale } },
    }),
  );
const saveAnswers = (event: RequestEvent, attemptId: string, answers: ReturnType<typeof answersFromForm>['answers']) =>
  settle(
    apiClient(event).PUT('/api/attempts/{attemptId}/answers', { params: { path: { attemptId } }, body: { answers } }),
  );
/** A failed action: the message, and the questions to mark (an ordering left incomplete). */
const failed = (status: number, error: string, questions: string[] = []) => fail(status, { error, questions });

export const actions: Actions = {
  start: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await openAttempt(event);
    if (!res.ok) return failed(res.status, errorText(res.error));
    redirect(303, `/quizzes/${event.params.quizId}`);
  },
  save: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await openAttempt(event);
    if (!res.ok) return failed(res.status, errorText(res.error));
    const { answers, badOrdering } = answersFromForm(await event.request.formData(), res.data.questions);
    const saved = await saveAnswers(event, res.data.attemptId, answers);
    if (!saved.ok) return failed(saved.status, errorText(saved.error));
    if (badOrdering.length) return failed(400, m.quiz_ordering_incomplete(), badOrdering);
    return { saved: true };
  },
  submit: async (event) => {
    requireSignedIn(event.locals, event.url);
    const form = await event.request.formData();
    // The attempt the form was drawn for: a submission sent later (kept on a device while offline)
    // is graded against that attempt, and one sent twice lands on the same result.
    const attemptId = String(form.get('attemptId') ?? '');
    const res = attemptId
      ? await settle(
          apiClient(event).GET('/api/attempts/{attemptId}', {
            params: { path: { attemptId }, query: { locale: event.locals.locale } },
          }),
        )
      : await openAttempt(event);
    if (!res.ok) return failed(res.status, errorText(res.error));
    if (res.data.status !== 'open') redirect(303, `/attempts/${res.data.attemptId}`);
    const { answers, badOrdering } = answersFromForm(form, res.data.questions);
    if (badOrdering.length) {
      // Keep what was answered, as Save does; if that fails, the person must know their answers were not kept.
      const saved = await saveAnswers(event, res.data.attemptId, answers);
      if (!saved.ok) return failed(saved.status, errorText(saved.error));
      return failed(400, m.quiz_ordering_incomplete(), badOrdering);
    }
    const submitted = await settle(
      apiClient(event).POST('/api/attempts/{attemptId}/submit', {
        params: { path: { attemptId: res.data.attemptId } },
        body: { answers },
      }),
    );
    if (!submitted.ok) return failed(submitted.status, errorText(submitted.error));
    redirect(303, `/attempts/${res.data.attemptId}`);
  },
};
