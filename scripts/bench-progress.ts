// Benchmark: progress ingestion (batches of 20 events, 200 concurrent learners) and quiz submit latency under that load.
// Usage: npm run bench:progress            (embedded PGlite in a temp dir)
//        DATABASE_URL=postgres://… npm run bench:progress
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { loadValidContent } from '../server/modules/catalog/content-boot.ts';
import { startBenchServer } from './bench-server-setup.ts';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const { app, base, database, close } = await startBenchServer();
const bundle = loadValidContent();
const lessonIds = bundle.lessons.map((l) => l.id);
const quiz = bundle.quizzes[0];

const cookies: string[] = [];
for (let i = 0; i < LEARNERS; i++) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: `Learner ${i}`, email: `bench${i}@example.org`, password: 'Bench-password-2025' } });
  cookies.push(`lca_session=${res.cookies.find((c) => c.name === 'lca_session')!.value}`);
}

const batch = () =>
  JSON.stringify({
    events: Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), type: i % 3 === 0 ? 'position' : 'lesson.opened', lessonId: lessonIds[i % lessonIds.length], at: new Date().toISOString(), ...(i % 3 === 0 ? { seconds: i * 7 } : {}) })),
  });

// Quiz submits run alongside the progress load: each learner starts and submits one attempt.
const submitLatencies: number[] = [];
async function quizLoad() {
  const started = await Promise.all(cookies.map((cookie) => fetch(`${base}/api/quizzes/${quiz.id}/attempts`, { method: 'POST', headers: { cookie } }).then((r) => r.json())));
  await new Promise((r) => setTimeout(r, 2000));
  await Promise.all(
    started.map(async (attempt: { attemptId: string; questions: { questionId: string; options: { id: string }[] }[] }, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * (DURATION - 4) * 1000));
      const answers = attempt.questions.map((q) => ({ questionId: q.questionId, response: [q.options[0].id] }));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/attempts/${attempt.attemptId}/submit`, { method: 'POST', headers: { cookie: cookies[i], 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
      await res.arrayBuffer();
      if (res.ok) submitLatencies.push(performance.now() - t0);
    }),
  );
}

let client = 0;
const [progress] = await Promise.all([
  autocannon({
    url: `${base}/api/progress/events`,
    connections: LEARNERS,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (c) => c.setHeaders({ 'content-type': 'application/json', cookie: cookies[client++ % cookies.length] }),
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: batch() }) }],
  }),
  quizLoad(),
]);
submitLatencies.sort((a, b) => a - b);
const p = (q: number) => submitLatencies[Math.min(submitLatencies.length - 1, Math.floor(q * submitLatencies.length))]?.toFixed(0);
console.log(`\n${database.kind}, ${os.cpus().length} cores, ${LEARNERS} learners, ${DURATION} s, batches of 20 events\n`);
console.log('| measure | value |\n|---|---|');
console.log(`| progress batches/s | ${Math.round(progress.requests.average)} (${Math.round(progress.requests.average * 20)} events/s) |`);
console.log(`| progress p50 / p99 latency | ${progress.latency.p50} ms / ${progress.latency.p99} ms |`);
console.log(`| progress non-2xx | ${progress.non2xx} |`);
console.log(`| quiz submits | ${submitLatencies.length} |`);
console.log(`| quiz submit p50 / p99 | ${p(0.5)} ms / ${p(0.99)} ms |`);
await close();
