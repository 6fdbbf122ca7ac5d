// The content version an anonymous lesson reader's body rests on: read at most once a second per process, at once
// again after an import by this process, and never kept when reading it failed.
import t from 'tap';
import { contentImported } from '../../../server/modules/catalog/content-epoch.ts';
import { LessonPayloads, VERSION_TTL_MS } from '../../../server/modules/catalog/lesson-payloads.ts';

function counter(versions: string[]) {
  let reads = 0;
  return {
    read: async () => versions[Math.min(reads++, versions.length - 1)],
    reads: () => reads,
  };
}

t.test('readers within a second share one read; the next read comes after it', async (t) => {
  const payloads = new LessonPayloads();
  const db = counter(['v1', 'v2']);
  t.equal(await payloads.recentVersion(db.read, 1_000), 'v1');
  t.equal(await payloads.recentVersion(db.read, 1_000 + VERSION_TTL_MS - 1), 'v1', 'still within the second');
  t.equal(db.reads(), 1, 'one read for both readers');
  t.equal(await payloads.recentVersion(db.read, 1_000 + VERSION_TTL_MS), 'v2', 'another process imported: seen now');
  t.equal(db.reads(), 2);
});

t.test('an import by this process is seen by the next reader, however recent the last read', async (t) => {
  const payloads = new LessonPayloads();
  const db = counter(['v1', 'v2']);
  t.equal(await payloads.recentVersion(db.read, 5_000), 'v1');
  contentImported();
  t.equal(await payloads.recentVersion(db.read, 5_001), 'v2');
});

t.test(
  'a version read with a signed-in reader or to build a body is what the next anonymous reader gets',
  async (t) => {
    const payloads = new LessonPayloads();
    const db = counter(['v1']);
    t.equal(await payloads.recentVersion(db.read, 9_000), 'v1');
    payloads.sawVersion('v3', 9_100);
    t.equal(await payloads.recentVersion(db.read, 9_200), 'v3');
    t.equal(db.reads(), 1);
  },
);

t.test('a failed read is not remembered: the next reader reads again', async (t) => {
  const payloads = new LessonPayloads();
  let calls = 0;
  const failing = async () => {
    calls++;
    if (calls === 1) throw new Error('connection lost');
    return 'v1';
  };
  await t.rejects(payloads.recentVersion(failing, 1_000), /connection lost/);
  t.equal(await payloads.recentVersion(failing, 1_001), 'v1');
  t.equal(calls, 2);
});
