// Seeds a workshop of 500 participants with 7 assignments and realistic progress, then measures the dashboard:
// API response time (p50/p95 over repeated requests), and the bytes of the dashboard page (raw and compressed).
// Usage: npx tsx scripts/bench-workshop-dashboard.ts            (embedded PGlite in a temp dir)
//        DATABASE_URL=postgres://… npx tsx scripts/bench-workshop-dashboard.ts
//        BENCH_PARTICIPANTS=116 BENCH_RUNS=30 …
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/client.ts';
import type { Actor } from '../server/http/auth.ts';
import { insertUser } from '../server/modules/accounts/accounts.repository.ts';
import { loadAndImportContent, loadValidContent } from '../server/modules/catalog/content-boot.ts';
import { recordEvents } from '../server/modules/progress/progress.service.ts';
import { newQuizBanks, startAttempt, submitAttempt } from '../server/modules/quizzes/quizzes.service.ts';
import { addAssignment } from '../server/modules/workshops/assignments.service.ts';
import { join } from '../server/modules/workshops/joining.service.ts';
import { createWorkshop } from '../server/modules/workshops/workshops.service.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WEB_BUILD = path.resolve(import.meta.dirname, '../web/build');
const banks = newQuizBanks();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-workshop-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
const database = await openDatabase(config);
await migrate(database);
await loadAndImportContent(database.db);
const db = database.db;
const bundle = loadValidContent();
const modules = bundle.modules.filter((m) => /^m[1-7]-/.test(m.id));
const keyOf = new Map(bundle.quizzes.flatMap((q) => q.questions.map((x) => [x.id, x.answer] as const)));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const t0 = performance.now();
const facilitatorRow = await insertUser(db, {
  name: 'Bench Facilitator',
  email: 'bench.facilitator@example.org',
  passwordHash: null,
  role: 'facilitator',
});
const facilitator: Actor = { id: facilitatorRow.id, role: 'facilitator', locale: 'en' };
const urls = { publicUrl: config.publicUrl };
const workshop = await createWorkshop(
  db,
  facilitator,
  {
    title: 'CLC capacity-building workshop, Kampot',
    city: 'Kampot',
    country: 'KH',
    locale: 'km',
    timeZone: 'Asia/Phnom_Penh',
    startsOn: day(-3),
    endsOn: day(3),
  },
  urls,
);
// Modules 1-3 were due already (some participants are overdue); 4-7 are due later.
for (const [i, m] of modules.entries())
  await addAssignment(db, facilitator, workshop.id, {
    moduleId: m.id,
    dueOn: day(i < 3 ? -2 + i : i - 3),
    dueTime: '17:00',
  });

// Realistic progress: most finish the first modules, fewer the later ones; some stop part-way through a module;
// quiz answers are right with a per-person ability, so the item analysis has spread.
let events = 0;
let attempts = 0;
for (let p = 0; p < PARTICIPANTS; p++) {
  const row = await insertUser(db, {
    name: `Participant ${String(p + 1).padStart(3, '0')} សុខ`,
    email: null,
    passwordHash: null,
  });
  const actor: Actor = { id: row.id, role: 'learner', locale: 'km' };
  await join(db, actor, workshop.joinCode);
  const modulesDone = Math.min(modules.length, Math.floor(Math.random() ** 0.7 * (modules.length + 1)));
  const ability = 0.5 + Math.random() * 0.5;
  const batch: { id: string; type: 'lesson.opened' | 'lesson.completed'; lessonId: string; at: string }[] = [];
  for (const [i, m] of modules.entries()) {
    if (i > modulesDone) break;
    const lessons = i < modulesDone ? m.lessonIds : m.lessonIds.slice(0, randomInt(m.lessonIds.length + 1));
    for (const lessonId of lessons) {
      const at = new Date(Date.now() - randomInt(3 * 86_400_000)).toISOString();
      batch.push(
        { id: randomUUID(), type: 'lesson.opened', lessonId, at },
        { id: randomUUID(), type: 'lesson.completed', lessonId, at },
      );
    }
    if (i < modulesDone && m.quizId) {
      for (let tries = 0; tries < 1 + randomInt(2); tries++) {
        const { attempt } = await startAttempt(db, banks, actor, m.quizId);
        const answers = attempt.questions.map((q) => ({
          questionId: q.questionId,
          response: Math.random() < ability ? keyOf.get(q.questionId)! : [q.options[0].id],
        }));
        await submitAttempt(db, actor, attempt.attemptId, answers);
        attempts++;
      }
    }
  }
  if (batch.length) await recordEvents(db, actor, batch);
  events += batch.length;
  if ((p + 1) % 100 === 0) console.log(`seeded ${p + 1} participants`);
}
const seedSeconds = (performance.now() - t0) / 1000;

const app = await buildApp({
  config,
  database,
  jwtSecret: 'bench-secret-that-is-long-enough-for-hs256',
  logger: false,
  web: fs.existsSync(WEB_BUILD) ? { buildDir: WEB_BUILD, secure: false } : false,
});
await app.ready();
const sid = await app.sessions.start(facilitator.id, new Date(Date.now() + 3_600_000));
const cookie = `lca_session=${app.jwt.sign({ sub: facilitator.id, sid }, { expiresIn: '1h' })}`;
const url = `/api/workshops/${workshop.id}/dashboard`;
const first = await app.inject({ method: 'GET', url, headers: { cookie } });
if (first.statusCode !== 200) throw new Error(`dashboard ${first.statusCode}: ${first.body}`);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await app.inject({ method: 'GET', url, headers: { cookie } });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);

console.log(
  `\n${database.kind}, ${os.cpus().length} cores; seeded in ${seedSeconds.toFixed(0)} s: ${PARTICIPANTS} participants, ${modules.length} assignments, ${events} progress events, ${attempts} quiz attempts\n`,
);
console.log('| measure | value |\n|---|---|');
console.log(
  `| GET dashboard (API) p50 / p95 / max over ${RUNS} | ${pct(0.5)} ms / ${pct(0.95)} ms / ${times.at(-1)!.toFixed(0)} ms |`,
);
console.log(`| dashboard JSON | ${(first.rawPayload.length / 1024).toFixed(0)} KiB |`);
const csvStart = performance.now();
const csv = await app.inject({ method: 'GET', url: `/api/workshops/${workshop.id}/export.csv`, headers: { cookie } });
console.log(
  `| GET export.csv | ${(performance.now() - csvStart).toFixed(0)} ms, ${(csv.rawPayload.length / 1024).toFixed(0)} KiB |`,
);
if (fs.existsSync(WEB_BUILD)) {
  const pageUrl = `/workshops/${workshop.id}/dashboard`;
  const pageStart = performance.now();
  const raw = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie, 'accept-encoding': 'identity' } });
  const pageMs = performance.now() - pageStart;
  const br = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie, 'accept-encoding': 'br' } });
  const gz = await app.inject({ method: 'GET', url: pageUrl, headers: { cookie, 'accept-encoding': 'gzip' } });
  const script = fs.statSync(path.join(WEB_BUILD, 'client/workshop-dashboard.js')).size;
  console.log(
    `| dashboard page (HTML) | ${pageMs.toFixed(0)} ms; ${(raw.rawPayload.length / 1024).toFixed(0)} KiB raw, ${(gz.rawPayload.length / 1024).toFixed(0)} KiB gzip, ${(br.rawPayload.length / 1024).toFixed(0)} KiB brotli |`,
  );
  console.log(`| dashboard refresh script | ${script} bytes |`);
}
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
