// The benchmarks' load generator in a process of its own, so that parsing the answers (autocannon's HTTP parser is
// JavaScript, and pays per byte) is not counted against the server it measures, as it was while both shared one
// thread. `generateLoad` spawns this file; it runs autocannon and prints the result as one line of JSON, with the
// CPU time the load generator itself used. Never part of the tests.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Session cookies (`name=value`) taken in turn: a room of learners, not one learner n times. */
  cookies?: string[];
  /** Each connection keeps one learner's cookie (their requests one after another, as one browser sends them). */
  cookiePerConnection?: boolean;
  /** A request not answered within this many seconds counts as a timeout (default 10). */
  timeoutSeconds?: number;
  /** POSTs a new batch of progress events (random ids, the lessons given in turn) with every request. */
  progressBatch?: { size: number; lessonIds: string[] };
};

export type LoadResult = {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time of the load generator per request, ms. */
  generatorCpuMs: number;
  /** Every answer's latency, whatever its status (autocannon's own histogram keeps 2xx only), ms. */
  answered: { p50: number; p99: number; max: number; over10s: number };
};

/** Runs the load in a child process and returns what it measured. */
export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_LOAD: JSON.stringify(options) },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the load generator stopped with code ${code}: ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
}

/** A batch of progress events as the player sends it: new ids, the lessons given in turn. */
export function progressBatch({ size, lessonIds }: { size: number; lessonIds: string[] }) {
  return JSON.stringify({
    events: Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      type: i % 3 === 0 ? 'position' : 'lesson.opened',
      lessonId: lessonIds[i % lessonIds.length],
      at: new Date().toISOString(),
      ...(i % 3 === 0 ? { seconds: i * 7 } : {}),
    })),
  });
}

async function run(options: LoadOptions): Promise<LoadResult> {
  const cookies = options.cookies ?? [];
  let turn = 0;
  let client = 0;
  const batch = options.progressBatch;
  const perRequest = cookies.length > 0 && !options.cookiePerConnection;
  const setupRequest = (req: { headers?: Record<string, string>; body?: string }) => ({
    ...req,
    ...(perRequest ? { headers: { ...req.headers, cookie: cookies[turn++ % cookies.length] } } : {}),
    ...(batch ? { body: progressBatch(batch) } : {}),
  });
  const headers = { ...options.headers, ...(batch ? { 'content-type': 'application/json' } : {}) };
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const instance = autocannon({
    url: options.url,
    headers,
    connections: options.connections,
    duration: options.seconds,
    timeout: options.timeoutSeconds ?? 10,
    ...(batch ? { method: 'POST' as const } : {}),
    ...(cookies.length && options.cookiePerConnection
      ? {
          setupClient: (c: { setHeaders: (h: Record<string, string>) => void }) =>
            c.setHeaders({ ...headers, cookie: cookies[client++ % cookies.length] }),
        }
      : {}),
    ...(perRequest || batch
      ? { requests: [{ ...(batch ? { method: 'POST' as const } : {}), setupRequest: setupRequest as never }] }
      : {}),
  });
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms),
  );
  const r = await instance;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    rps: Math.round(r.requests.average),
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    generatorCpuMs: (used.user + used.system) / 1000 / Math.max(1, r.requests.total),
    answered: {
      p50: at(0.5),
      p99: at(0.99),
      max: Math.round(latencies.at(-1) ?? 0),
      over10s: latencies.filter((ms) => ms > 10_000).length,
    },
  };
}

if (process.env.BENCH_LOAD && path.resolve(process.argv[1] ?? '') === path.resolve(import.meta.filename)) {
  console.log(JSON.stringify(await run(JSON.parse(process.env.BENCH_LOAD) as LoadOptions)));
}
