// The durable job queue, on the test database (PGlite, or Postgres with TEST_DB=postgres).
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { jobs } from '../../../server/db/schema.ts';
import {
  claimNext,
  complete,
  enqueue,
  fail,
  getJob,
  listJobs,
  reportProgress,
  startWorker,
  workOnce,
} from '../../../server/jobs/queue.ts';
import { freshDatabase } from '../../helpers/db.ts';

const database = await freshDatabase();
t.teardown(() => database.close());
const { db } = database;
const log = { info: () => {}, warn: () => {}, error: () => {} };

t.test('enqueueing the same kind and key twice makes one job', async (t) => {
  const a = await enqueue(db, { kind: 'dedupe', key: 'k1', payload: { n: 1 } });
  const b = await enqueue(db, { kind: 'dedupe', key: 'k1', payload: { n: 2 } });
  t.equal(b.id, a.id);
  t.equal((await listJobs(db, 'dedupe')).length, 1);
  t.same(a.payload, { n: 1 });
  t.equal(a.status, 'queued');
});

t.test('a claimed job is running with a lock; once done the key can be enqueued again', async (t) => {
  const job = await enqueue(db, { kind: 'claim', key: 'k' });
  const claimed = await claimNext(db, ['claim'], 60);
  t.equal(claimed?.id, job.id);
  t.equal(claimed?.status, 'running');
  t.equal(claimed?.attempts, 1);
  t.ok(claimed?.lockedUntil && claimed.lockedUntil.getTime() > Date.now());
  t.equal(await claimNext(db, ['claim'], 60), null, 'a running job is not claimed twice');
  await complete(db, job.id);
  t.equal((await getJob(db, job.id))?.status, 'done');
  const again = await enqueue(db, { kind: 'claim', key: 'k' });
  t.not(again.id, job.id);
});

t.test('concurrent claims of one job: only one gets it', async (t) => {
  await enqueue(db, { kind: 'race', key: 'only' });
  const results = await Promise.all(Array.from({ length: 8 }, () => claimNext(db, ['race'], 60)));
  t.equal(results.filter(Boolean).length, 1);
});

t.test('a failure requeues with backoff and attempts+1; after max attempts the job fails', async (t) => {
  const job = await enqueue(db, { kind: 'flaky', key: 'f', maxAttempts: 2 });
  await claimNext(db, ['flaky'], 60);
  await fail(db, job.id, new Error('boom 1'));
  const after1 = (await getJob(db, job.id))!;
  t.equal(after1.status, 'queued');
  t.equal(after1.attempts, 1);
  t.equal(after1.lastError, 'boom 1');
  t.ok(after1.runAfter.getTime() > Date.now() + 5_000, 'runs again later');
  t.equal(await claimNext(db, ['flaky'], 60), null, 'not due yet');
  await db
    .update(jobs)
    .set({ runAfter: sql`now() - interval '1 second'` })
    .where(eq(jobs.id, job.id));
  t.equal((await claimNext(db, ['flaky'], 60))?.attempts, 2);
  await fail(db, job.id, 'boom 2');
  const after2 = (await getJob(db, job.id))!;
  t.equal(after2.status, 'failed');
  t.equal(after2.lastError, 'boom 2');
  t.equal(await claimNext(db, ['flaky'], 60), null);
});

t.test('a running job whose lock expired (its process died) is claimed again', async (t) => {
  const job = await enqueue(db, { kind: 'crash', key: 'c' });
  await claimNext(db, ['crash'], 60);
  await db
    .update(jobs)
    .set({ lockedUntil: sql`now() - interval '1 second'` })
    .where(eq(jobs.id, job.id));
  const again = await claimNext(db, ['crash'], 60);
  t.equal(again?.id, job.id);
  t.equal(again?.attempts, 2);
});

t.test('a job that runs longer than its claim keeps it while its worker lives (heartbeat)', async (t) => {
  const job = await enqueue(db, { kind: 'long', key: 'k' });
  let stolen: unknown = 'not tried';
  await workOnce(db, {
    kinds: ['long'],
    lockSeconds: 1,
    log,
    handler: async () => {
      await new Promise((r) => setTimeout(r, 2500)); // 2.5 claims long
      stolen = await claimNext(db, ['long'], 1);
    },
  });
  t.equal(stolen, null, 'another worker could not claim it meanwhile');
  const done = await getJob(db, job.id);
  t.equal(done?.status, 'done');
  t.equal(done?.attempts, 1, 'it ran once');
});

t.test('progress is stored (clamped to 0-100)', async (t) => {
  const job = await enqueue(db, { kind: 'progress', key: 'p' });
  await claimNext(db, ['progress'], 60);
  await reportProgress(db, job.id, 42);
  t.equal((await getJob(db, job.id))?.progress, 42);
  await reportProgress(db, job.id, 250);
  t.equal((await getJob(db, job.id))?.progress, 100);
});

t.test('the worker runs jobs end to end, one at a time, and stops cleanly', async (t) => {
  const seen: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const a = await enqueue(db, { kind: 'work', key: 'a', payload: { v: 'a' } });
  const b = await enqueue(db, { kind: 'work', key: 'b', payload: { v: 'b' } });
  const bad = await enqueue(db, { kind: 'work', key: 'bad' });
  const worker = startWorker(db, {
    kinds: ['work'],
    pollMs: 20,
    lockSeconds: 30,
    log,
    handler: async (job, ctx) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await ctx.progress(50);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      if (job.key === 'bad') throw new Error('bad job');
      seen.push(String(job.payload.v));
    },
  });
  for (let i = 0; i < 200 && (await listJobs(db, 'work')).some((j) => j.status === 'queued' && j.attempts === 0); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  await worker.stop();
  t.same(seen.sort(), ['a', 'b']);
  t.equal(maxRunning, 1);
  t.equal((await getJob(db, a.id))?.status, 'done');
  t.equal((await getJob(db, b.id))?.progress, 100);
  const badJob = (await getJob(db, bad.id))!;
  t.equal(badJob.status, 'queued', 'a failed job waits for its retry');
  t.equal(badJob.lastError, 'bad job');
  t.equal(badJob.attempts, 1);
});
