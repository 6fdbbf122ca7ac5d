// Scale simulation (issue 19): seeds Postgres in steps up to 10,000 learners, 200 workshops, 2 million progress events
// and 100,000 quiz attempts (set-based SQL with generate_series, no per-row round trips), and at each step measures
// what grows with the data: a signed-in lesson (the API, and the SSR page when the web build exists), the dashboard
// of a 500-person workshop, `progress:rebuild`, and the admin user search. Each figure should stay within 2x the
// first (small) step's. The slowest queries of each measure are EXPLAIN ANALYZEd at the last step and printed.
// Usage: DATABASE_URL=postgres://…/<an empty database> npm run bench:scale
//        … npm run bench:scale -- --steps 0.05,0.25,1 --learners 10000 --workshops 200 --events 2000000 --attempts 100000 --runs 20
//        … npm run bench:scale -- --learners 2000 --events 200000 --attempts 10000 --workshops 40   (a quick run)
//        --explain-out docs/scale-explain.txt to keep the plans in a file as well.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, openPostgres, type QueryLogger } from '../server/db/client.ts';
import type { Actor } from '../server/http/auth.ts';
import { insertUser } from '../server/modules/accounts/accounts.repository.ts';
import { loadAndImportContent, loadValidContent } from '../server/modules/catalog/content-boot.ts';
import { rebuildAll } from '../server/modules/progress/progress.service.ts';
import { newQuizBanks, startAttempt, submitAttempt } from '../server/modules/quizzes/quizzes.service.ts';
import { WEB_BUILD_DIR } from '../server/main.ts';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '0.05,1' },
    learners: { type: 'string', default: '10000' },
    workshops: { type: 'string', default: '200' },
    events: { type: 'string', default: '2000000' },
    attempts: { type: 'string', default: '100000' },
    'big-workshop': { type: 'string', default: '500' },
    runs: { type: 'string', default: '20' },
    'explain-out': { type: 'string' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:scale runs on Postgres: set DATABASE_URL to an empty database (it is filled with test data).');
  process.exit(1);
}
const FULL = {
  learners: Number(args.learners),
  workshops: Number(args.workshops),
  events: Number(args.events),
  attempts: Number(args.attempts),
};
const BIG = Number(args['big-workshop']);
const RUNS = Number(args.runs);
const banks = newQuizBanks();
const steps = args.steps.split(',').map(Number);
const EVENTS_PER_LEARNER = Math.max(1, Math.round(FULL.events / FULL.learners));
const ATTEMPTS_PER_LEARNER = Math.max(1, Math.round(FULL.attempts / FULL.learners));

// Every statement drizzle sends while `capture` is set, to EXPLAIN the ones a measured request made.
let capture: { query: string; params: unknown[] }[] | null = null;
const logger: QueryLogger = { logQuery: (query, params) => capture?.push({ query, params }) };
const database = await openPostgres(url, { logger });
await migrate(database);
await loadAndImportContent(database.db);
const db = database.db;
const raw = new pg.Client({ connectionString: url });
await raw.connect();
const q = async <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  (await raw.query<T>(text, params)).rows;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-scale-'));
const config = loadConfig(
  { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
  { overload: { maxEventLoopDelayMs: 0, retryAfterSeconds: 5 } },
);
const web = fs.existsSync(WEB_BUILD_DIR) ? { buildDir: WEB_BUILD_DIR, secure: false } : false;
const app = await buildApp({
  config,
  database,
  jwtSecret: 'bench-secret-that-is-long-enough-for-hs256',
  logger: false,
  web,
});
await app.ready();

const bundle = loadValidContent();
const lessonIds = bundle.lessons.map((l) => l.id);
const coreModules = bundle.modules.filter((m) => /^m[1-7]-/.test(m.id));
const quizIds = bundle.quizzes.map((x) => x.id);

// ---- Seeding, in set-based statements; each step tops the data up to its share of the full size ----
// bench_scale_learners numbers the seeded learners, so a step knows which are new and which workshop each joins.
await q(`create table if not exists bench_scale_learners (seq integer primary key, user_id uuid not null)`);
await q(`create table if not exists bench_scale_workshops (seq integer primary key, workshop_id uuid not null)`);
const signedIn = async (userId: string) =>
  `lca_session=${app.jwt.sign({ sub: userId, sid: await app.sessions.start(userId, new Date(Date.now() + 3_600_000)) }, { expiresIn: '1h' })}`;
const admin = await insertUser(db, {
  name: 'Scale Admin',
  email: `scale.admin.${Date.now()}@example.org`,
  passwordHash: null,
  role: 'admin',
});
const facilitator = await insertUser(db, {
  name: 'Scale Facilitator',
  email: `scale.facilitator.${Date.now()}@example.org`,
  passwordHash: null,
  role: 'facilitator',
});
const adminCookie = await signedIn(admin.id);
const facilitatorCookie = await signedIn(facilitator.id);

// One real submitted attempt per quiz, copied (with other scores) as the seeded attempts.
const templateUser = await insertUser(db, {
  name: 'Scale Template',
  email: `scale.template.${Date.now()}@example.org`,
  passwordHash: null,
});
const templateActor: Actor = { id: templateUser.id, role: 'learner', locale: 'en' };
const templates: string[] = [];
for (const quizId of quizIds) {
  const { attempt } = await startAttempt(db, banks, templateActor, quizId);
  await submitAttempt(
    db,
    templateActor,
    attempt.attemptId,
    attempt.questions.map((x) => ({ questionId: x.questionId, response: [x.options[0].id] })),
  );
  templates.push(attempt.attemptId);
}

async function seedTo(target: typeof FULL) {
  const [{ n: haveWorkshops }] = await q<{ n: number }>(`select count(*)::integer as n from bench_scale_workshops`);
  await q(
    `with made as (
       insert into workshops (title, city, country, locale, time_zone, starts_on, ends_on, join_code)
       select 'Scale workshop ' || g, 'City ' || g, 'KH', 'en', 'Asia/Phnom_Penh', current_date - 3, current_date + 30, upper(substr(md5('scale-' || g || random()), 1, 8))
       from generate_series($1::integer + 1, $2::integer) as g
       returning id, title
     )
     insert into bench_scale_workshops (seq, workshop_id) select substr(title, 16)::integer, id from made`,
    [haveWorkshops, Math.max(2, target.workshops)],
  );
  await q(
    `insert into workshop_facilitators (workshop_id, user_id, role) select workshop_id, $1, 'owner' from bench_scale_workshops on conflict do nothing`,
    [facilitator.id],
  );
  // The big workshop has its modules assigned, half due already.
  await q(
    `insert into workshop_assignments (workshop_id, module_id, due_at)
     select w.workshop_id, m.id, now() + (m.n - 3) * interval '1 day' from bench_scale_workshops w,
       unnest($1::text[]) with ordinality as m(id, n) where w.seq = 1 on conflict do nothing`,
    [coreModules.map((m) => m.id)],
  );

  const [{ n: have }] = await q<{ n: number }>(`select count(*)::integer as n from bench_scale_learners`);
  if (target.learners <= have) return;
  const names = `array['Maria','Sokha','Amina','Chen','Olga','Minh','Dara','Siti','José','Fatima','Ngozi','Ivan']`;
  const surnames = `array['Garcia','Chea','Diallo','Wang','Petrova','Nguyen','Sok','Rahman','Silva','Haddad','Okafor','Lim']`;
  await q(
    `with made as (
       insert into users (name, email, role, locale, created_at)
       select (${names})[1 + g % 12] || ' ' || (${surnames})[1 + (g / 12) % 12] || ' ' || g, 'scale.learner.' || g || '@example.org', 'learner', 'en',
              now() - (g || ' minutes')::interval
       from generate_series($1::integer + 1, $2::integer) as g
       returning id, email
     )
     insert into bench_scale_learners (seq, user_id) select split_part(split_part(email, '@', 1), '.', 3)::integer, id from made`,
    [have, target.learners],
  );
  const newLearners = `(select seq, user_id from bench_scale_learners where seq > ${have})`;
  await q(
    `insert into enrolments (user_id, course_id, source) select user_id, $1, 'self' from ${newLearners} as l on conflict do nothing`,
    [bundle.course.id],
  );
  // The first BIG learners are the big workshop; the others spread over the rest.
  await q(
    `insert into workshop_participants (workshop_id, user_id)
     select w.workshop_id, l.user_id from ${newLearners} as l
     join bench_scale_workshops w on w.seq = case when l.seq <= $1 then 1 else 2 + l.seq % ($2::integer - 1) end`,
    [BIG, Math.max(2, target.workshops)],
  );
  // Events: each learner works through the lessons in order: opens, watches a part, leaves a position, completes.
  await q(
    `insert into progress_events (id, user_id, type, lesson_id, at, ranges, seconds)
     select gen_random_uuid(), l.user_id, (array['lesson.opened','video.watched','position','lesson.completed'])[1 + k % 4],
       ($1::text[])[1 + (k / 4) % cardinality($1::text[])], now() - (($2::integer - k) * 7 + l.seq % 60) * interval '1 minute',
       case when k % 4 = 1 then jsonb_build_array(jsonb_build_array(k % 300, k % 300 + 30 + l.seq % 30)) end,
       case when k % 4 = 2 then (k * 13) % 600 end
     from ${newLearners} as l, generate_series(0, $2::integer - 1) as k`,
    [lessonIds, EVENTS_PER_LEARNER],
  );
  await q(
    `insert into quiz_attempts (user_id, quiz_id, attempt_number, pass_mark, questions, answers, status, score, passed, graded, started_at, submitted_at)
     select l.user_id, t.quiz_id, 1 + a / $2::integer, t.pass_mark, t.questions, t.answers, 'submitted', s.score, s.score >= t.pass_mark, t.graded,
       now() - (a + 1) * interval '1 hour', now() - (a + 1) * interval '1 hour' + interval '5 minutes'
     from ${newLearners} as l, generate_series(0, $3::integer - 1) as a
     join unnest($1::uuid[]) with ordinality as tpl(id, n) on tpl.n = 1 + a % $2::integer
     join quiz_attempts t on t.id = tpl.id
     cross join lateral (select ((l.seq * 37 + a * 11) % 101) as score) as s`,
    [templates, templates.length, ATTEMPTS_PER_LEARNER],
  );
  await q('analyze');
}

// ---- Measures ----
type Figure = { p50: number; p95: number };
const timeRuns = async (fn: () => Promise<void>, runs = RUNS): Promise<Figure> => {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: at(0.5), p95: at(0.95) };
};
const get = (url: string, cookie: string) => async () => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
};

async function measures() {
  const [{ user_id: learnerId }] = await q<{ user_id: string }>(
    `select user_id from bench_scale_learners where seq = 1`,
  );
  const [{ workshop_id: bigWorkshop }] = await q<{ workshop_id: string }>(
    `select workshop_id from bench_scale_workshops where seq = 1`,
  );
  const learnerCookie = await signedIn(learnerId);
  const lesson = lessonIds[3];
  const list: [string, () => Promise<void>][] = [
    ['GET /api/lessons/:id, signed in', get(`/api/lessons/${lesson}`, learnerCookie)],
    ...(web
      ? [['lesson page (SSR), signed in', get(`/lessons/${lesson}`, learnerCookie)] as [string, () => Promise<void>]]
      : []),
    [
      `GET /api/workshops/:id/dashboard (${BIG} people)`,
      get(`/api/workshops/${bigWorkshop}/dashboard`, facilitatorCookie),
    ],
    ['GET /api/admin/users?q=garcia (search)', get(`/api/admin/users?q=garcia`, adminCookie)],
    [
      'GET /api/admin/users?q=scale.learner.77 (search)',
      get(`/api/admin/users?q=${encodeURIComponent('scale.learner.77')}`, adminCookie),
    ],
    ['GET /api/admin/users (first page)', get(`/api/admin/users`, adminCookie)],
  ];
  // The rebuild first: it also derives the seeded learners' lesson state and best scores the pages read.
  const t0 = performance.now();
  await rebuildAll(db);
  const rebuild = performance.now() - t0;
  await q('analyze');
  const figures = new Map<string, Figure>();
  for (const [name, fn] of list) figures.set(name, await timeRuns(fn));
  return { figures, rebuild, list };
}

/** EXPLAIN ANALYZE of each statement one request sends; the slowest `top` of them. */
async function explainRequest(fn: () => Promise<void>, top = 3) {
  capture = [];
  await fn();
  const sent = capture;
  capture = null;
  const plans: { ms: number; query: string; plan: string }[] = [];
  for (const { query, params } of sent) {
    if (!/^\s*(select|with)/i.test(query) || /\b(insert|update|delete)\b/i.test(query)) continue;
    const rows = await q<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    plans.push({ ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0), query, plan });
  }
  const total = plans.reduce((sum, p) => sum + p.ms, 0);
  return { statements: sent.length, total, top: plans.sort((a, b) => b.ms - a.ms).slice(0, top) };
}

const results: {
  step: number;
  counts: Record<string, number>;
  figures: Map<string, Figure>;
  rebuild: number;
  seedSeconds: number;
}[] = [];
let lastList: [string, () => Promise<void>][] = [];
for (const step of steps) {
  const target = {
    learners: Math.round(FULL.learners * step),
    workshops: Math.round(FULL.workshops * step),
    events: 0,
    attempts: 0,
  };
  if (target.learners < BIG)
    throw new Error(`the smallest step must seed at least the big workshop's ${BIG} learners (got ${target.learners})`);
  const t0 = performance.now();
  await seedTo(target);
  const seedSeconds = (performance.now() - t0) / 1000;
  const [counts] = await q<Record<string, number>>(
    `select (select count(*) from users)::integer as users, (select count(*) from workshops)::integer as workshops,
            (select count(*) from progress_events)::integer as events, (select count(*) from quiz_attempts)::integer as attempts`,
  );
  // What the attempts take on disk (table, TOAST and indexes), with the question texts they refer to.
  const [disk] = await q<{ attempts_mb: number; texts_mb: number }>(
    `select round(pg_total_relation_size('quiz_attempts') / 1048576.0, 1)::float as attempts_mb,
            coalesce(round(pg_total_relation_size(to_regclass('quiz_question_texts')) / 1048576.0, 1)::float, 0) as texts_mb`,
  );
  const { figures, rebuild, list } = await measures();
  lastList = list;
  results.push({ step, counts, figures, rebuild, seedSeconds });
  console.log(
    `step ${step}: ${JSON.stringify(counts)}, seeded in ${seedSeconds.toFixed(0)} s, rebuild ${(rebuild / 1000).toFixed(1)} s; quiz attempts on disk ${disk.attempts_mb} MB, question texts ${disk.texts_mb} MB`,
  );
}

// ---- Report ----
const first = results[0];
console.log(`\npostgres, ${os.cpus().length} cores, ${RUNS} runs per figure (p50 / p95, ms; app.inject, no network)\n`);
console.log(
  `| measure | ${results.map((r) => `${r.counts.users} users, ${r.counts.events} events, ${r.counts.attempts} attempts`).join(' | ')} | last ÷ first (p50) |`,
);
console.log(`|---|${results.map(() => '---|').join('')}---|`);
for (const name of first.figures.keys()) {
  const cells = results.map((r) => `${r.figures.get(name)!.p50.toFixed(1)} / ${r.figures.get(name)!.p95.toFixed(1)}`);
  console.log(
    `| ${name} | ${cells.join(' | ')} | ${(results.at(-1)!.figures.get(name)!.p50 / first.figures.get(name)!.p50).toFixed(2)}x |`,
  );
}
const rate = (r: (typeof results)[number]) => r.counts.events / (r.rebuild / 1000);
console.log(
  `| progress:rebuild (whole log), s | ${results.map((r) => `${(r.rebuild / 1000).toFixed(2)} (${Math.round(rate(r))} events/s)`).join(' | ')} | ${(results.at(-1)!.rebuild / first.rebuild).toFixed(2)}x time for ${(results.at(-1)!.counts.events / first.counts.events).toFixed(0)}x events; ${(rate(first) / rate(results.at(-1)!)).toFixed(2)}x per event |`,
);

let explained = `EXPLAIN (ANALYZE, BUFFERS) at ${results.at(-1)!.counts.users} users, ${results.at(-1)!.counts.events} progress events, ${results.at(-1)!.counts.attempts} quiz attempts: the slowest statements of each measured request.\n`;
for (const [name, fn] of lastList) {
  const { statements, total, top } = await explainRequest(fn);
  explained += `\n# ${name}: ${statements} statements, ${total.toFixed(2)} ms of execution in all (the reads); the slowest:\n`;
  for (const { ms, query, plan } of top)
    explained += `\n## ${ms.toFixed(2)} ms: ${query.length > 400 ? `${query.slice(0, 400)}…` : query}\n${plan.replace(/= ANY \('\{[^}]{200,}\}'/g, "= ANY ('{…}'")}\n`;
}
console.log(`\n${explained}`);
if (args['explain-out']) fs.writeFileSync(args['explain-out'], explained);

await raw.end();
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
