// Every date and time the UI shows goes through here: Intl.DateTimeFormat in the UI's language, never a raw ISO
// string or a hand-built format.

/**
 * Hour cycle per UI language where the reviewers of that language asked for something other than CLDR's
 * default: Khmer readers asked for 24-hour times ("2:30 PM" with a Latin PM reads as foreign; issue 14).
 */
const HOUR_CYCLE: Readonly<Record<string, 'h23'>> = { km: 'h23' };

type Style = 'medium' | 'long';
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
const withHours = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormatOptions =>
  HOUR_CYCLE[locale] ? { ...options, hourCycle: HOUR_CYCLE[locale] } : options;

/** A calendar day ("2026-05-09") as "9 May 2026", with no time-zone shift. */
export const formatDay = (day: string, locale: string, style: Style = 'medium') =>
  formatter(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

/** The day of an instant, in `timeZone` (default: the server's, for SSR pages). */
export const formatDate = (iso: string | Date, locale: string, style: Style = 'long', timeZone?: string) =>
  formatter(locale, { dateStyle: style, ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));

/** "9 May 2026, 17:00" (in Khmer and Arabic as their readers write it). */
export const formatDateTime = (iso: string | Date, locale: string, timeZone?: string) =>
  formatter(
    locale,
    withHours(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }),
  ).format(new Date(iso));

/** "17:00" */
export const formatTime = (iso: string | Date, locale: string, timeZone?: string) =>
  formatter(locale, withHours(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) })).format(new Date(iso));
