// Time zones and local dates, with the platform's own Intl data (no extra library).

// CLDR (and so Intl) keeps the first name it gave a zone; the tz database has renamed some since. These are the
// tz database's current names for the old ones Intl still reports, so people pick and see today's spelling.
export const LEGACY_ZONE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
});
const current = (cldr: string) => LEGACY_ZONE_NAMES[cldr] ?? cldr;

/** Every place's time zone under its current tz-database name, and UTC. */
export const TIME_ZONES: readonly string[] = Object.freeze(['UTC', ...Intl.supportedValuesOf('timeZone').map(current)]);
const ZONES = new Set(TIME_ZONES);

/** The canonical (current tz-database) name for a zone, aliases such as Asia/Saigon mapped, or null when it is not one. */
export function canonicalTimeZone(name: string): string | null {
  if (ZONES.has(name)) return name;
  // Offsets such as "+07:00" resolve too, but are not places: only named zones are accepted.
  if (!/^[A-Za-z]/.test(name)) return null;
  try {
    const resolved = current(new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone);
    return ZONES.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(timeZone: string, at: Date): Parts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(
    fmt
      .formatToParts(at)
      .filter((x) => x.type !== 'literal')
      .map((x) => [x.type, Number(x.value)]),
  );
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  return Math.round(
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000) /
      60_000,
  );
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
