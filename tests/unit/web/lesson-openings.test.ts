// A lesson opened again by the same person within a minute is not recorded again (web/src/lib/server/recent-openings.ts):
// it would only move the lesson's last activity by seconds. After the minute, or for anyone else, it is.
import t from 'tap';
import { OPENING_KEPT_MS, openedJustNow } from '../../../web/src/lib/server/recent-openings.ts';

t.test('an opening is recorded once a minute per person and lesson', async (t) => {
  const start = 1_800_000_000_000;
  t.equal(openedJustNow('ana', 'm1-a', start), false, 'the first opening is recorded');
  t.equal(openedJustNow('ana', 'm1-a', start + OPENING_KEPT_MS - 1), true, 'again within the minute: not');
  t.equal(openedJustNow('bo', 'm1-a', start + 1), false, 'another person opening it: recorded');
  t.equal(openedJustNow('ana', 'm1-b', start + 1), false, 'another lesson: recorded');
  t.equal(openedJustNow('ana', 'm1-a', start + OPENING_KEPT_MS), false, 'a minute later: recorded again');
  t.equal(openedJustNow('ana', 'm1-a', start + OPENING_KEPT_MS + 1), true, 'and counted from then');
});
