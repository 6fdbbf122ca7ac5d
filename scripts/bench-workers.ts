// Benchmark: the signed-in lesson page served by WORKERS=1 and WORKERS=2 (the real server, `npm start`, as a child
// process on DATABASE_URL), side by side in one run, with the RSS of each server process after its load. Part of
// `npm run bench:server`; alone: `DATABASE_URL=postgres://... npx tsx scripts/bench-workers.ts`. Never part of the tests.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20), BENCH_USERS (default 20), BENCH_LESSON.
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

export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return Math.round(process.memoryUsage().rss / 1e6); // not Linux: unknown, say so below
  }
}

export async function serve(workers: number, env: Record<string, string>) {
  // Exactly what `npm start` runs (its node flags, the heap limit among them), without npm's own process in between.
  const startScript = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  const child = spawn('sh', ['-c', `exec ${startScript}`], {
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

/** WORKERS=1 then WORKERS=2 on DATABASE_URL; prints a table and the ratio. */
export async function compareWorkers(opts: { seconds: number; connections: number; learners: number; lesson: string }) {
  if (!process.env.DATABASE_URL) {
    console.log(
      "\nWorker comparison skipped: it needs DATABASE_URL (several processes share one PostgreSQL; the embedded database is one process's).",
    );
    return;
  }
  // One DATA_DIR for both runs: the same session secret, so the learners signed up once are signed in for both.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-workers-'));
  const runs: Run[] = [];
  const cookies: string[] = [];
  try {
    for (const workers of [1, 2]) {
      const server = await serve(workers, { DATA_DIR: dataDir });
      try {
        if (!cookies.length) cookies.push(...(await signUpLearners(server.base, opts.learners, 'Worker bench')));
        const load = {
          url: `${server.base}/lessons/${opts.lesson}`,
          connections: opts.connections,
          headers: { 'accept-encoding': 'br' },
          cookies,
        };
        await generateLoad({ ...load, seconds: 2 }); // warm-up: JIT, connection pools
        const serverCpu = cpuMeter(() => server.pids);
        const postgresCpu = cpuMeter(localPostgresPids);
        const before = machineTimes();
        const r = await generateLoad({ ...load, seconds: opts.seconds });
        const after = machineTimes();
        const perRequest = (ms: number | undefined) => (ms === undefined ? undefined : ms / Math.max(1, r.total));
        runs.push({
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
        });
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nWorker comparison: signed-in lesson page, the real server (npm start) on PostgreSQL, ${os.cpus().length} cores shared with the load generator and PostgreSQL, ${opts.connections} connections, ${opts.seconds} s each\n`,
  );
  console.log(
    '| WORKERS | req/s | p50 / p99 ms | CPU ms per request: server / PostgreSQL / load generator | cores idle | non-2xx | errors + timeouts | RSS per server process after the load, MB |\n|---|---|---|---|---|---|---|---|',
  );
  const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  for (const r of runs)
    console.log(
      `| ${r.workers} | ${r.rps.toLocaleString('en')} | ${r.p50} / ${r.p99} | ${ms(r.cpuMs.server)} / ${ms(r.cpuMs.postgres)} / ${ms(r.cpuMs.generator)} | ${Math.round(100 * r.idle)} % | ${r.non2xx} | ${r.errors} | ${r.rssMb.join(', ')} |`,
    );
  const [one, two] = runs;
  // What the machine could serve at most if every core were busy with nothing else, at WORKERS=2's CPU per request.
  const perRequest = two.cpuMs.server + (two.cpuMs.postgres ?? 0) + two.cpuMs.generator;
  const ceiling = (os.cpus().length * 1000) / perRequest;
  console.log(
    `\nWORKERS=2 ÷ WORKERS=1: ${(two.rps / one.rps).toFixed(2)}× (goal ≥ 1.3×). Largest RSS of one process: ${Math.max(...runs.flatMap((r) => r.rssMb))} MB (goal < 400 MB).`,
  );
  console.log(
    `Ceiling on this machine: ${os.cpus().length} cores ÷ ${perRequest.toFixed(2)} ms of CPU per request (server, PostgreSQL and load generator together) = ${Math.round(ceiling)} req/s, ${(ceiling / one.rps).toFixed(2)}× WORKERS=1's rate: more workers cannot go past it here; on a machine with more cores than PostgreSQL and the load take, the gain follows the cores.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await compareWorkers({
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
    learners: Number(process.env.BENCH_USERS ?? 20),
    lesson: process.env.BENCH_LESSON ?? 'm1-national-and-local',
  });
}
