// Progress events sent from page loads and form actions (each with a fresh id; the API ignores repeats).
import type { RequestEvent } from '@sveltejs/kit';
import { apiClient, settle } from './api.ts';

export async function recordLessonEvent(
  event: RequestEvent,
  type: 'lesson.opened' | 'lesson.completed',
  lessonId: string,
) {
  if (!event.locals.user) return null;
  return settle(
    apiClient(event).POST('/api/progress/events', {
      body: { events: [{ id: crypto.randomUUID(), type, lessonId, at: new Date().toISOString() }] },
    }),
  );
}
