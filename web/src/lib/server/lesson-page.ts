// The lesson page's load, shared by its route and the signed-in render path (hooks.server.ts), which runs it first.
import type { RequestEvent } from '@sveltejs/kit';
import { apiClient } from './api.ts';
import { orFail } from './catalog.ts';
import { recordLessonEvent } from './progress.ts';
import { shareWhenAnonymous } from './shared-render.ts';

export const LESSON_ROUTE = '/lessons/[lessonId]';

/** The lesson in the visitor's language: revalidated by its ETag when this server has read it before (a 304, no body). */
export const readLesson = (event: RequestEvent) =>
  orFail(
    apiClient(event).GET('/api/lessons/{lessonId}', {
      params: { path: { lessonId: event.params.lessonId! }, query: { locale: event.locals.locale } },
    }),
  );

export async function loadLessonPage(event: RequestEvent) {
  shareWhenAnonymous(event);
  // The read first: it reuses the session check of this render, which the write (the opening) then ends.
  const lesson = await readLesson(event);
  await recordLessonEvent(event, 'lesson.opened', lesson.id);
  return { lesson, signedIn: !!event.locals.user };
}
