// The country and time-zone lists of the workshop form: current ISO 3166-1 codes only, named in the reader's language;
// current tz-database zone names only, each with its country, city, UTC offset and localized name.
import t from 'tap';
import {
  checkCountry,
  COUNTRY_CODES,
  countryList,
  findCountry,
  RETIRED_COUNTRY_CODES,
} from '../../../server/modules/workshops/countries.ts';
import { canonicalTimeZone, TIME_ZONES } from '../../../server/modules/workshops/places.ts';
import { formatOffset, timeZoneChoices } from '../../../server/modules/workshops/time-zones.ts';

const RETIRED = ['AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR'];

t.test('the country list holds the 249 current ISO 3166-1 codes and no retired or reserved one', async (t) => {
  t.equal(COUNTRY_CODES.length, 249, 'ISO 3166-1 has 249 current alpha-2 codes');
  for (const code of [...RETIRED, 'EU', 'UN', 'XK', 'ZZ', 'AC', 'IC', 'EA', 'TA', 'DG', 'CP', 'QO'])
    t.notOk(COUNTRY_CODES.includes(code), `${code} is not offered`);
  for (const code of [
    'VN',
    'KH',
    'FR',
    'GB',
    'RS',
    'ME',
    'MM',
    'DE',
    'SS',
    'CW',
    'SX',
    'BQ',
    'TL',
    'CD',
    'PS',
    'TW',
    'HK',
  ])
    t.ok(COUNTRY_CODES.includes(code), `${code} is offered`);
  const en = countryList('en');
  t.equal(en.length, 249);
  t.same(
    en.filter((c) => /viet/i.test(c.name)).map((c) => c.code),
    ['VN'],
    "only one country is called anything like 'Vietnam'",
  );
  t.notOk(
    en.some((c) =>
      /Yugoslavia|^Burma|Zaire|East Germany|Metropolitan|North Vietnam|Czechoslovakia|Soviet/.test(c.name),
    ),
    'no retired name',
  );
});

t.test("'Vietnam' resolves to VN, in English and in the reader's language", async (t) => {
  t.equal(findCountry('Vietnam'), 'VN');
  t.equal(findCountry('Viet Nam'), 'VN');
  t.equal(findCountry('vietnam'), 'VN');
  t.equal(findCountry('Viêt Nam', 'fr'), 'VN', 'French name, accents or not');
  t.equal(findCountry('越南', 'zh'), 'VN');
  t.equal(findCountry('វៀតណាម', 'km'), 'VN');
  t.equal(findCountry('vn'), 'VN', 'a code too');
  t.equal(findCountry('VD'), null, 'not the retired code');
  t.equal(findCountry('Atlantis'), null);
  const vi = countryList('km').find((c) => c.code === 'VN')!;
  t.equal(vi.name, 'វៀតណាម', 'names come from Intl.DisplayNames in the UI language');
});

t.test('a retired code is recognised as retired, with the code that replaced it', async (t) => {
  for (const code of RETIRED)
    t.same(checkCountry(code), { retired: code, successor: RETIRED_COUNTRY_CODES[code] }, code);
  t.same(checkCountry('vd'), { retired: 'VD', successor: 'VN' });
  t.same(checkCountry('UK'), { retired: 'UK', successor: 'GB' });
  t.same(checkCountry('XY'), { unknown: true });
  t.same(checkCountry('vn'), { code: 'VN' });
});

t.test('time zones: current tz-database names only; old names are mapped to them', async (t) => {
  const legacy = [
    'Asia/Saigon',
    'Asia/Calcutta',
    'Asia/Katmandu',
    'Asia/Rangoon',
    'Europe/Kiev',
    'America/Buenos_Aires',
    'America/Godthab',
    'Pacific/Truk',
    'Atlantic/Faeroe',
    'Pacific/Enderbury',
  ];
  for (const zone of legacy) t.notOk(TIME_ZONES.includes(zone), `${zone} is not offered`);
  for (const zone of [
    'Asia/Ho_Chi_Minh',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Asia/Yangon',
    'Europe/Kyiv',
    'America/Argentina/Buenos_Aires',
    'America/Nuuk',
    'Pacific/Chuuk',
    'Atlantic/Faroe',
    'Pacific/Kanton',
    'Asia/Phnom_Penh',
    'UTC',
  ]) {
    t.ok(TIME_ZONES.includes(zone), `${zone} is offered`);
  }
  t.equal(new Set(TIME_ZONES).size, TIME_ZONES.length, 'no zone twice');
  t.equal(canonicalTimeZone('Asia/Saigon'), 'Asia/Ho_Chi_Minh', 'the old name is mapped to the current one');
  t.equal(canonicalTimeZone('Asia/Ho_Chi_Minh'), 'Asia/Ho_Chi_Minh');
  t.equal(canonicalTimeZone('Europe/Kiev'), 'Europe/Kyiv');
  t.equal(canonicalTimeZone('US/Eastern'), 'America/New_York', 'a link resolves to its zone');
});

t.test('each time zone is labelled with its country, city, UTC offset and a name in the reader language', async (t) => {
  const january = new Date('2026-01-15T12:00:00Z');
  const en = timeZoneChoices('en', january);
  t.equal(en.length, TIME_ZONES.length);
  t.equal(en[0].id, 'UTC', 'UTC first');
  t.same(
    en.filter((z) => !z.country).map((z) => z.id),
    ['UTC'],
    'every other zone belongs to a country',
  );
  t.ok(
    en.every((z) => !z.country || COUNTRY_CODES.includes(z.country)),
    'only current countries',
  );
  const hcm = en.find((z) => z.id === 'Asia/Ho_Chi_Minh')!;
  t.same(hcm, {
    id: 'Asia/Ho_Chi_Minh',
    country: 'VN',
    countryName: 'Vietnam',
    city: 'Ho Chi Minh',
    offset: 'UTC+07:00',
    name: 'Indochina Time',
  });
  t.equal(en.find((z) => z.id === 'Europe/Paris')!.offset, 'UTC+01:00', 'winter offset');
  t.equal(
    timeZoneChoices('en', new Date('2026-07-15T12:00:00Z')).find((z) => z.id === 'Europe/Paris')!.offset,
    'UTC+02:00',
    'summer offset',
  );
  t.equal(en.find((z) => z.id === 'Asia/Kathmandu')!.offset, 'UTC+05:45');
  t.equal(en.find((z) => z.id === 'America/St_Johns')!.offset, 'UTC−03:30');
  const us = en.filter((z) => z.country === 'US').map((z) => z.city);
  t.ok(us.indexOf('Chicago') < us.indexOf('New York'), 'sorted by city within a country');
  const km = timeZoneChoices('km', january).find((z) => z.id === 'Asia/Ho_Chi_Minh')!;
  t.equal(km.countryName, 'វៀតណាម', 'country name in Khmer');
  t.not(km.name, 'Indochina Time', 'zone name in Khmer');
  t.equal(formatOffset(0), 'UTC');
  t.equal(formatOffset(-210), 'UTC−03:30');
});
