// Benchmark: progress ingestion (batches of 20 events) and quiz submit latency under that load.
// Usage: npm run bench:progress                          closed loop: 200 learners, each sends its next batch as soon as the
//                                                        last is answered (at most effort), with quiz submits alongside
//        npm run bench:progress -- --rate 2500           open loop: a fixed offered load of 2,500 events/s, evenly spaced
//                                                        (latency at a fixed rate, not queueing behind 200; see pacedLoad)
//        npm run bench:progress -- --connections 50      closed loop at 50 connections (the PGlite goal)
// Embedded PGlite in a temp dir by default; DATABASE_URL=postgres://… for Postgres. --seconds N, --learners N, --no-quiz.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadValidContent } from '../server/modules/catalog/content-boot.ts';
import { generateLoad, progressBatch } from './bench-load.ts';
import { startBenchServer } from './bench-server-setup.ts';

const BATCH = 20;
const { values: args } = parseArgs({
  options: {
    rate: { type: 'string' },
    connections: { type: 'string' },
    learners: { type: 'string' },
    seconds: { type: 'string' },
    'no-quiz': { type: 'boolean', default: false },
  },
});
const rate = args.rate ? Number(args.rate) : null; // events/s offered; null = closed loop
const LEARNERS = Number(args.learners ?? process.env.BENCH_LEARNERS ?? 200);
const DURATION = Number(args.seconds ?? process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(args.connections ?? (rate ? 50 : LEARNERS));
const withQuiz = !rate && !args['no-quiz'];
const SLOW_MS = 10_000;
// Learners of this run: a second run on the same DATABASE_URL signs up its own.
const RUN = Date.now().toString(36);

const { app, base, database, close } = await startBenchServer();
const bundle = loadValidContent();
const lessonIds = bundle.lessons.map((l) => l.id);
const quiz = bundle.quizzes[0];

const signUp = (i: number) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: `Learner ${i}`, email: `bench.${RUN}.${i}@example.org`, password: 'Bench-password-2025' },
  });
const cookies: string[] = [];
for (let i = 0; i < Math.max(LEARNERS, CONNECTIONS); i++) {
  let res = await signUp(i);
  // Start-up and password hashing are heavy work the overload guard sees on a loaded machine: wait as it asks.
  for (let tries = 0; res.statusCode === 503 && tries < 30; tries++) {
    await new Promise((r) => setTimeout(r, 1000));
    res = await signUp(i);
  }
  if (res.statusCode >= 300) throw new Error(`signing up learner ${i}: ${res.statusCode} ${res.body}`);
  cookies.push(`lca_session=${res.cookies.find((c) => c.name === 'lca_session')!.value}`);
}

const batch = () => progressBatch({ size: BATCH, lessonIds });

// Quiz submits run alongside the closed-loop progress load: each learner starts and submits one attempt.
const submitLatencies: number[] = [];
const quizRefused: number[] = [];
async function quizLoad() {
  if (!withQuiz) return;
  const started = await Promise.all(
    cookies.slice(0, LEARNERS).map(async (cookie) => {
      const res = await fetch(`${base}/api/quizzes/${quiz.id}/attempts`, { method: 'POST', headers: { cookie } });
      if (!res.ok) quizRefused.push(res.status);
      return res.ok
        ? ((await res.json()) as { attemptId: string; questions: { questionId: string; options: { id: string }[] }[] })
        : null;
    }),
  );
  await new Promise((r) => setTimeout(r, 2000));
  await Promise.all(
    started.map(async (attempt, i) => {
      if (!attempt) return;
      await new Promise((r) => setTimeout(r, Math.random() * (DURATION - 4) * 1000));
      const answers = attempt.questions.map((q) => ({ questionId: q.questionId, response: [q.options[0].id] }));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/attempts/${attempt.attemptId}/submit`, {
        method: 'POST',
        headers: { cookie: cookies[i], 'content-type': 'application/json' },
        body: JSON.stringify({ answers }),
      });
      await res.arrayBuffer();
      if (res.ok) submitLatencies.push(performance.now() - t0);
      else quizRefused.push(res.status);
    }),
  );
}

// The paced load's answered requests' times, for exact percentiles and the count over 10 s.
const times: number[] = [];
type Latencies = { p50: number; p99: number; max: number; over10s: number };
type LoadResult = { batchesPerSecond: number; non2xx: number; errors: number; timeouts: number; answered: Latencies };

/**
 * A fixed offered load with evenly spaced arrivals: one batch every 1000 / rate ms, each on the keep-alive pool, its
 * latency counted from when it was due (so a late start is counted, not hidden). autocannon's overallRate is not
 * this: each connection spends its per-second budget back to back at the start of every second, so the whole second's
 * requests arrive as one burst and p99 measures how long the burst takes to drain.
 */
async function pacedLoad(batchesPerSecond: number, seconds = DURATION): Promise<LoadResult> {
  const interval = 1000 / batchesPerSecond;
  const total = Math.floor(batchesPerSecond * seconds);
  const start = performance.now();
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fetch(`${base}/api/progress/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[i % cookies.length] },
        body: batch(),
        signal: AbortSignal.timeout(60_000),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          times.push(performance.now() - due);
          if (!res.ok) non2xx++;
        },
        (err: Error) => {
          if (err.name === 'TimeoutError') timeouts++;
          else errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  return {
    batchesPerSecond: times.length / ((performance.now() - start) / 1000),
    non2xx,
    errors,
    timeouts,
    answered: {
      p50: at(0.5),
      p99: at(0.99),
      max: Math.round(times.at(-1) ?? 0),
      over10s: times.filter((ms) => ms > SLOW_MS).length,
    },
  };
}

/**
 * At most effort: each connection, one learner's, sends its next batch as soon as the last is answered. The load comes
 * from a process of its own (scripts/bench-load.ts), so with the embedded database the server's one thread does only
 * the server's and the database's work.
 */
async function closedLoad(): Promise<LoadResult> {
  const r = await generateLoad({
    url: `${base}/api/progress/events`,
    connections: CONNECTIONS,
    seconds: DURATION,
    timeoutSeconds: 60,
    cookies,
    cookiePerConnection: true,
    progressBatch: { size: BATCH, lessonIds },
  });
  return { batchesPerSecond: r.rps, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, answered: r.answered };
}

// The paced load first runs 2 s unrecorded: the database pool opens its connections and the code is compiled.
if (rate) {
  await pacedLoad(rate / BATCH, 2);
  times.length = 0;
}
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpuBefore = process.cpuUsage();
const [progress] = await Promise.all([rate ? pacedLoad(rate / BATCH) : closedLoad(), quizLoad()]);
const batches = progress.batchesPerSecond * DURATION;

const cpu = process.cpuUsage(cpuBefore);
const pick = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]?.toFixed(0) ?? '-';
submitLatencies.sort((a, b) => a - b);
const mode = rate
  ? `open loop at ${rate} events/s offered (${Math.round(rate / BATCH)} batches/s, evenly spaced)`
  : `closed loop, ${CONNECTIONS} connections`;
console.log(`\n${database.kind}, ${os.cpus().length} cores, ${mode}, ${DURATION} s, batches of ${BATCH} events\n`);
console.log('| measure | value |\n|---|---|');
console.log(
  `| progress batches/s | ${Math.round(progress.batchesPerSecond)} (${Math.round(progress.batchesPerSecond * BATCH)} events/s) |`,
);
console.log(
  `| CPU of this process (the server${rate ? ', the paced load generator' : ''}${database.kind === 'pglite' ? ', the database' : ''}) per batch answered | ${((cpu.user + cpu.system) / 1000 / Math.max(1, batches)).toFixed(2)} ms |`,
);
console.log(
  `| progress p50 / p99 / max latency | ${progress.answered.p50} ms / ${progress.answered.p99} ms / ${progress.answered.max} ms |`,
);
console.log(
  `| the server's event-loop delay p50 / p99 / max | ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms / ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms / ${(loopDelay.max / 1e6).toFixed(0)} ms |`,
);
console.log(`| progress requests over ${SLOW_MS / 1000} s | ${progress.answered.over10s} |`);
console.log(
  `| progress non-2xx / errors / timeouts | ${progress.non2xx} / ${progress.errors} / ${progress.timeouts} |`,
);
if (withQuiz) {
  console.log(
    `| quiz submits (refused: statuses) | ${submitLatencies.length} (${quizRefused.length}${quizRefused.length ? `: ${[...new Set(quizRefused)].join(', ')}` : ''}) |`,
  );
  console.log(`| quiz submit p50 / p99 | ${pick(submitLatencies, 0.5)} ms / ${pick(submitLatencies, 0.99)} ms |`);
}
await close();
