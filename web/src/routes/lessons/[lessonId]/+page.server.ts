import { shareWhenAnonymous } from '$lib/server/shared-render.ts';
import { fail, redirect } from '@sveltejs/kit';
import type { Answer } from '$lib/api/answers.ts';
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { recordLessonEvent } from '$lib/server/progress.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The lesson in the visitor's language: revalidated by its ETag when this server has read it before (a 304, no body). */
const readLesson = (event: RequestEvent) =>
  orFail(
    apiClient(event).GET('/api/lessons/{lessonId}', {
      params: { path: { lessonId: event.params.lessonId }, query: { locale: event.locals.locale } },
    }),
  );

export const load: PageServerLoad = async (event) => {
  shareWhenAnonymous(event);
  // The read first: it reuses the session check of this render, which the write (the opening) then ends.
  const lesson = await readLesson(event);
  await recordLessonEvent(event, 'lesson.opened', lesson.id);
  return { lesson, signedIn: !!event.locals.user };
};

/** Where finishing leads: "Next" goes to the next lesson; "I have finished" to the module quiz after a module's last lesson. */
function afterFinishing(lesson: Answer<'getLesson'>, to: 'next' | 'finish'): string {
  if (to === 'next' && lesson.next) return `/lessons/${lesson.next.id}`;
  const lastOfModule = lesson.position === lesson.lessonCount;
  return lastOfModule && lesson.quizId
    ? `/quizzes/${lesson.quizId}`
    : lesson.next
      ? `/lessons/${lesson.next.id}`
      : `/modules/${lesson.moduleId}`;
}

export const actions: Actions = {
  // Both "I have finished" and, for a signed-in learner, "Next" post here (a form, so it works without JavaScript
  // and SvelteKit's origin check keeps other sites out). The event is the person's own: the API takes the cookie's user.
  complete: async (event) => {
    requireSignedIn(event.locals, event.url);
    const to = (await event.request.formData()).get('to') ?? 'finish';
    if (to !== 'next' && to !== 'finish') return fail(400, { error: m.errors_request_invalid_value() });
    const lesson = await readLesson(event);
    const recorded = await recordLessonEvent(event, 'lesson.completed', lesson.id);
    if (recorded && !recorded.ok) return fail(recorded.status, { error: errorText(recorded.error) });
    redirect(303, afterFinishing(lesson, to));
  },
};
