// Derives one lesson's state from its events: order-independent and idempotent, so any replay gives the same state.
import { mergeRanges, type Range } from './completion.ts';

export type LessonEvent = { type: string; at: Date; ranges?: [number, number][] | null; seconds?: number | null };
export type DerivedLessonState = {
  openedAt: Date;
  completedAt: Date | null;
  lastActiveAt: Date;
  positionSeconds: number | null;
  positionAt: Date | null;
  watchedRanges: Range[];
};

const earliest = (a: Date | null, b: Date) => (a && a <= b ? a : b);

export function deriveLessonState(events: LessonEvent[]): DerivedLessonState | null {
  if (!events.length) return null;
  let openedAt: Date | null = null;
  let completedAt: Date | null = null;
  let lastActiveAt = events[0].at;
  let position: { seconds: number; at: Date } | null = null;
  const ranges: Range[] = [];
  for (const e of events) {
    openedAt = earliest(openedAt, e.at);
    if (e.at > lastActiveAt) lastActiveAt = e.at;
    if (e.type === 'lesson.completed') completedAt = earliest(completedAt, e.at);
    if (e.type === 'video.watched' && e.ranges) ranges.push(...e.ranges);
    if (e.type === 'position' && e.seconds != null && (!position || e.at >= position.at)) position = { seconds: e.seconds, at: e.at };
  }
  return { openedAt: openedAt!, completedAt, lastActiveAt, positionSeconds: position ? Math.round(position.seconds) : null, positionAt: position?.at ?? null, watchedRanges: mergeRanges(ranges) };
}
