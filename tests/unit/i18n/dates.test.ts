// Every date and time the UI shows goes through Intl.DateTimeFormat in the UI's language (issue 14, Khmer review).
import t from 'tap';
import { formatDate, formatDateTime, formatDay, formatTime } from '../../../web/src/lib/i18n/dates.ts';

const afternoon = '2026-03-05T14:30:00Z';

t.test('Khmer: 24-hour times in Khmer month names, no Latin AM/PM', async (t) => {
  const text = formatDateTime(afternoon, 'km', 'UTC');
  t.match(text, /14:30/);
  t.notMatch(text, /AM|PM/);
  t.match(text, /មីនា/, 'the month in Khmer');
  t.equal(formatTime(afternoon, 'km', 'Asia/Phnom_Penh'), '21:30', 'in the given time zone');
});

t.test('each UI language writes dates its own way', async (t) => {
  t.equal(formatDay('2026-03-05', 'en'), 'Mar 5, 2026');
  t.equal(formatDay('2026-03-05', 'fr'), '5 mars 2026');
  t.equal(formatDay('2026-03-05', 'fr', 'long'), '5 mars 2026');
  t.match(formatDay('2026-03-05', 'zh'), /2026年3月5日/);
  t.match(formatDay('2026-03-05', 'ar', 'long'), /مارس/);
  t.equal(formatTime(afternoon, 'en', 'UTC'), '2:30 PM', 'English keeps its 12-hour clock');
  t.equal(formatTime(afternoon, 'fr', 'UTC'), '14:30');
});

t.test('a calendar day does not move with the time zone', async (t) => {
  t.equal(formatDay('2026-01-01', 'en'), 'Jan 1, 2026');
  t.equal(formatDay('2026-01-01T00:00:00.000Z', 'en'), 'Jan 1, 2026');
  t.equal(formatDate('2026-01-01T23:30:00Z', 'en', 'long', 'Asia/Tokyo'), 'January 2, 2026');
});
