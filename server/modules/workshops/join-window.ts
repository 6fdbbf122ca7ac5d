// The optional join window: facilitators enter open-from/until as wall-clock times in the workshop's time zone
// ("2026-05-06T08:00", as an <input type="datetime-local"> sends it); they are stored as UTC instants.
import type { WorkshopRow } from '../../db/schema.ts';
import { AppError, BadRequest } from '../../http/errors.ts';
import { utcToZoned, zonedToUtc } from './places.ts';

/** An instant as a local date-time in a zone, "YYYY-MM-DDTHH:MM", or null. */
export function toLocalDateTime(at: Date | null, timeZone: string): string | null {
  if (!at) return null;
  const { date, time } = utcToZoned(at, timeZone);
  return `${date}T${time}`;
}

const fromLocalDateTime = (local: string, timeZone: string) =>
  zonedToUtc(local.slice(0, 10), local.slice(11, 16), timeZone);

/**
 * The window's columns after an edit: a local value is read in the (possibly new) time zone; null clears it;
 * undefined keeps it. Opening must come before closing.
 */
export function joinWindowChanges(
  w: WorkshopRow,
  input: { joinFrom?: string | null; joinUntil?: string | null },
  timeZone: string,
) {
  const changes: { joinFrom?: Date | null; joinUntil?: Date | null } = {};
  if (input.joinFrom !== undefined)
    changes.joinFrom = input.joinFrom === null ? null : fromLocalDateTime(input.joinFrom, timeZone);
  if (input.joinUntil !== undefined)
    changes.joinUntil = input.joinUntil === null ? null : fromLocalDateTime(input.joinUntil, timeZone);
  const from = changes.joinFrom !== undefined ? changes.joinFrom : w.joinFrom;
  const until = changes.joinUntil !== undefined ? changes.joinUntil : w.joinUntil;
  if (from && until && until <= from) {
    throw BadRequest(
      'workshops.join_window_order',
      `Joining cannot close (${toLocalDateTime(until, timeZone)}) before it opens (${toLocalDateTime(from, timeZone)}).`,
      [{ field: 'body.joinUntil' }],
    );
  }
  return changes;
}

const shown = (at: Date, timeZone: string) => `${toLocalDateTime(at, timeZone)!.replace('T', ' ')} (${timeZone})`;

/** 410 when joining has not opened yet or has closed, saying when; null inside the window. */
export function outsideJoinWindow(w: WorkshopRow, now = new Date()): AppError | null {
  if (w.joinFrom && now < w.joinFrom) {
    const at = shown(w.joinFrom, w.timeZone);
    return new AppError(
      410,
      'workshops.join_not_open',
      `Joining this workshop is not open yet (opens ${at}). Try again then.`,
      { at },
    );
  }
  if (w.joinUntil && now >= w.joinUntil) {
    const at = shown(w.joinUntil, w.timeZone);
    return new AppError(
      410,
      'workshops.join_window_closed',
      `Joining this workshop closed on ${at}. Ask the facilitator if you still need to join.`,
      { at },
    );
  }
  return null;
}
