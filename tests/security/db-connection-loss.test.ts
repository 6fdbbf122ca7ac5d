// Postgres connections cut under load (a failover, a restart, an admin ending sessions): the server answers
// 503 with Retry-After meanwhile, never 500, never dies, serves again once the database is back, and keeps
// every write it acknowledged. Real server on a port, real Postgres, connections ended with pg_terminate_backend.
// On PGlite there is no connection to cut: its faults (kill -9, a second start) are in restarts.test.ts.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { build, signUp, uniqueEmail, GOOD_PASSWORD } from '../helpers/app.ts';
import { contentBundle, testDbKind } from '../helpers/db.ts';

if (testDbKind() !== 'postgres') {
  t.pass('connection loss is a Postgres fault: this file runs with TEST_DB=postgres (PGlite faults: restarts.test.ts)');
} else {
  await connectionLossSuite();
}

async function connectionLossSuite() {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const { rows } = (await app.database.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] };
  const dbName = rows[0].name;

  const learners = await Promise.all([1, 2, 3, 4].map(() => signUp(app)));
  const lessons = contentBundle().lessons.map((l) => l.id);

  t.test('cutting every database connection 40 times under load: no 500, no crash, nothing acknowledged is lost', async (t) => {
    const statuses = new Map<number, number>();
    const unexpected: string[] = [];
    const ackedEvents: Array<{ userId: string; id: string }> = [];
    const ackedSignups: string[] = [];
    let stop = false;

    const record = async (res: Response, what: string) => {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const body = await res.text();
      if (res.status >= 500 && !(res.status === 503 && res.headers.get('retry-after'))) unexpected.push(`${what} -> ${res.status} ${body.slice(0, 200)}`);
      if (res.status === 503) {
        const error = JSON.parse(body).error;
        if (error?.code !== 'db.unavailable' || !/try again/i.test(error?.message)) unexpected.push(`${what} -> 503 without the readable message: ${body}`);
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
              body: JSON.stringify({ events: [{ id, type: 'lesson.opened', lessonId: lessons[i % lessons.length], at: new Date().toISOString() }] }),
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
      const res = await admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
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
    const check = new pg.Client({ connectionString: new URL(`/${dbName}`, process.env.TEST_DATABASE_URL).toString() });
    await check.connect();
    t.teardown(() => check.end());
    const events = await check.query('select user_id::text || \'/\' || id::text as key from progress_events');
    const stored = new Set(events.rows.map((r) => r.key));
    t.same(ackedEvents.filter((e) => !stored.has(`${e.userId}/${e.id}`)), [], `all ${ackedEvents.length} acknowledged progress events are stored`);
    const users = await check.query('select email from users where email = any($1)', [ackedSignups]);
    t.equal(users.rowCount, ackedSignups.length, `all ${ackedSignups.length} acknowledged sign-ups are stored`);

    // And the server serves normally afterwards, many at once: no connection was lost to the pool for good.
    const after = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${base}/api/progress/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: learners[i % learners.length].cookie },
          body: JSON.stringify({ events: [{ id: randomUUID(), type: 'lesson.opened', lessonId: lessons[0], at: new Date().toISOString() }] }),
        }).then((r) => r.status),
      ),
    );
    t.same([...new Set(after)], [200], '30 simultaneous writes after the cuts all succeed');
  });
}
