import { fail, redirect } from '@sveltejs/kit';
import type { Answer } from '$lib/api/answers.ts';
import { loadLessonPage, readLesson } from '$lib/server/lesson-page.ts';
import { loadOnce } from '$lib/server/signed-in-render.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { recordLessonEvent } from '$lib/server/progress.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadOnce(event, loadLessonPage);

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
