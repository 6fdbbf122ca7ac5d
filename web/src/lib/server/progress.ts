// Progress events sent from page loads and form actions (each with a fresh id; the API ignores repeats).
import type { RequestEvent } from '@sveltejs/kit';
import { apiClient, settle } from './api.ts';
import { forgetOpening, openedJustNow } from './recent-openings.ts';

export async function recordLessonEvent(
  event: RequestEvent,
  type: 'lesson.opened' | 'lesson.completed',
  lessonId: string,
) {
  const user = event.locals.user;
  if (!user) return null;
  if (type === 'lesson.opened' && openedJustNow(user.id, lessonId)) return null;
  const recorded = await settle(
    apiClient(event).POST('/api/progress/events', {
      body: { events: [{ id: crypto.randomUUID(), type, lessonId, at: new Date().toISOString() }] },
    }),
  );
  if (type === 'lesson.opened' && !recorded.ok) forgetOpening(user.id, lessonId);
  return recorded;
}
