// Benchmark: requests per second and latency of the pages learners hit most, side by side in one run, against a bare
// Fastify route (the ceiling), with the ratios issue 19 sets as goals. Runs a real server on a throwaway embedded
// database (or DATABASE_URL) and prints a table. The load comes from a process of its own (scripts/bench-load.ts), and
// each row says where a request's CPU went: the server, PostgreSQL, the load generator. Never part of the tests.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20), BENCH_USERS (signed-in learners taking turns, default 20).
// Then, with DATABASE_URL, the worker comparison (scripts/bench-workers.ts): WORKERS=1 against WORKERS=2, and RSS.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import { cpuMeter, localPostgresPids } from './bench-cpu.ts';
import { generateLoad } from './bench-load.ts';
import { signUpLearners, startBenchServer } from './bench-server-setup.ts';
import { compareWorkers } from './bench-workers.ts';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LESSON = process.env.BENCH_LESSON ?? 'm1-national-and-local';

const bare = Fastify({ logger: false });
bare.get('/', async () => ({ hello: 'world' }));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

const { base, database, close } = await startBenchServer({ web: true });

// A room of learners, not one learner twenty times (one person's progress writes queue behind each other).
const learners = Number(process.env.BENCH_USERS ?? 20);
const cookies = await signUpLearners(base, learners);
const cookie = cookies[0];
const lessonCheck = await fetch(`${base}/api/lessons/${LESSON}`, { headers: { cookie } });
if (!lessonCheck.ok)
  throw new Error(
    `GET /api/lessons/${LESSON} answered ${lessonCheck.status}: set BENCH_LESSON to a lesson id of the course`,
  );

type Row = {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  over10s: number;
  serverCpuMs: number;
  postgresCpuMs: number | undefined;
  generatorCpuMs: number;
  delayMs: number;
};
const rows: Row[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// The load comes from another process (scripts/bench-load.ts), so this process's CPU is the server's alone.
async function measure(label: string, url: string, headers: Record<string, string> = {}, signedIn = false) {
  const cpu = process.cpuUsage();
  const postgres = cpuMeter(database.kind === 'postgres' ? localPostgresPids : () => []);
  loopDelay.reset();
  const r = await generateLoad({ url, headers, connections, seconds: duration, ...(signedIn ? { cookies } : {}) });
  const used = process.cpuUsage(cpu);
  const postgresMs = postgres.stop();
  const perRequest = (ms: number) => ms / Math.max(1, r.total);
  rows.push({
    label,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    non2xx: r.non2xx,
    over10s: r.timeouts,
    serverCpuMs: perRequest((used.user + used.system) / 1000),
    postgresCpuMs: postgresMs === undefined ? undefined : perRequest(postgresMs),
    generatorCpuMs: r.generatorCpuMs,
    delayMs: loopDelay.mean / 1e6,
  });
}

await measure('bare Fastify route (the ceiling)', `${bareBase}/`);
await measure('`GET /api/health`', `${base}/api/health`);
// Anonymous pages twice: as served (the render kept for a second, server/http/shared-render-cache.ts), and rendered
// for every request (Cache-Control: no-cache, as a forced reload sends), which is what the render path costs.
const rendered = { 'accept-encoding': 'br', 'cache-control': 'no-cache' };
await measure('home page, anonymous, as served', `${base}/`, { 'accept-encoding': 'br' });
await measure('home page, anonymous, rendered each time', `${base}/`, rendered);
await measure('lesson page, anonymous, as served', `${base}/lessons/${LESSON}`, { 'accept-encoding': 'br' });
await measure('lesson page, anonymous, rendered each time', `${base}/lessons/${LESSON}`, rendered);
// Signed in, the same twice: as served (20 learners at the same point of the lesson share one render,
// web/src/lib/server/signed-in-render.ts), and rendered for every request (a forced reload).
await measure('lesson page, signed in, as served', `${base}/lessons/${LESSON}`, { 'accept-encoding': 'br' }, true);
await measure('lesson page, signed in, rendered each time', `${base}/lessons/${LESSON}`, rendered, true);
await measure('`GET /api/lessons/:id`, signed in', `${base}/api/lessons/${LESSON}`, { 'accept-encoding': 'br' }, true);

const rate = (label: string) => rows.find((r) => r.label.startsWith(label))!.rps;
const ratio = (a: string, b: string) => `${Math.round((100 * rate(a)) / rate(b))} %`;
console.log(
  `\n${database.kind}, ${os.cpus().length} cores, ${connections} connections (signed in: ${learners} learners in turn), ${duration} s each, lesson ${LESSON}, RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`,
);
console.log(
  '| what | req/s | p50 / p99 ms | CPU ms per request: server / PostgreSQL / load generator | event-loop delay, mean ms | non-2xx | timeouts (10 s) |\n|---|---|---|---|---|---|---|',
);
const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
for (const r of rows)
  console.log(
    `| ${r.label} | ${r.rps.toLocaleString('en')} | ${r.p50} / ${r.p99} | ${ms(r.serverCpuMs)} / ${ms(r.postgresCpuMs)} / ${ms(r.generatorCpuMs)} | ${r.delayMs.toFixed(0)} | ${r.non2xx} | ${r.over10s} |`,
  );
const cpu = (label: string) => rows.find((r) => r.label.startsWith(label))!.serverCpuMs;
console.log(
  `\nBy the server's CPU per request (load-independent), rendered each time: lesson signed in ÷ home ${Math.round((100 * cpu('home page, anonymous, rendered')) / cpu('lesson page, signed in, rendered'))} %, lesson anonymous ÷ home ${Math.round((100 * cpu('home page, anonymous, rendered')) / cpu('lesson page, anonymous, rendered'))} %`,
);
console.log(
  `Lesson page anonymous ÷ home anonymous, as served: ${ratio('lesson page, anonymous, as served', 'home page, anonymous, as served')} (goal ≥ 70 %); both rendered each time: ${ratio('lesson page, anonymous, rendered', 'home page, anonymous, rendered')}`,
);
console.log(
  `Lesson page signed in as served ÷ home anonymous rendered each time: ${ratio('lesson page, signed in, as served', 'home page, anonymous, rendered')} (goal ≥ 50 %); ÷ home as served: ${ratio('lesson page, signed in, as served', 'home page, anonymous, as served')}; both rendered each time: ${ratio('lesson page, signed in, rendered', 'home page, anonymous, rendered')}`,
);
await close();
await bare.close();

// WORKERS=1 against WORKERS=2 (the real server as a child process, on DATABASE_URL), with each process's RSS.
await compareWorkers({
  seconds: duration,
  connections,
  learners,
  lesson: LESSON,
  pairs: Number(process.env.BENCH_PAIRS ?? 5),
});
