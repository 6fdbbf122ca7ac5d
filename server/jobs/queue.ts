// The durable job queue: jobs are rows in the `jobs` table, so they survive a restart.
// A worker claims one due job at a time and holds it for `lockSeconds`; when the process dies the
// claim expires and another worker (or the next start) claims the job again. A failed attempt goes
// back to the queue with an exponential backoff until `max_attempts`, then stays 'failed'.
// Works the same on PGlite and Postgres (UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED)).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobs, type JobRow } from '../db/schema.ts';

export type Job = JobRow;
export type EnqueueInput = { kind: string; key: string; payload?: Record<string, unknown>; maxAttempts?: number };

const ACTIVE = ['queued', 'running'] as const;
/** Seconds to wait before the next attempt after `attempts` failed attempts: 10, 20, 40 ... capped at one hour. */
export const backoffSeconds = (attempts: number) => Math.min(10 * 2 ** Math.max(0, attempts - 1), 3600);

/** Adds a job unless one with the same kind and key is already queued or running; returns that job. */
export async function enqueue(db: DbOrTx, input: EnqueueInput): Promise<Job> {
  const [created] = await db
    .insert(jobs)
    .values({ kind: input.kind, key: input.key, payload: input.payload ?? {}, maxAttempts: input.maxAttempts ?? 5 })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [existing] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, input.kind), eq(jobs.key, input.key), inArray(jobs.status, [...ACTIVE])));
  if (!existing) throw new Error(`enqueue ${input.kind}/${input.key}: conflicting job vanished; try again`);
  return existing;
}

/** Claims one due job of these kinds (queued and due, or running with an expired claim), or null. */
export async function claimNext(db: DbOrTx, kinds: string[], lockSeconds: number): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const due = sql`(select ${jobs.id} from ${jobs}
    where ${inArray(jobs.kind, kinds)}
      and ((${jobs.status} = 'queued' and ${jobs.runAfter} <= now())
        or (${jobs.status} = 'running' and ${jobs.lockedUntil} < now()))
    order by ${jobs.runAfter}
    limit 1
    for update skip locked)`;
  const [job] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${lockSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(eq(jobs.id, due))
    .returning();
  return job ?? null;
}

export async function reportProgress(db: DbOrTx, id: string, percent: number): Promise<void> {
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  await db
    .update(jobs)
    .set({ progress, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export async function complete(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', progress: 100, lockedUntil: null, lastError: null, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** Records a failed attempt: back to the queue after a backoff, or 'failed' once max_attempts is reached. */
export async function fail(db: DbOrTx, id: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end`,
      runAfter: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then ${jobs.runAfter}
        else now() + make_interval(secs => least(10 * power(2, greatest(${jobs.attempts} - 1, 0)), 3600)) end`,
      lockedUntil: null,
      lastError: message.slice(0, 4000),
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export async function getJob(db: DbOrTx, id: string): Promise<Job | null> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

/** The newest job of this kind and key, whatever its status (what a progress page shows), or null. */
export async function latestJob(db: DbOrTx, kind: string, key: string): Promise<Job | null> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.key, key)))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return job ?? null;
}

/** Removes every job of this kind and key (its subject is gone); a running one finishes but its result is dropped. */
export async function deleteJobs(db: DbOrTx, kind: string, key: string): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.kind, kind), eq(jobs.key, key)));
}

export async function listJobs(db: DbOrTx, kind: string): Promise<Job[]> {
  return db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(asc(jobs.createdAt));
}

type Log = { info: (msg: string) => void; warn: (msg: string) => void; error: (obj: object, msg: string) => void };
/** Extends a running job's claim: a live worker keeps its job; a dead one's claim lapses soon after. */
export async function renewLock(db: DbOrTx, id: string, lockSeconds: number): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${lockSeconds})` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export type JobContext = { progress: (percent: number) => Promise<void> };
export type WorkerOptions = {
  kinds: string[];
  handler: (job: Job, ctx: JobContext) => Promise<void>;
  pollMs?: number;
  lockSeconds?: number;
  log: Log;
};
export type Worker = { stop: () => Promise<void> };

/** Claims and runs the next due job; false when there was none. A handler error fails the attempt. */
export async function workOnce(db: DbOrTx, opts: Omit<WorkerOptions, 'pollMs'>): Promise<boolean> {
  const lockSeconds = opts.lockSeconds ?? 120;
  const job = await claimNext(db, opts.kinds, lockSeconds);
  if (!job) return false;
  // While the handler runs, renew the claim every third of its length: a job outlives its lock only when
  // its process died, and is then claimed again within `lockSeconds`, however long the job itself takes.
  const heartbeat = setInterval(
    () =>
      renewLock(db, job.id, lockSeconds).catch((err) =>
        opts.log.warn(`Could not renew the claim on job ${job.id}: ${err}`),
      ),
    (lockSeconds * 1000) / 3,
  );
  try {
    await opts.handler(job, { progress: (p) => reportProgress(db, job.id, p) });
    await complete(db, job.id);
  } catch (err) {
    opts.log.error({ err }, `Job ${job.kind} ${job.key} failed (attempt ${job.attempts} of ${job.maxAttempts})`);
    await fail(db, job.id, err);
  } finally {
    clearInterval(heartbeat);
  }
  return true;
}

/** Runs jobs of these kinds one at a time until stop(); stop() resolves once the current job has ended. */
export function startWorker(db: DbOrTx, opts: WorkerOptions): Worker {
  const pollMs = opts.pollMs ?? 5000;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        worked = await workOnce(db, opts);
      } catch (err) {
        opts.log.error({ err }, `The job worker (${opts.kinds.join(', ')}) could not reach the queue; retrying`);
      }
      if (!worked && !stopped) await sleep();
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
