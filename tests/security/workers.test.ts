// WORKERS=N: several server processes on one port (the real server, `npm start`, as a child process).
// Postgres: two workers share the sign-in rate limit and the job queue (each job claimed once), and when one is
// killed with kill -9 under load the other keeps serving, the primary starts another, and every write either of
// them acknowledged is in the database.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { GOOD_PASSWORD, uniqueEmail } from '../helpers/app.ts';
import { contentBundle, freshDatabaseUrl, testDbKind } from '../helpers/db.ts';
import { startServer } from '../helpers/server-process.ts';
import { enqueue } from '../../server/jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB } from '../../server/modules/media/uploads/transcode.ts';
import { BACKGROUND_LOCALES } from '../../server/modules/media/media.renderer.ts';
import { cacheKey } from '../../server/modules/media/render/render-tutorial.ts';
import { loadStoryboard } from '../../server/modules/media/render/storyboard.ts';
import { CONTENT_DIR } from '../../server/modules/catalog/content-boot.ts';

type Answer = { status: number; worker: string | undefined; body: string; cookie: string | undefined };

/** One request on a connection of its own: the cluster hands each new connection to the next worker in turn. */
function request(
  base: string,
  method: string,
  pathname: string,
  opts: { body?: unknown; cookie?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      new URL(pathname, base),
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          connection: 'close',
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            worker: res.headers['x-worker'] as string | undefined,
            body,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A connection the primary accepted for a worker that was killed that instant is never answered.
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(payload);
  });
}

function dataDir(t: { teardown: (fn: () => unknown) => void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-workers-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Marks every tutorial as already rendered (a pointer to an empty render), so the workers' media renderers go straight
 * to polling the queue instead of rendering videos, which this test is not about.
 */
function markTutorialsRendered(mediaDir: string) {
  const modulesDir = path.join(CONTENT_DIR, 'modules');
  for (const name of fs.readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, name);
    if (!fs.existsSync(path.join(dir, 'storyboard.yaml'))) continue;
    for (const locale of BACKGROUND_LOCALES) {
      const loaded = loadStoryboard(dir, locale);
      const hash = cacheKey(loaded, locale);
      const render = path.join(mediaDir, loaded.storyboard.id, `test-${locale}`);
      fs.mkdirSync(render, { recursive: true });
      fs.writeFileSync(path.join(render, 'manifest.json'), '{}');
      fs.writeFileSync(
        path.join(mediaDir, loaded.storyboard.id, `${locale}.json`),
        JSON.stringify({ hash, dir: `test-${locale}` }),
      );
    }
  }
}

const startedWorkers = (output: string) =>
  [...output.matchAll(/Worker (\d+) started \(process (\d+)\)/g)].map((m) => ({ id: m[1], pid: Number(m[2]) }));

// Postgres only (scripts/test.ts runs it there): with the embedded database the server is one process, which
// tests/security/db-faults.test.ts checks on a data folder it has already imported.
if (testDbKind() !== 'postgres') throw new Error('workers.test.ts needs TEST_DB=postgres and TEST_DATABASE_URL');
twoWorkersSuite();

function twoWorkersSuite() {
  t.test('two workers on one database', async (t) => {
    const fresh = await freshDatabaseUrl(t);
    const database = fresh.database!;
    const url = fresh.url;

    // Jobs waiting before the workers start, so both take from the queue at once.
    const jobKeys = Array.from({ length: 40 }, () => randomUUID());
    for (const key of jobKeys)
      await enqueue(database.db, { kind: MEDIA_TRANSCODE_JOB, key, payload: { uploadId: key } }); // uploads that are gone: nothing to do

    const DATA_DIR = dataDir(t);
    markTutorialsRendered(path.join(DATA_DIR, 'media'));
    const server = startServer(t, { DATA_DIR, DATABASE_URL: url, WORKERS: '2', MEDIA_WORKER: 'on' });
    const base = (await server.ready)!;
    t.ok(base, `the server serves (output: ${server.output().slice(-800)})`);
    t.match(server.output(), /running at \S+ \(2 processes\)/);

    // Both workers answer once both have started (the address is printed when the first serves).
    const seen = new Set<string>();
    for (let i = 0; i < 100 && seen.size < 2; i++) {
      const health = await request(base, 'GET', '/api/health').catch((err: Error) => ({
        status: 0,
        body: err.message,
      }));
      if (health.status === 200) seen.add(String(JSON.parse(health.body).worker));
      if (seen.size < 2) await new Promise((r) => setTimeout(r, 200));
    }
    t.same(
      [...seen].sort(),
      ['1', '2'],
      `requests on new connections are answered by both workers (output: ${server.output().slice(-1500)})`,
    );

    t.test(
      'the sign-in limit per account counts attempts on both workers: the eleventh wrong password is refused',
      async (t) => {
        const email = uniqueEmail('cluster');
        const signup = await request(base, 'POST', '/api/auth/signup', {
          body: { name: 'Shared Limit', email, password: GOOD_PASSWORD },
        });
        t.equal(signup.status, 201);
        const answers: Answer[] = [];
        for (let i = 0; i < 11; i++)
          answers.push(
            await request(base, 'POST', '/api/auth/login', { body: { login: email, password: 'wrong-password-123' } }),
          );
        t.same(
          answers.slice(0, 10).map((a) => a.status),
          Array(10).fill(401),
          'ten wrong passwords are answered "wrong"',
        );
        t.same(
          new Set(answers.slice(0, 10).map((a) => a.worker)),
          new Set(['1', '2']),
          'the ten attempts were spread over both workers',
        );
        t.equal(answers[10].status, 429, 'the eleventh is refused: both workers counted into one limit');
        t.equal(JSON.parse(answers[10].body).error.code, 'auth.rate_limited');
        const right = await request(base, 'POST', '/api/auth/login', {
          body: { login: email, password: GOOD_PASSWORD },
        });
        t.equal(right.status, 429, `even the right password waits, on worker ${right.worker} as well`);
      },
    );

    t.test('each job in the shared queue is claimed once, though both workers poll it', async (t) => {
      let jobs: { key: string; status: string; attempts: number }[] = [];
      for (let i = 0; i < 150; i++) {
        const res = (await database.db.execute(
          sql`select key, status, attempts from jobs where kind = ${MEDIA_TRANSCODE_JOB}`,
        )) as unknown as { rows: typeof jobs };
        jobs = res.rows;
        if (jobs.length === jobKeys.length && jobs.every((j) => j.status === 'done')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      t.same(jobs.map((j) => j.key).sort(), [...jobKeys].sort(), 'no job was added or lost');
      t.same(
        jobs.filter((j) => j.status !== 'done' || j.attempts !== 1),
        [],
        `all ${jobKeys.length} jobs done, each after exactly one claim`,
      );
    });

    t.test(
      'a worker killed with kill -9 under load: the other keeps serving, another is started, nothing acknowledged is lost',
      async (t) => {
        const learner = await request(base, 'POST', '/api/auth/signup', {
          body: { name: 'Load Learner', email: uniqueEmail('cluster-load'), password: GOOD_PASSWORD },
        });
        t.equal(learner.status, 201);
        const cookie = learner.cookie!;
        const lesson = contentBundle().lessons[0].id;
        const [victim] = startedWorkers(server.output());
        const acked: string[] = [];
        const servedAfterKill = new Set<string>();
        const unexpected: string[] = [];
        let killedAt = 0;
        let stop = false;
        const client = async () => {
          while (!stop) {
            const id = randomUUID();
            try {
              const res = await request(base, 'POST', '/api/progress/events', {
                cookie,
                body: { events: [{ id, type: 'lesson.opened', lessonId: lesson, at: new Date().toISOString() }] },
              });
              if (res.status === 200) {
                acked.push(id);
                if (killedAt) servedAfterKill.add(res.worker!);
              } else unexpected.push(`${res.status} from worker ${res.worker}: ${res.body.slice(0, 200)}`);
            } catch {
              // A request cut off by the kill was never acknowledged: the client would send it again.
            }
            await new Promise((r) => setTimeout(r, 20)); // a steady load, not a flood: the new worker must start meanwhile
          }
        };
        const load = Promise.all([client(), client(), client()]);
        await new Promise((r) => setTimeout(r, 1000));
        process.kill(victim.pid, 'SIGKILL');
        killedAt = Date.now();

        // The primary starts a third worker; wait until it answers too.
        let replaced = false;
        for (let i = 0; i < 300 && !replaced; i++) {
          await new Promise((r) => setTimeout(r, 200));
          const health = await request(base, 'GET', '/api/health').catch(() => undefined);
          replaced = health?.status === 200 && JSON.parse(health.body).worker === 3;
        }
        stop = true;
        await load;

        // "in 1 s" when the worker had served for under 10 s (the back-off for a worker that keeps dying), which
        // depends on how quickly the subtests before this one ran.
        t.match(
          server.output(),
          new RegExp(
            `Worker ${victim.id} \\(process ${victim.pid}\\) stopped \\(SIGKILL\\); starting another( in 1 s)?\\.`,
          ),
        );
        t.match(server.output(), `Worker 3 started`);
        t.ok(replaced, 'the new worker answers');
        t.ok(servedAfterKill.has('2'), 'the other worker kept serving after the kill');
        t.same(unexpected.slice(0, 5), [], 'every answer was a success');
        const check = new pg.Client({ connectionString: url });
        await check.connect();
        t.teardown(() => check.end());
        const stored = new Set(
          (await check.query('select id::text from progress_events where id = any($1::uuid[])', [acked])).rows.map(
            (r) => r.id,
          ),
        );
        t.same(
          acked.filter((id) => !stored.has(id)),
          [],
          `all ${acked.length} acknowledged progress events are stored`,
        );
      },
    );
  });
}
