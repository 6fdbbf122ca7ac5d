// Openings of a lesson by a person that this process recorded in the last minute. Opening it again within the minute
// would only move its last activity by seconds (nothing counts openings: the state keeps the first and the last), so
// it is not sent: a page reloaded, or re-entered from the lesson's own links, costs no write. Bounded: the oldest go.
export const OPENING_KEPT_MS = 60_000;
const MAX_OPENINGS = 20_000;
const openedAt = new Map<string, number>();

/** Whether this person opened this lesson within the minute; if not, the opening counts from `now`. */
export function openedJustNow(userId: string, lessonId: string, now = Date.now()): boolean {
  const key = `${userId} ${lessonId}`;
  const at = openedAt.get(key);
  if (at !== undefined && now - at < OPENING_KEPT_MS) return true;
  openedAt.delete(key); // most recent last
  openedAt.set(key, now);
  if (openedAt.size > MAX_OPENINGS) openedAt.delete(openedAt.keys().next().value!);
  return false;
}

/** The opening could not be recorded: the next one is sent. */
export function forgetOpening(userId: string, lessonId: string) {
  openedAt.delete(`${userId} ${lessonId}`);
}
