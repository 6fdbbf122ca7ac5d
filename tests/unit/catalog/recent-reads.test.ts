// A read of content (a quiz's bank for one start) is reused by the requests that follow within a second
// (server/modules/catalog/recent-reads.ts): a room pressing "Start" together makes one read. Read again after the
// second, after an import by this process, or when the read failed.
import t from 'tap';
import { contentImported } from '../../../server/modules/catalog/content-epoch.ts';
import { RECENT_READ_MS, RecentReads } from '../../../server/modules/catalog/recent-reads.ts';

function counting(value = 'bank') {
  const read = { count: 0, fn: async () => (read.count++, `${value} ${read.count}`) };
  return read;
}

t.test('starts within the second share one read, even while it is still under way', async (t) => {
  const banks = new RecentReads<string>();
  const read = counting();
  const at = 1_800_000_000_000;
  const together = await Promise.all(Array.from({ length: 200 }, (_, i) => banks.get('m1-quiz', read.fn, at + i)));
  t.equal(read.count, 1, '200 starts, one read');
  t.same(new Set(together), new Set(['bank 1']));
  t.equal(await banks.get('m1-quiz', read.fn, at + RECENT_READ_MS - 1), 'bank 1', 'still within the second');
  t.equal(await banks.get('m1-quiz', read.fn, at + RECENT_READ_MS), 'bank 2', 'after it: read again');
  t.equal(await banks.get('m2-quiz', read.fn, at + RECENT_READ_MS), 'bank 3', 'another quiz has its own read');
});

t.test('an import by this process is seen at once', async (t) => {
  const banks = new RecentReads<string>();
  const read = counting();
  const at = 1_800_000_000_000;
  t.equal(await banks.get('m1-quiz', read.fn, at), 'bank 1');
  contentImported();
  t.equal(await banks.get('m1-quiz', read.fn, at + 1), 'bank 2', 'read again after the import');
});

t.test('a failed read is not kept: the next start reads again', async (t) => {
  const banks = new RecentReads<string>();
  const at = 1_800_000_000_000;
  await t.rejects(
    banks.get('m1-quiz', () => Promise.reject(new Error('database unavailable')), at),
    /unavailable/,
  );
  t.equal(await banks.get('m1-quiz', counting().fn, at + 1), 'bank 1');
});

t.test('bounded: the least recently used quiz goes first', async (t) => {
  const banks = new RecentReads<string>(2);
  const read = counting();
  const at = 1_800_000_000_000;
  await banks.get('a', read.fn, at);
  await banks.get('b', read.fn, at);
  await banks.get('a', read.fn, at); // a used last
  await banks.get('c', read.fn, at); // b goes
  t.equal(read.count, 3);
  await banks.get('a', read.fn, at);
  t.equal(read.count, 3, 'a kept');
  await banks.get('b', read.fn, at);
  t.equal(read.count, 4, 'b read again');
});
