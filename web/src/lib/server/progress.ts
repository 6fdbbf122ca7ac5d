// Progress events sent from page loads and form actions (each with a fresh id; the API ignores repeats).
import type { RequestEvent } from '@sveltejs/kit';
import { apiClient, settle } from './api.ts';

/**
 * Openings of a lesson by a person that this process recorded in the last minute. Opening it again within the minute
 * would only move its last activity by seconds (nothing counts openings: the state keeps the first and the last), so
 * it is not sent: a page reloaded, or re-entered from the lesson's own links, costs no write. Bounded: the oldest go.
 */
export const OPENING_KEPT_MS = 60_000;
const MAX_OPENINGS = 20_000;
const openedAt = new Map<string, number>();

export function openedJustNow(userId: string, lessonId: string, now = Date.now()): boolean {
  const key = `${userId} ${lessonId}`;
  const at = openedAt.get(key);
  if (at !== undefined && now - at < OPENING_KEPT_MS) return true;
  openedAt.delete(key); // most recent last
  openedAt.set(key, now);
  if (openedAt.size > MAX_OPENINGS) openedAt.delete(openedAt.keys().next().value!);
  return false;
}

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
  // Not recorded (the database was out of reach): the next opening tries again.
  if (type === 'lesson.opened' && !recorded.ok) openedAt.delete(`${user.id} ${lessonId}`);
  return recorded;
}
