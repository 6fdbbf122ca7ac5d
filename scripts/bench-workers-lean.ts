// The worker comparison's control (scripts/bench-workers.ts): a lean Node cluster on the same port scheme, answering
// every request with two round trips to PostgreSQL, LEAN_CPU_MS of computation and a 5 KB body, as the signed-in lesson
// page costs, but with almost no heap. What a second process gains here is what this machine gives a second process
// at all; what the real server gains beside it tells how much is the server's own. Never part of the tests.
//   DATABASE_URL, WORKERS (default 1), LEAN_CPU_MS (default 1). Prints "running at http://..." when it serves.
import cluster from 'node:cluster';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const workers = Number(process.env.WORKERS ?? 1);
const BODY = Buffer.alloc(5 * 1024, 'x');

/** Iterations of a small arithmetic loop per millisecond on this core, measured over 100 ms. */
function iterationsPerMs(): number {
  let x = 0;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 100) for (let i = 0; i < 10_000; i++, n++) x = (x * 31 + i) % 1_000_003;
  return x >= 0 ? n / 100 : 0;
}

/** Serves in this process; the port goes to the primary when there is one, else it is printed here. */
function serveHere(iterations: number) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const server = http.createServer(async (req, res) => {
    if (req.url === '/api/health') return res.end(JSON.stringify({ worker: cluster.worker?.id ?? 0 }));
    for (let q = 0; q < 2; q++)
      await pool.query({ name: `lean_${q}`, text: 'select $1::int as n, now() as at', values: [q] });
    let x = 0;
    for (let i = 0; i < iterations; i++) x = (x * 31 + i) % 1_000_003;
    res.setHeader('content-type', 'text/html');
    res.end(x < 0 ? '' : BODY);
  });
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    if (cluster.isWorker) process.send!(port);
    else console.log(`Lean server running at http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

if (cluster.isWorker) serveHere(Number(process.env.LEAN_ITERATIONS));
else {
  // As the real server: one process serves itself; more are forked workers behind the primary.
  const iterations = Math.round(iterationsPerMs() * Number(process.env.LEAN_CPU_MS ?? 1));
  if (workers <= 1) serveHere(iterations);
  else {
    let announced = false;
    for (let i = 0; i < workers; i++) {
      const worker = cluster.fork({ LEAN_ITERATIONS: String(iterations) });
      console.log(`Worker ${worker.id} started (process ${worker.process.pid})`);
      worker.on('message', (port: number) => {
        if (!announced) console.log(`Lean cluster running at http://127.0.0.1:${port}`);
        announced = true;
      });
    }
    process.on('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill();
      process.exit(0);
    });
  }
}
