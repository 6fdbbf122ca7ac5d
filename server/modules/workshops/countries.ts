// Country codes: the current ISO 3166-1 alpha-2 list, taken from the CLDR region data in the platform's Intl.
// CLDR also names codes that are not countries, or no longer are; those are left out by name, so a retired code
// such as VD (North Vietnam) can never be offered or stored again.

/** Retired ISO 3166-1 codes (and the transitional UK), with the code that replaced them. */
export const RETIRED_COUNTRY_CODES: Readonly<Record<string, string>> = Object.freeze({
  AN: 'CW', // Netherlands Antilles, split in 2010 (CW, SX, BQ)
  BU: 'MM', // Burma
  CS: 'RS', // Serbia and Montenegro (earlier Czechoslovakia)
  DD: 'DE', // East Germany
  DY: 'BJ', // Dahomey
  FX: 'FR', // Metropolitan France
  HV: 'BF', // Upper Volta
  NH: 'VU', // New Hebrides
  RH: 'ZW', // Southern Rhodesia
  SU: 'RU', // USSR
  TP: 'TL', // East Timor
  UK: 'GB', // reserved for the United Kingdom, not its code
  VD: 'VN', // North Vietnam
  YD: 'YE', // South Yemen
  YU: 'RS', // Yugoslavia
  ZR: 'CD', // Zaire
});

// CLDR regions that are not ISO 3166-1 countries: reserved codes, groupings and private-use codes.
const NOT_COUNTRIES = new Set([
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'EU',
  'EZ',
  'IC',
  'QO',
  'TA',
  'UN',
  'XA',
  'XB',
  'XK',
  'ZZ',
]);

const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** The 249 current ISO 3166-1 alpha-2 codes, alphabetical. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter(
    (code) => !NOT_COUNTRIES.has(code) && !(code in RETIRED_COUNTRY_CODES) && englishNames.of(code) !== code,
  ),
);
const CURRENT = new Set(COUNTRY_CODES);

export type CountryCheck = { code: string } | { retired: string; successor: string } | { unknown: true };

/** Checks a two-letter code: current (upper-cased), retired (with its successor) or unknown. */
export function checkCountry(input: string): CountryCheck {
  const code = input.trim().toUpperCase();
  if (CURRENT.has(code)) return { code };
  if (code in RETIRED_COUNTRY_CODES) return { retired: code, successor: RETIRED_COUNTRY_CODES[code] };
  return { unknown: true };
}

/** A country's name in a language (English when the language has none). */
export const countryNameIn = (code: string, locale: string) =>
  new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' }).of(code) ?? code;

/** Current countries with their names in a language, sorted the way that language sorts. */
export function countryList(locale: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();

/**
 * The current country a person means by a code or a name, in their language or in English ("Vietnam", "Viet Nam",
 * "vn"): the code, or null when nothing or more than one country matches.
 */
export function findCountry(query: string, locale = 'en'): string | null {
  const check = checkCountry(query);
  if ('code' in check) return check.code;
  const wanted = fold(query);
  if (!wanted) return null;
  const key = (s: string) => fold(s).replace(/ /g, '');
  const matches = new Set<string>();
  for (const lang of new Set([locale, 'en'])) {
    for (const c of countryList(lang)) if (key(c.name) === key(wanted)) matches.add(c.code);
  }
  return matches.size === 1 ? [...matches][0] : null;
}
