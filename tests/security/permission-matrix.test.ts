// The permission matrix: every API route × every actor, as permission-matrix.table.ts says, against the real app.
// Each cell is a request that is valid apart from who sends it; a row fails when any cell answers otherwise,
// and the file fails when the app has a route the table does not list.
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { build } from '../helpers/app.ts';
import { tempMediaDir } from '../helpers/media.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import {
  ACTORS,
  NOT_IN_MATRIX,
  PERMISSION_MATRIX,
  routeOf,
  type ActorName,
  type MatrixKey,
  type Outcome,
} from './permission-matrix.table.ts';
import { buildWorld, REQUESTS, RUN_LAST } from './permission-world.ts';

const started = Date.now();
const cpuAtStart = process.cpuUsage();
// With a mail server, so the password-reset request is a route that works (without one it answers 404 to everyone).
const smtp = await startSmtpServer(t);
const app = await build(t, {
  config: { mediaDir: tempMediaDir(t), mail: { smtpUrl: smtp.url, from: 'academy@example.org' } },
});
// Built before any subtest is queued: the file's teardown (closing the database) runs once the queue is empty.
const world = await buildWorld(app, t);
const worldReady = Date.now();

t.test('the table has a row for every route the app serves, and no row for a route it does not', async (t) => {
  const registered = [
    ...new Set(app.registeredRoutes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)),
  ];
  const listed = new Set(Object.keys(PERMISSION_MATRIX).map(routeOf));
  const unlisted = registered.filter((r) => !listed.has(r) && !NOT_IN_MATRIX.some((x) => x.routes.test(r)));
  t.same(unlisted, [], 'routes without a row: add them to tests/security/permission-matrix.table.ts with their rule');
  t.same(
    [...listed].filter((r) => !registered.includes(r)),
    [],
    'rows for routes the app does not have',
  );
  for (const x of NOT_IN_MATRIX)
    t.ok(
      registered.some((r) => x.routes.test(r)),
      `the exception still matches a route: ${x.why}`,
    );
});

type Seen = { outcome: Outcome | string; detail: string };

function seen(res: LightMyRequestResponse): Seen {
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  const code =
    typeof body?.error?.code === 'string' && typeof body.error.message === 'string' ? body.error.code : undefined;
  const detail = `${res.statusCode}${code ? ` ${code}` : ''}`;
  if (res.statusCode >= 200 && res.statusCode < 300) return { outcome: 'allow', detail };
  // A refusal counts only with the usual error body.
  if ([401, 403, 404, 409].includes(res.statusCode) && code) return { outcome: res.statusCode as Outcome, detail };
  return { outcome: `${res.statusCode} ${code ?? res.body.slice(0, 160)}`, detail };
}

async function sendCell(key: MatrixKey, actor: ActorName, expected: Outcome): Promise<Seen> {
  const request = await REQUESTS[key](world, actor, expected === 'allow');
  const cookie = request.cookie === undefined ? world.cookieOf(actor) : request.cookie;
  try {
    const res = await app.inject({
      method: request.method,
      url: request.url,
      payload: request.payload,
      headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
    });
    return seen(res);
  } finally {
    await request.after?.();
  }
}

const keys = Object.keys(PERMISSION_MATRIX) as MatrixKey[];
let cellsSent = 0;
const row = (key: MatrixKey) =>
  t.test(key, async (t) => {
    const rule = PERMISSION_MATRIX[key];
    // Refusals first: they must find the object as the world built it, before an allowed cell changes it.
    const order = [...ACTORS].sort((a, b) => Number(rule[a] === 'allow') - Number(rule[b] === 'allow'));
    const outcomes = {} as Record<ActorName, Outcome | string>;
    const details: string[] = [];
    for (const actor of order) {
      const { outcome, detail } = await sendCell(key, actor, rule[actor]);
      cellsSent++;
      outcomes[actor] = outcome;
      if (outcome !== rule[actor]) details.push(`${actor}: expected ${rule[actor]}, got ${detail}`);
    }
    t.same(outcomes, rule, details.length ? `${key}: ${details.join('; ')}` : `${key}`);
  });

for (const key of keys.filter((k) => !RUN_LAST.includes(k))) row(key);

// The list filter matches the object rule: a list shows nobody an object its detail route would refuse them.
const LISTS: { list: string; ids: (body: any) => string[]; detail: (id: string) => string }[] = [
  {
    list: '/api/workshops',
    ids: (b) => b.items.map((w: { id: string }) => w.id),
    detail: (id) => `/api/workshops/${id}`,
  },
  {
    list: '/api/workshops/mine',
    ids: (b) => [...b.facilitating, ...b.participating].map((w: { id: string }) => w.id),
    detail: (id) => `/api/workshops/${id}`,
  },
  { list: '/api/teams/mine', ids: (b) => b.items.map((x: { id: string }) => x.id), detail: (id) => `/api/teams/${id}` },
  {
    list: `/api/teams?workshopId=${world.ids.workshopA}`,
    ids: (b) => b.items.map((x: { id: string }) => x.id),
    detail: (id) => `/api/teams/${id}`,
  },
  {
    list: '/api/certificates',
    ids: (b) => b.map((c: { id: string }) => c.id),
    detail: (id) => `/api/certificates/${id}`,
  },
  {
    list: `/api/quizzes/${world.ids.quizId}/attempts`,
    ids: (b) => b.attempts.map((a: { attemptId: string }) => a.attemptId),
    detail: (id) => `/api/attempts/${id}`,
  },
];
t.test('no list shows an actor an object its detail route refuses them', async (t) => {
  for (const { list, ids, detail } of LISTS) {
    let shown = 0;
    for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
      const headers = { cookie: world.cookieOf(actor)! };
      const res = await app.inject({ method: 'GET', url: list, headers });
      if (res.statusCode === 403) continue; // the list itself is not for this actor (the matrix row says so)
      t.equal(res.statusCode, 200, `${actor}: GET ${list}`);
      for (const id of ids(res.json())) {
        shown++;
        const read = await app.inject({ method: 'GET', url: detail(id), headers });
        t.equal(
          read.statusCode,
          200,
          `${actor}: GET ${list} shows ${id}, and GET ${detail(id)} answers ${read.statusCode}`,
        );
      }
    }
    t.ok(shown > 0, `GET ${list} showed something to someone (the check is not empty)`);
  }
});

for (const key of RUN_LAST) row(key);

t.test('every cell of the table was sent', async (t) => {
  t.equal(cellsSent, keys.length * ACTORS.length);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const cpu = process.cpuUsage(cpuAtStart);
  t.comment(
    `${cellsSent} cells (${keys.length} rows × ${ACTORS.length} actors) in ${seconds(Date.now() - worldReady)}; app and world built in ${seconds(worldReady - started)}; CPU ${seconds((cpu.user + cpu.system) / 1000)} in all`,
  );
});
