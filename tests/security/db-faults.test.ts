// Database faults, on the database the run uses.
// Postgres: connections cut under load (a failover, a restart, an admin ending sessions): the server answers 503
// with Retry-After meanwhile, never 500, never dies, serves again once the database is back, and keeps every write
// it acknowledged (real server on a port, connections ended with pg_terminate_backend); a DATABASE_URL naming a
// missing database stops the start with one readable paragraph.
// PGlite (embedded): the server killed with kill -9 starts again at once; a second server on the same DATA_DIR is
// refused while the first runs; a DATABASE_URL nobody listens on stops the start with one readable paragraph.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { build, signUp, uniqueEmail, GOOD_PASSWORD } from '../helpers/app.ts';
import { contentBundle, testDbKind } from '../helpers/db.ts';
import { startServer } from '../helpers/server-process.ts';

if (testDbKind() === 'postgres') {
  await connectionLossSuite();
  missingDatabaseSuite();
} else {
  embeddedDatabaseSuite();
}

/** What a person reading the terminal should see: one paragraph, no stack trace, no driver class names. */
function assertReadableStartError(t: Pick<typeof import('tap').default, 'ok' | 'notMatch'>, stderr: string) {
  const text = stderr.trim();
  t.ok(text.length > 0, 'says something');
  t.notMatch(text, /\n\s*\n/, 'one paragraph');
  t.notMatch(text, /^\s+at /m, 'no stack trace');
  t.notMatch(text, /DrizzleQueryError|node_modules|Error:/, 'no error class or file names');
}

function dataDir(t: { teardown: (fn: () => unknown) => void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-restart-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function embeddedDatabaseSuite() {
  // One data folder for both start-up tests: the second starts on a course already imported (a first start's import
  // is the slow part, and neither test is about it).
  const shared = dataDir(t);
  t.test(
    'the server killed with kill -9 starts again at once on the same data, and kept what it acknowledged',
    async (t) => {
      const DATA_DIR = shared;
      const first = startServer(t, { DATA_DIR });
      const base = await first.ready;
      t.ok(base, `the first start serves (output: ${first.output().slice(-500)})`);
      const email = uniqueEmail('restart');
      const signup = await fetch(`${base}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Kept Person', email, password: GOOD_PASSWORD }),
      });
      t.equal(signup.status, 201);
      await first.kill9();

      const second = startServer(t, { DATA_DIR });
      const again = await second.ready;
      t.ok(again, `the second start serves instead of refusing (output: ${second.output().slice(-500)})`);
      const health = await fetch(`${again}/api/health`);
      t.equal(health.status, 200);
      const login = await fetch(`${again}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: email, password: GOOD_PASSWORD }),
      });
      t.equal(login.status, 200, 'the account made before the kill signs in');
      await second.kill9();
    },
  );

  t.test(
    'a second server on the same data while the first runs is refused with a message, and the first keeps serving',
    async (t) => {
      const DATA_DIR = shared;
      const first = startServer(t, { DATA_DIR });
      const base = await first.ready;
      t.ok(base, 'the first start serves');
      const second = startServer(t, { DATA_DIR });
      const { code } = await second.exited;
      t.equal(code, 1);
      t.match(second.stderr(), /in use by another process \(process \d+/);
      t.match(second.stderr(), /Stop the server first/);
      assertReadableStartError(t, second.stderr());
      t.equal((await fetch(`${base}/api/health`)).status, 200, 'the first server still serves');
      await first.kill9();
    },
  );

  t.test('WORKERS=2 on the embedded database: one process serves, and the output says why', async (t) => {
    const server = startServer(t, { DATA_DIR: shared, WORKERS: '2' });
    const base = await server.ready;
    t.ok(base, `it serves (output: ${server.output().slice(-500)})`);
    t.match(server.output(), 'WORKERS=2 is ignored: the embedded database (DATABASE_URL unset) belongs to one process');
    t.match(server.output(), 'Set DATABASE_URL to a PostgreSQL server to run several processes');
    t.notMatch(server.output(), /Worker \d+ started/, 'no worker was started');
    const health = await fetch(`${base}/api/health`);
    t.equal(health.status, 200);
    t.equal(
      ((await health.json()) as { worker: number }).worker,
      0,
      'health names no worker: the server is one process',
    );
    await server.kill9();
  });

  t.test('DATABASE_URL to a port nobody listens on stops the start with one readable paragraph', async (t) => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const start = startServer(t, { DATA_DIR: dataDir(t), DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/lca` });
    const { code } = await start.exited;
    t.equal(code, 1);
    t.match(start.stderr(), `127.0.0.1:${port}`);
    t.match(start.stderr(), /connection was refused/);
    t.match(start.stderr(), /Start PostgreSQL/);
    t.match(start.stderr(), /unset DATABASE_URL to use the embedded database/);
    assertReadableStartError(t, start.stderr());
  });
}

function missingDatabaseSuite() {
  t.test(
    'DATABASE_URL naming a database that does not exist stops the start with one readable paragraph',
    async (t) => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      const name = `lca_missing_${process.pid}`;
      url.pathname = `/${name}`;
      const start = startServer(t, { DATA_DIR: dataDir(t), DATABASE_URL: url.toString() });
      const { code } = await start.exited;
      t.equal(code, 1);
      t.match(start.stderr(), `The database "${name}" named in DATABASE_URL does not exist`);
      t.match(start.stderr(), `createdb -h ${url.hostname} -p ${url.port || 5432}`);
      t.match(start.stderr(), /unset DATABASE_URL to use the embedded database/);
      assertReadableStartError(t, start.stderr());
    },
  );
}

async function connectionLossSuite() {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const { rows } = (await app.database.db.execute(sql`select current_database() as name`)) as unknown as {
    rows: { name: string }[];
  };
  const dbName = rows[0].name;

  const learners = await Promise.all([1, 2, 3, 4].map(() => signUp(app)));
  const lessons = contentBundle().lessons.map((l) => l.id);

  t.test(
    'cutting every database connection 40 times under load: no 500, no crash, nothing acknowledged is lost',
    async (t) => {
      const statuses = new Map<number, number>();
      const unexpected: string[] = [];
      const ackedEvents: Array<{ userId: string; id: string }> = [];
      const ackedSignups: string[] = [];
      let stop = false;

      const record = async (res: Response, what: string) => {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = await res.text();
        if (res.status >= 500 && !(res.status === 503 && res.headers.get('retry-after')))
          unexpected.push(`${what} -> ${res.status} ${body.slice(0, 200)}`);
        if (res.status === 503) {
          const error = JSON.parse(body).error;
          if (error?.code !== 'db.unavailable' || !/try again/i.test(error?.message))
            unexpected.push(`${what} -> 503 without the readable message: ${body}`);
        }
        return res.ok;
      };

      const worker = async (n: number) => {
        let i = 0;
        while (!stop) {
          i++;
          const learner = learners[n % learners.length];
          try {
            if (i % 5 === 0 && n === 0) {
              const email = uniqueEmail('loadtest');
              const res = await fetch(`${base}/api/auth/signup`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ name: 'Load Test', email, password: GOOD_PASSWORD }),
              });
              if (await record(res, 'signup')) ackedSignups.push(email);
            } else if (i % 2 === 0) {
              const id = randomUUID();
              const res = await fetch(`${base}/api/progress/events`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', cookie: learner.cookie },
                body: JSON.stringify({
                  events: [
                    { id, type: 'lesson.opened', lessonId: lessons[i % lessons.length], at: new Date().toISOString() },
                  ],
                }),
              });
              if (await record(res, 'progress event')) ackedEvents.push({ userId: learner.id, id });
            } else {
              const url = i % 3 === 0 ? '/api/me' : '/api/courses';
              await record(await fetch(`${base}${url}`, { headers: { cookie: learner.cookie } }), `GET ${url}`);
            }
          } catch (err) {
            unexpected.push(`request failed outright: ${(err as Error).message}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      };

      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      t.teardown(() => admin.end());
      let terminated = 0;
      const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
      for (let round = 0; round < 40; round++) {
        const res = await admin.query(
          'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [dbName],
        );
        terminated += res.rows[0].n;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Load continues briefly after the last cut, so requests meet the database back.
      await new Promise((r) => setTimeout(r, 500));
      stop = true;
      await load;

      t.comment(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}; connections ended: ${terminated}`);
      t.ok(terminated > 0, 'connections were actually ended');
      t.same(unexpected.slice(0, 10), [], 'every answer was 2xx, 4xx or 503 with Retry-After and the readable message');
      t.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) > 0, 'requests succeeded around the cuts');

      let health: Response | undefined;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        health = await fetch(`${base}/api/health`).catch(() => undefined);
        if (health?.ok) break;
      }
      t.equal(health?.status, 200, 'health is ok again within 10 s');
      t.match(await health?.json(), { status: 'ok', database: 'up' });

      // Every acknowledged write is in the database.
      const check = new pg.Client({
        connectionString: new URL(`/${dbName}`, process.env.TEST_DATABASE_URL).toString(),
      });
      await check.connect();
      t.teardown(() => check.end());
      const events = await check.query("select user_id::text || '/' || id::text as key from progress_events");
      const stored = new Set(events.rows.map((r) => r.key));
      t.same(
        ackedEvents.filter((e) => !stored.has(`${e.userId}/${e.id}`)),
        [],
        `all ${ackedEvents.length} acknowledged progress events are stored`,
      );
      const users = await check.query('select email from users where email = any($1)', [ackedSignups]);
      t.equal(users.rowCount, ackedSignups.length, `all ${ackedSignups.length} acknowledged sign-ups are stored`);

      // And the server serves normally afterwards, many at once: no connection was lost to the pool for good.
      const after = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fetch(`${base}/api/progress/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: learners[i % learners.length].cookie },
            body: JSON.stringify({
              events: [{ id: randomUUID(), type: 'lesson.opened', lessonId: lessons[0], at: new Date().toISOString() }],
            }),
          }).then((r) => r.status),
        ),
      );
      t.same([...new Set(after)], [200], '30 simultaneous writes after the cuts all succeed');
    },
  );
}
