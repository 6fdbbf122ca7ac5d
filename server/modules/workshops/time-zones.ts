// The time-zone choices of the workshop form: each current zone with its country, city, UTC offset and name in the
// reader's language, so a person can find "Ho Chi Minh" or "Vietnam" rather than guess an IANA id.
import { COUNTRY_CODES, countryNameIn } from './countries.ts';
import { LEGACY_ZONE_NAMES, offsetMinutes, TIME_ZONES } from './places.ts';

export type TimeZoneChoice = {
  id: string;
  country: string | null;
  countryName: string;
  city: string;
  offset: string;
  name: string;
};

type LocaleWithZones = Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
let countryOfZone: Map<string, string> | undefined;
/** Which country each zone belongs to, from CLDR's region data (Intl.Locale time zones). */
function zoneCountries(): Map<string, string> {
  if (countryOfZone) return countryOfZone;
  countryOfZone = new Map();
  for (const code of COUNTRY_CODES) {
    const region = new Intl.Locale(`und-${code}`) as LocaleWithZones;
    for (const zone of region.getTimeZones?.() ?? region.timeZones ?? [])
      countryOfZone.set(LEGACY_ZONE_NAMES[zone] ?? zone, code);
  }
  return countryOfZone;
}

/** "UTC+07:00", "UTC−03:30", "UTC" for an offset in minutes. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zone's generic name in a language ("Indochina Time", "heure de l'Indochine"). */
function zoneName(id: string, locale: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat([locale, 'en'], { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(
      at,
    );
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? id;
  } catch {
    return id;
  }
}

// Offsets change at most daily (daylight saving), so the list is kept per language and UTC day.
const cache = new Map<string, TimeZoneChoice[]>();

/** Every current zone, UTC first, then by country name and city in the reader's language. */
export function timeZoneChoices(locale: string, now = new Date()): TimeZoneChoice[] {
  const key = `${locale}:${now.toISOString().slice(0, 10)}`;
  let list = cache.get(key);
  if (!list) {
    if (cache.size > 32) cache.clear();
    list = buildChoices(locale, now);
    cache.set(key, list);
  }
  return list;
}

function buildChoices(locale: string, now: Date): TimeZoneChoice[] {
  const countries = zoneCountries();
  const collator = new Intl.Collator(locale);
  const choices = TIME_ZONES.filter((id) => id !== 'UTC').map((id) => {
    const country = countries.get(id) ?? null;
    return {
      id,
      country,
      countryName: country ? countryNameIn(country, locale) : '',
      city: id.split('/').pop()!.replace(/_/g, ' '),
      offset: formatOffset(offsetMinutes(id, now)),
      name: zoneName(id, locale, now),
    };
  });
  choices.sort(
    (a, b) =>
      collator.compare(a.countryName || '\uffff', b.countryName || '\uffff') || collator.compare(a.city, b.city),
  );
  return [
    { id: 'UTC', country: null, countryName: '', city: 'UTC', offset: 'UTC', name: zoneName('UTC', locale, now) },
    ...choices,
  ];
}
