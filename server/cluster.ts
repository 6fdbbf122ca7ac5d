// WORKERS=N: N server processes on one port (Node's cluster module; the primary hands connections out in turn).
// The primary does the once-only start-up work (migrations, the course import, secrets and certificate keys in
// DATA_DIR, the first-admin setup token) before any worker starts, so workers never race at it; then it forks the
// workers, restarts any that dies, and stops them all on SIGTERM/SIGINT. Everything workers must agree on lives in
// Postgres (sessions, rate limits, the job queue) or DATA_DIR (secrets, keys, media), so any worker can answer any
// request. The embedded database (PGlite) is one process's: with it the server runs one process and says so.
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';

/** The primary tells each worker the setup token through its environment, so every worker accepts the one link. */
export const SETUP_TOKEN_ENV = 'LCA_SETUP_TOKEN';

type Listening = { type: 'listening'; address: string };

/** Why WORKERS>1 cannot be honoured, or null when it can. */
export function singleProcessReason(config: Config): string | null {
  if (config.workers <= 1 || config.databaseUrl) return null;
  return `WORKERS=${config.workers} is ignored: the embedded database (DATABASE_URL unset) belongs to one process, so this server runs one. Set DATABASE_URL to a PostgreSQL server to run several processes.`;
}

/**
 * The primary: `prepare` does the start-up work and says whether an admin is still missing; then `config.workers`
 * workers are forked and kept running.
 */
export async function runPrimary(config: Config, prepare: () => Promise<{ setupNeeded: boolean }>): Promise<void> {
  const { setupNeeded } = await prepare();
  const setupToken = setupNeeded ? randomBytes(24).toString('base64url') : '';
  let stopping = false;
  let announced = false;
  let everServed = false;
  /** Restarts in a row of workers that died within 10 s of starting: the wait before the next one grows. */
  let quickDeaths = 0;

  const fork = (replacing?: Worker): Worker => {
    const worker = cluster.fork({ [SETUP_TOKEN_ENV]: setupToken });
    const startedAt = Date.now();
    console.log(
      `Worker ${worker.id} started (process ${worker.process.pid})${replacing ? `, replacing worker ${replacing.id}` : ''}`,
    );
    worker.on('message', (message: Listening) => {
      if (message?.type !== 'listening') return;
      everServed = true;
      quickDeaths = 0;
      if (announced) return;
      announced = true;
      console.log(`Learning Cities Academy is running at ${message.address} (${config.workers} processes)`);
      if (setupToken)
        console.log(`No admin yet: create one at ${message.address}/setup?token=${setupToken} (this link works once)`);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      if (!everServed) {
        // A worker that could not start (its error is printed above) will not start on a second try either.
        console.error(
          `Worker ${worker.id} stopped before it served (exit code ${code ?? signal}); stopping the server.`,
        );
        void stopAll(1);
        return;
      }
      const lived = Date.now() - startedAt;
      quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
      const wait = quickDeaths ? Math.min(1000 * 2 ** (quickDeaths - 1), 30_000) : 0;
      console.error(
        `Worker ${worker.id} (process ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); starting another${wait ? ` in ${wait / 1000} s` : ''}.`,
      );
      setTimeout(() => !stopping && fork(worker), wait);
    });
    return worker;
  };

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    // Each worker finishes its requests and closes its database connections on SIGTERM (server/main.ts).
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGINT', () => void stopAll(0));

  for (let i = 0; i < config.workers; i++) fork();
}

/** In a worker: tell the primary this worker serves (it prints the address once for all of them). */
export function reportListening(address: string) {
  process.send?.({ type: 'listening', address } satisfies Listening);
}
