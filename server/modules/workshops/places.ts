// Time zones, countries and local dates, with the platform's own Intl data (no extra library).

const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** The canonical IANA name for a zone (aliases such as Asia/Saigon accepted), or null when it is not one. */
export function canonicalTimeZone(name: string): string | null {
  if (ZONES.has(name)) return name;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    // Offsets such as "+07:00" resolve too, but are not places: only named zones are accepted.
    return /^[A-Za-z]/.test(name) && ZONES.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

// Codes CLDR knows as regions that are not ISO 3166-1 countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An ISO 3166-1 alpha-2 country code (upper case), or null. */
export function countryCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return null;
  try {
    return regionNames.of(code) !== code ? code : null;
  } catch {
    return null;
  }
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(timeZone: string, at: Date): Parts {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(fmt.formatToParts(at).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of a wall-clock date and time in a zone ("2026-05-09", "17:00", "Asia/Phnom_Penh"). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset across a daylight-saving change.
  let guess = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the local date and time in a zone: { date: "2026-05-09", time: "17:00" }. */
export function utcToZoned(at: Date, timeZone: string): { date: string; time: string } {
  const p = partsIn(timeZone, at);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** Today's date in a zone. */
export const todayIn = (timeZone: string, now = new Date()) => utcToZoned(now, timeZone).date;
