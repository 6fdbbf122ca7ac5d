import t from 'tap';
import { checkCountry } from '../../../server/modules/workshops/countries.ts';
import { canonicalTimeZone, todayIn, utcToZoned, zonedToUtc } from '../../../server/modules/workshops/places.ts';
const countryCode = (s: string) => {
  const c = checkCountry(s);
  return 'code' in c ? c.code : null;
};

t.test('a wall-clock time in a zone becomes the right UTC instant, across daylight-saving changes', async (t) => {
  t.equal(zonedToUtc('2026-05-09', '17:00', 'Asia/Phnom_Penh').toISOString(), '2026-05-09T10:00:00.000Z');
  t.equal(zonedToUtc('2026-01-15', '09:00', 'Europe/Paris').toISOString(), '2026-01-15T08:00:00.000Z', 'winter, UTC+1');
  t.equal(zonedToUtc('2026-07-15', '09:00', 'Europe/Paris').toISOString(), '2026-07-15T07:00:00.000Z', 'summer, UTC+2');
  t.equal(
    zonedToUtc('2026-05-09', '23:59', 'America/Bogota').toISOString(),
    '2026-05-10T04:59:00.000Z',
    'west of UTC: the next UTC day',
  );
  t.same(
    utcToZoned(new Date('2026-05-10T04:59:00Z'), 'America/Bogota'),
    { date: '2026-05-09', time: '23:59' },
    'and back',
  );
  t.equal(todayIn('Pacific/Kiritimati', new Date('2026-05-09T12:00:00Z')), '2026-05-10', 'UTC+14 is already tomorrow');
});

t.test('time zones and countries are checked against the platform data', async (t) => {
  t.equal(canonicalTimeZone('Asia/Phnom_Penh'), 'Asia/Phnom_Penh');
  t.equal(canonicalTimeZone('UTC'), 'UTC');
  t.equal(canonicalTimeZone('Mars/Olympus_Mons'), null);
  t.equal(canonicalTimeZone('+07:00'), null, 'an offset is not a place');
  t.equal(countryCode('kh'), 'KH');
  t.equal(countryCode('XY'), null);
  t.equal(countryCode('EU'), null, 'a union is not a country');
  t.equal(countryCode('KHM'), null);
});
