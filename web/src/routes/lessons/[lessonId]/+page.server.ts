import { redirect } from '@sveltejs/kit';
import type { LessonDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { recordLessonEvent } from '$lib/server/progress.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  await recordLessonEvent(event, 'lesson.opened', event.params.lessonId);
  return { lesson: await fetchOrFail<LessonDetailBody>(event, `/api/lessons/${encodeURIComponent(event.params.lessonId)}`), signedIn: !!event.locals.user };
};

export const actions: Actions = {
  complete: async (event) => {
    requireSignedIn(event.locals, event.url);
    const lesson = await fetchOrFail<LessonDetailBody>(event, `/api/lessons/${encodeURIComponent(event.params.lessonId)}`);
    await recordLessonEvent(event, 'lesson.completed', lesson.id);
    const lastOfModule = lesson.position === lesson.lessonCount;
    redirect(303, lastOfModule && lesson.quizId ? `/quizzes/${lesson.quizId}` : lesson.next ? `/lessons/${lesson.next.id}` : `/modules/${lesson.moduleId}`);
  },
};
