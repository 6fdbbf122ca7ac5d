// Dates and places of workshops in the reader's language; due times in the workshop's own time zone.
import * as m from '$lib/i18n/generated/messages.ts';
import * as dates from '$lib/i18n/dates.ts';

/** "9 May 2026" for a calendar date (YYYY-MM-DD), without any time-zone shift. */
export const formatDay = (day: string, locale: string) => dates.formatDay(day, locale);

/** "9 May 2026, 17:00" in the workshop's time zone. */
export const formatDue = (iso: string, timeZone: string, locale: string) => dates.formatDateTime(iso, locale, timeZone);

export const formatTime = (iso: string, timeZone: string, locale: string) => dates.formatTime(iso, locale, timeZone);

export const countryName = (code: string, locale: string) =>
  new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;

export const phaseLabel = (phase: 'upcoming' | 'running' | 'ended' | 'archived') =>
  ({
    upcoming: m.workshops_phase_upcoming,
    running: m.workshops_phase_running,
    ended: m.workshops_phase_ended,
    archived: m.workshops_phase_archived,
  })[phase]();

export const statusLabel = (status: 'not_started' | 'in_progress' | 'complete' | 'overdue') =>
  ({
    not_started: m.workshops_status_not_started,
    in_progress: m.workshops_status_in_progress,
    complete: m.workshops_status_complete,
    overdue: m.workshops_status_overdue,
  })[status]();
