// Opens the database: embedded PGlite under DATA_DIR when DATABASE_URL is unset, a pg pool otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import * as schema from './schema.ts';
import { createEmbeddedDatabaseApart } from './pglite-first-start.ts';
import { PgliteThread } from './pglite-thread.ts';
import { isDatabaseUnavailable } from './errors.ts';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';
import { describeConnectionFailure } from './connection-problems.ts';
import { PROJECT_ROOT } from '../shared/project-files.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or a transaction: repositories take either. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

/** The database cannot be opened for a reason the person starting the server can fix: printed as is, exit 1. */
export class DatabaseStartError extends Error {}

export class DatabaseLockedError extends DatabaseStartError {
  constructor(dir: string, holder?: { pid: number; host: string }) {
    super(
      `The embedded database in ${dir} is in use by another process` +
        (holder
          ? ` (process ${holder.pid} on ${holder.host}, probably the running server).\n`
          : ' (probably the running server).\n') +
        'Only one process may open it at a time. Stop the server first, then run this command again ' +
        '(or, while it runs, use the admin pages in the browser).',
    );
  }
}

/** DATABASE_URL names a server, database or user that cannot be used; the message says which and what to do. */
export class DatabaseUnreachableError extends DatabaseStartError {}

/** Sees every statement drizzle sends (tests count them against a budget); none in production. */
export type QueryLogger = Logger;

export async function openPglite(
  dataDir: string | undefined,
  opts: { lock?: boolean; loadDataDir?: Blob; logger?: QueryLogger; thread?: boolean } = {},
): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  let release: (() => void) | undefined;
  let pgDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    pgDir = path.join(dataDir, 'pglite');
    if (opts.lock !== false) {
      try {
        release = lockDataDir(dataDir);
      } catch (err) {
        if (err instanceof DataDirLockedError) throw new DatabaseLockedError(dataDir, err.owner);
        throw err;
      }
    }
  }
  if (pgDir && !opts.loadDataDir) {
    try {
      await createEmbeddedDatabaseApart(pgDir);
    } catch (err) {
      release?.();
      throw new DatabaseStartError((err as Error).message);
    }
  }
  const client = opts.thread
    ? new PgliteThread({ dataDir: pgDir, loadDataDir: await opts.loadDataDir?.arrayBuffer() })
    : await inlinePglite(pgDir, opts.loadDataDir);
  try {
    await client.waitReady;
  } catch (err) {
    await client.close().catch(() => {});
    release?.();
    throw err;
  }
  const db = drizzle({ client: client as PGlite, schema, logger: opts.logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      release?.();
    },
  };
}

/** PGlite on the calling thread: for scripts and tests that need its whole interface (a data directory dump). */
async function inlinePglite(dataDir: string | undefined, loadDataDir: Blob | undefined) {
  const { newEmbeddedDatabase } = await import('./pglite-options.ts');
  return newEmbeddedDatabase(dataDir, loadDataDir);
}

export async function openPostgres(url: string, opts: { logger?: QueryLogger } = {}): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // A request waits at most this long for a connection; then it gets a 503 instead of hanging while the database is away.
  const pool = new pg.default.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  const report = lostConnectionReporter();
  // A connection the server drops (restart, failover, pg_terminate_backend) emits 'error' on its client. Idle ones
  // are reported by the pool; a checked-out one (in a transaction, between two queries) has no listener unless we
  // add one, and an unhandled 'error' event ends the process. Its query fails instead (a 503) and the pool replaces it.
  pool.on('connect', (client) => client.on('error', report));
  pool.on('error', () => {}); // already reported by the client's own listener
  releaseDeadTransactionClients(pool);
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(describeConnectionFailure(url, err), { cause: err });
  }
  const db = drizzle(pool, { schema, logger: opts.logger }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end() };
}

/**
 * drizzle 0.45's node-postgres transaction() sends BEGIN before the try/finally that releases its client
 * (drizzle-team/drizzle-orm#6241): a BEGIN on a connection that just died leaks the client, and after ten such
 * leaks every request waits for a pool slot forever. Clients checked out with a promise (drizzle's transactions;
 * pool.query uses the callback form and releases correctly) are given back, destroyed, as soon as one of their
 * queries fails because the connection is gone; drizzle's own later release() is then a no-op.
 * Remove once drizzle releases the client on every path.
 */
function releaseDeadTransactionClients(pool: import('pg').Pool) {
  const connect = pool.connect.bind(pool) as (cb?: unknown) => Promise<import('pg').PoolClient> | undefined;
  pool.connect = ((cb?: unknown) => {
    if (cb) return connect(cb);
    return connect()!.then((client) => {
      const release = client.release.bind(client);
      let released = false;
      client.release = (err?: Error | boolean) => {
        if (released) return;
        released = true;
        release(err);
      };
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const result = query(...args);
        if (result instanceof Promise) {
          result.catch((err: unknown) => {
            if (isDatabaseUnavailable(err)) client.release(err as Error);
          });
        }
        return result;
      }) as typeof client.query;
      return client;
    });
  }) as typeof pool.connect;
}

/** Logs lost connections at most once per 10 s: a failover ends every connection at once. */
function lostConnectionReporter() {
  let lastAt = 0;
  let since = 0;
  return (err: Error) => {
    since++;
    if (Date.now() - lastAt < 10_000) return;
    console.error(
      `postgres: ${since} connection(s) lost (${err.message}); requests meanwhile get 503 and new connections are opened`,
    );
    lastAt = Date.now();
    since = 0;
  };
}

export async function openDatabase(
  config: { databaseUrl?: string; dataDir: string },
  opts: { lock?: boolean } = {},
): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir, { ...opts, thread: true });
}

/** `migrationsFolder`: another folder only for a test of one migration's data changes. */
export async function migrate(database: Database, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(database.db as never, { migrationsFolder });
  }
}
