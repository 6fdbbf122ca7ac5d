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
    // The latest position wins; of two at the same time the further one, so the order of the events never matters.
    if (
      e.type === 'position' &&
      e.seconds != null &&
      (!position || e.at > position.at || (e.at.getTime() === position.at.getTime() && e.seconds >= position.seconds))
    ) {
      position = { seconds: e.seconds, at: e.at };
    }
  }
  return {
    openedAt: openedAt!,
    completedAt,
    lastActiveAt,
    positionSeconds: position ? Math.round(position.seconds) : null,
    positionAt: position?.at ?? null,
    watchedRanges: mergeRanges(ranges),
  };
}

/** A stored state as the events it summarises, so new events fold into it without rereading the log. */
type StoredState = Omit<DerivedLessonState, 'openedAt'> & { openedAt: Date | null };

export function stateAsEvents(s: StoredState): LessonEvent[] {
  const events: LessonEvent[] = [{ type: 'lesson.opened', at: s.lastActiveAt }];
  if (s.openedAt) events.push({ type: 'lesson.opened', at: s.openedAt });
  if (s.completedAt) events.push({ type: 'lesson.completed', at: s.completedAt });
  if (s.watchedRanges.length) events.push({ type: 'video.watched', at: s.lastActiveAt, ranges: s.watchedRanges });
  if (s.positionAt && s.positionSeconds != null)
    events.push({ type: 'position', at: s.positionAt, seconds: s.positionSeconds });
  return events;
}

/** Folds new events into a stored state: the same result as deriving from the whole log. */
export function foldLessonState(current: StoredState | undefined, events: LessonEvent[]): DerivedLessonState | null {
  return deriveLessonState([...(current ? stateAsEvents(current) : []), ...events]);
}
