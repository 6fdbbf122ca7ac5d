// Benchmark: the signed-in lesson page served by WORKERS=1 and WORKERS=2 (the real server, `npm start`, as child
// processes on DATABASE_URL), loaded in turn in pairs (this machine's speed drifts: only back-to-back loads compare),
// with the RSS of each server process; then the same for a lean control cluster (scripts/bench-workers-lean.ts), to
// tell what the machine gives a second process from what the server makes of it. Part of `npm run bench:server`;
// alone: `DATABASE_URL=postgres://... npx tsx scripts/bench-workers.ts`. Never part of the tests.
//   BENCH_SECONDS (default 10: loads of half that), BENCH_PAIRS (default 5), BENCH_WARM_UP_SECONDS (default 20 for
//   one process, twice that for two), BENCH_CONNECTIONS (default 20),
//   BENCH_USERS (default 20), BENCH_LESSON.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMeter, localPostgresPids } from './bench-cpu.ts';
import { generateLoad } from './bench-load.ts';
import { signUpLearners } from './bench-server-setup.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

type Run = {
  workers: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb: number[];
  /** Per request, ms: the server's processes, the local PostgreSQL, the load generator. */
  cpuMs: { server: number; postgres: number | undefined; generator: number };
  /** Share of the machine's cores left idle during the run. */
  idle: number;
};

/** All cores' idle and total time so far (/proc/stat), to tell whether a run had the machine to itself. */
function machineTimes(): { idle: number; total: number } {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return { idle: 0, total: 0 };
  }
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return Math.round(process.memoryUsage().rss / 1e6); // not Linux: unknown, say so below
  }
}

export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/** The highest RSS the process has had since it started (its start-up included). */
export const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM');

/** Exactly what `npm start` runs (its node flags, the heap limit among them), without npm's own process in between. */
const START_COMMAND = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string;

export async function serve(workers: number, env: Record<string, string>, command = START_COMMAND) {
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      WORKERS: String(workers),
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: '',
      LOG_LEVEL: 'silent',
      MEDIA_WORKER: 'off',
      MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    void exited.then(() => reject(new Error(`the server stopped before it served:\n${out}`)));
  });
  // The address is printed when the first worker serves: wait until every worker answers.
  const seen = new Set<number>();
  for (let i = 0; i < 600 && seen.size < (workers > 1 ? workers : 1); i++) {
    const health = await fetch(`${base}/api/health`, { headers: { connection: 'close' } })
      .then((r) => r.json() as Promise<{ worker: number }>)
      .catch(() => undefined);
    if (health) seen.add(health.worker);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pids =
    workers > 1 ? [...out.matchAll(/Worker \d+ started \(process (\d+)\)/g)].map((m) => Number(m[1])) : [child.pid!];
  return {
    base,
    pids,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

type Server = Awaited<ReturnType<typeof serve>>;
type Load = Omit<Parameters<typeof generateLoad>[0], 'seconds'>;

/** One measured load on a running server: its rate, latency, and where the CPU went. */
async function measure(workers: number, server: Server, load: Load, seconds: number): Promise<Run> {
  // A server left idle while the other was loaded gives memory back (V8 shrinks its heap when idle) and then pays to
  // grow it again: without this lead-in the first WORKERS=1 load of a run cost 1.6x the CPU per page of the others.
  await generateLoad({ ...load, seconds: 2 });
  const serverCpu = cpuMeter(() => server.pids);
  const postgresCpu = cpuMeter(localPostgresPids);
  const before = machineTimes();
  const r = await generateLoad({ ...load, seconds });
  const after = machineTimes();
  const perRequest = (ms: number | undefined) => (ms === undefined ? undefined : ms / Math.max(1, r.total));
  return {
    workers,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    rssMb: server.pids.map(rssMb),
    cpuMs: {
      server: perRequest(serverCpu.stop()) ?? 0,
      postgres: perRequest(postgresCpu.stop()),
      generator: r.generatorCpuMs,
    },
    idle: after.total > before.total ? (after.idle - before.idle) / (after.total - before.total) : NaN,
  };
}

const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 20);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * WORKERS=1 and WORKERS=2 both started, then loaded in turn, pair after pair: this machine's speed drifts by a
 * quarter within minutes, so only a pair measured back to back gives a ratio; the median pair is the figure.
 */
async function comparePairs(
  start: (workers: number) => Promise<Server>,
  load: (server: Server) => Promise<Load>,
  pairs: number,
  seconds: number,
) {
  const servers = [await start(1), await start(2)];
  try {
    const loads = [await load(servers[0]), await load(servers[1])];
    // Warm-up: JIT and heap sizing. Two processes each see half the requests, so they need twice the warm-up of one to
    // be as ready (servers[i] runs i + 1 processes): with 2 s each, WORKERS=2 cost up to 2.7x the CPU per page of
    // WORKERS=1 in the first pair, and still 1.3x in the third.
    for (const [i, l] of loads.entries()) await generateLoad({ ...l, seconds: WARM_UP_SECONDS * (i + 1) });
    const runs: Run[][] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const one = await measure(1, servers[0], loads[0], seconds);
      const two = await measure(2, servers[1], loads[1], seconds);
      runs.push([one, two]);
    }
    return runs;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

function printRuns(title: string, runs: Run[][]) {
  console.log(`\n${title}\n`);
  console.log(
    '| pair | WORKERS | req/s | p50 / p99 ms | CPU ms per request: server / PostgreSQL / load generator | cores idle | non-2xx | errors + timeouts | RSS per server process after the load, MB |\n|---|---|---|---|---|---|---|---|---|',
  );
  const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  for (const [i, pair] of runs.entries())
    for (const r of pair)
      console.log(
        `| ${i + 1} | ${r.workers} | ${r.rps.toLocaleString('en')} | ${r.p50} / ${r.p99} | ${ms(r.cpuMs.server)} / ${ms(r.cpuMs.postgres)} / ${ms(r.cpuMs.generator)} | ${Math.round(100 * r.idle)} % | ${r.non2xx} | ${r.errors} | ${r.rssMb.join(', ')} |`,
      );
  const ratios = runs.map(([one, two]) => two.rps / one.rps);
  return { ratios, ratio: median(ratios) };
}

/** WORKERS=1 against WORKERS=2 on DATABASE_URL, then the same for the lean control; prints tables and the ratios. */
export async function compareWorkers(opts: {
  seconds: number;
  connections: number;
  learners: number;
  lesson: string;
  pairs?: number;
}) {
  if (!process.env.DATABASE_URL) {
    console.log(
      "\nWorker comparison skipped: it needs DATABASE_URL (several processes share one PostgreSQL; the embedded database is one process's).",
    );
    return;
  }
  const pairs = opts.pairs ?? 5;
  const seconds = Math.max(3, Math.round(opts.seconds / 2));
  // One DATA_DIR for both servers: the same session secret, so the learners signed up once are signed in on both.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-workers-'));
  const cookies: string[] = [];
  let real: Run[][];
  try {
    real = await comparePairs(
      (workers) => serve(workers, { DATA_DIR: dataDir }),
      async (server) => {
        if (!cookies.length) cookies.push(...(await signUpLearners(server.base, opts.learners, 'Worker bench')));
        return {
          url: `${server.base}/lessons/${opts.lesson}`,
          connections: opts.connections,
          headers: { 'accept-encoding': 'br' },
          cookies,
        };
      },
      pairs,
      seconds,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const title = `Worker comparison: signed-in lesson page, the real server (npm start) on PostgreSQL, ${os.cpus().length} cores shared with the load generator and PostgreSQL, ${opts.connections} connections, ${pairs} pairs of ${seconds} s loads, WORKERS=1 and WORKERS=2 in turn`;
  const { ratios, ratio } = printRuns(title, real);
  const all = real.flat();
  const leanCpuMs = median(real.map(([one]) => one.cpuMs.server));
  const lean = await comparePairs(
    (workers) =>
      serve(
        workers,
        { LEAN_CPU_MS: leanCpuMs.toFixed(2) },
        `node --import tsx ${path.join(ROOT, 'scripts/bench-workers-lean.ts')}`,
      ),
    async (server) => ({ url: `${server.base}/`, connections: opts.connections }),
    pairs,
    seconds,
  );
  const control = printRuns(
    `Control: a lean Node cluster (scripts/bench-workers-lean.ts) on the same machine and load generator: two round trips to PostgreSQL, ${leanCpuMs.toFixed(2)} ms of computation (the server's CPU per page at WORKERS=1 above) and a 5 KB answer per request, almost no heap`,
    lean,
  );
  const two = real.map(([, t]) => t);
  const ones = real.map(([o]) => o);
  const growth = median(two.map((t) => t.cpuMs.server)) / median(ones.map((o) => o.cpuMs.server));
  console.log(
    `\nWORKERS=2 ÷ WORKERS=1: ${ratio.toFixed(2)}× (median of ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≥ 1.3×). Largest RSS of one process: ${Math.max(...all.flatMap((r) => r.rssMb))} MB (goal < 400 MB).`,
  );
  console.log(
    `The lean control: ${control.ratio.toFixed(2)}× (${control.ratios.map((r) => r.toFixed(2)).join(', ')}): what this machine gives a second process that costs as much CPU per request but touches little memory.`,
  );
  console.log(
    `The server's CPU per page, two processes ÷ one: ${growth.toFixed(2)} (median ${median(ones.map((o) => o.cpuMs.server)).toFixed(2)} → ${median(two.map((t) => t.cpuMs.server)).toFixed(2)} ms); above 1, what the two lose to competing for the cores.`,
  );
  // Rate = busy cores ÷ CPU per request (server, PostgreSQL and load generator together). At one process's CPU per
  // request, two processes gain only the cores one process leaves idle.
  const busy = (r: Run) => 1 - r.idle;
  const ceiling = median(real.map(([one, twoRun]) => busy(twoRun) / busy(one)));
  console.log(
    `The cores left to gain: with one process ${Math.round(100 * median(ones.map((o) => o.idle)))} % of the machine is idle, with two ${Math.round(100 * median(two.map((t) => t.idle)))} %, so at one process's CPU per request two would serve ${ceiling.toFixed(2)}× (median of busy cores with two ÷ with one): the most this machine allows the server unless a second process costs less per page than one.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await compareWorkers({
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
    learners: Number(process.env.BENCH_USERS ?? 20),
    lesson: process.env.BENCH_LESSON ?? 'm1-national-and-local',
    pairs: Number(process.env.BENCH_PAIRS ?? 5),
  });
}
