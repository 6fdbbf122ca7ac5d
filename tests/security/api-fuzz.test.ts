// Our own probe: every operation in /api/openapi.json, anonymous and signed in, with generated malformed input
// (fast-check, fixed seed). No request may answer 5xx, and every API error carries {error:{code,message}}.
// The pages (SvelteKit through the same app) get hostile ids and queries too: never a 5xx.
// FUZZ_RUNS=<n> runs longer (requests per operation and actor); FUZZ_SEED=<n> picks another seed.
import t from 'tap';
import fc from 'fast-check';
import { build } from '../helpers/app.ts';
import { encodeForUrl, HOSTILE_TEXT, RAW_URL_PIECES } from './fuzz/hostile.ts';
import {
  describe,
  operationsOf,
  problemWith,
  requestFor,
  type Finding,
  type FuzzRequest,
  type Operation,
} from './fuzz/requests.ts';
import { sweep } from './fuzz/sweep.ts';
import { buildWorld, type Actor } from './fuzz/world.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const FORGED_RUNS = Math.max(1, Math.round(RUNS / 6));
// A longer run (FUZZ_RUNS=48 sends about 10,500 requests) needs more than the runner's 300 s per file.
t.setTimeout(Math.max(300_000, RUNS * 25_000));

const app = await build(t, { web: true });
const world = await buildWorld(app);
const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
const operations = operationsOf(doc);

let sent = 0;
let serverErrors = 0;
const started = Date.now();

/** A stable seed per operation and actor, so one operation's failures replay alone with the same FUZZ_SEED. */
function seedFor(label: string) {
  let h = SEED;
  for (const ch of label) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

async function send(request: FuzzRequest, actor: Actor) {
  sent++;
  const headers = { ...request.headers, ...(actor.cookie ? { cookie: actor.cookie } : {}) };
  // A different address per request: the per-address rate limits must not turn the run into a wall of 429s.
  const remoteAddress = `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
  const res = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    payload: request.payload,
    remoteAddress,
  });
  if (res.statusCode >= 500) serverErrors++;
  return res;
}

function actorsFor(op: Operation): Actor[] {
  const { anonymous, learner, facilitator, admin } = world.actors;
  const actors = [anonymous, learner];
  // Role- and object-guarded operations get the people who pass the guard, so input reaches the handler.
  if (op.statuses.includes('403')) actors.push(facilitator, admin);
  return actors;
}

t.test(
  'every API operation, anonymous and signed in: no 5xx, every error in the shape {error:{code,message}}',
  async (t) => {
    t.ok(operations.length >= 50, `the OpenAPI document lists the operations (${operations.length})`);
    for (const op of operations) {
      const findings: (Finding & { actor: string })[] = [];
      const runs: [Actor, number][] = actorsFor(op).map((a) => [a, RUNS]);
      if (op.statuses.includes('401')) for (const f of world.actors.forged) runs.push([f, FORGED_RUNS]);
      for (const [actor, numRuns] of runs) {
        const requests = fc.sample(requestFor(op, world.hintsFor(op.path)), {
          seed: seedFor(`${op.method} ${op.path} ${actor.label}`),
          numRuns,
        });
        for (const request of requests) {
          const res = await send(request, actor);
          const problem = problemWith(res.statusCode, res.body);
          if (problem)
            findings.push({
              request,
              status: res.statusCode,
              body: res.body.slice(0, 200),
              problem,
              actor: actor.label,
            });
        }
      }
      t.same(
        findings.slice(0, 8).map((f) => `${f.actor}: ${describe(f.request)} -> ${f.problem}: ${f.body}`),
        [],
        `${op.method} ${op.path}: ${findings.length ? `${findings.length} bad answers` : 'no 5xx, errors in the shape'}`,
      );
    }
  },
);

/** Who passes an operation's guard, so a valid request reaches its handler. */
function insidersFor(op: Operation): Actor[] {
  const { anonymous, learner, facilitator, admin } = world.actors;
  if (!op.statuses.includes('401')) return [anonymous];
  if (!op.statuses.includes('403')) return [learner];
  return op.path.startsWith('/api/workshops') ? [facilitator, admin] : [admin];
}

t.test(
  'every input field of every operation, alone made hostile (NUL in text, overflowing numbers): no 5xx, errors in the shape',
  async (t) => {
    const findings: string[] = [];
    let count = 0;
    for (const op of operations) {
      for (const actor of insidersFor(op)) {
        for (const request of sweep(op, world.hintsFor(op.path), seedFor(`sweep ${op.method} ${op.path}`))) {
          count++;
          const res = await send(request, actor);
          const problem = problemWith(res.statusCode, res.body);
          if (problem) findings.push(`${actor.label}: ${describe(request)} -> ${problem}: ${res.body.slice(0, 160)}`);
        }
      }
    }
    t.ok(count > operations.length * 2, `the sweep sent ${count} requests`);
    t.same(
      findings.slice(0, 30),
      [],
      `${findings.length ? `${findings.length} bad answers` : 'no 5xx, errors in the shape'}`,
    );
  },
);

/** Page routes with a parameter, and the queries pages read, with who can reach the page's load. */
const PAGES: [string, (keyof typeof world.actors)[]][] = [
  ['/courses/{x}', ['anonymous', 'learner']],
  ['/lessons/{x}', ['anonymous', 'learner']],
  ['/modules/{x}', ['anonymous', 'learner']],
  ['/modules/{x}/handout', ['anonymous', 'learner']],
  ['/quizzes/{x}', ['anonymous', 'learner']],
  ['/attempts/{x}', ['learner']],
  ['/certificates/{x}', ['learner']],
  ['/verify/{x}', ['anonymous']],
  ['/verify?id={x}', ['anonymous']],
  ['/join?code={x}', ['anonymous', 'learner']],
  ['/learning?x={x}', ['learner']],
  ['/workshops/{x}', ['learner', 'facilitator']],
  ['/workshops/{x}/dashboard', ['facilitator']],
  ['/workshops/{x}/participants', ['facilitator']],
  ['/workshops/{x}/poster', ['facilitator']],
  [`/workshops/${world.workshop.id}/dashboard?status={x}&sort={x}`, ['facilitator']],
  ['/workshops?archived={x}', ['facilitator']],
  ['/admin/users?q={x}', ['admin']],
  ['/admin/users?page={x}', ['admin']],
  ['/admin/users?role={x}', ['admin']],
  ['/admin/media?tutorialId={x}', ['admin']],
];

t.test('pages, anonymous and signed in, with hostile ids and queries: no 5xx', async (t) => {
  const piece = fc.oneof(
    fc.constantFrom(...RAW_URL_PIECES),
    fc.constantFrom(...HOSTILE_TEXT.filter((s) => s.length < 100)).map(encodeForUrl),
    fc.constantFrom('99999999999999999999', '-1', '1e308', '0'),
  );
  const findings: string[] = [];
  for (const [template, who] of PAGES) {
    for (const actor of who.map((w) => world.actors[w] as Actor)) {
      const pieces = fc.sample(piece, {
        seed: seedFor(`${template} ${actor.label}`),
        numRuns: Math.max(2, Math.round(RUNS / 4)),
      });
      // The pieces the issue names are always sent.
      for (const x of ['%00', ...pieces]) {
        const url = template.replaceAll('{x}', () => (x === '' ? '%20' : x));
        const res = await send({ method: 'GET', url, headers: { accept: 'text/html' } }, actor);
        if (res.statusCode >= 500) findings.push(`${actor.label}: GET ${url.slice(0, 200)} -> ${res.statusCode}`);
      }
    }
  }
  t.same(findings.slice(0, 20), [], `pages: ${findings.length ? `${findings.length} answered 5xx` : 'no 5xx'}`);
});

t.test('the fuzzer reports what it sent', async (t) => {
  t.comment(
    `api-fuzz: ${sent} requests sent, ${serverErrors} answered 5xx, ${((Date.now() - started) / 1000).toFixed(1)} s (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED})`,
  );
  t.ok(sent > operations.length * RUNS, 'every operation was exercised');
});
