// Opens the database: embedded PGlite under DATA_DIR when DATABASE_URL is unset, a pg pool otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

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

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export class DatabaseLockedError extends Error {
  constructor(dir: string) {
    super(
      `The embedded database in ${dir} is in use by another process (probably the running server).\n` +
        'Only one process may open it at a time. Stop the server first, then run this command again ' +
        '(or, while it runs, use the admin pages in the browser).',
    );
  }
}

export async function openPglite(dataDir: string | undefined, opts: { lock?: boolean; loadDataDir?: Blob } = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release: (() => Promise<void>) | undefined;
  let pgDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    pgDir = path.join(dataDir, 'pglite');
    if (opts.lock !== false) {
      try {
        release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, 'pglite.lock'), stale: 15_000, update: 5_000 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DatabaseLockedError(dataDir);
        throw err;
      }
    }
  }
  const client = new PGlite({ dataDir: pgDir, loadDataDir: opts.loadDataDir });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error(`postgres: idle connection lost (${err.message}); it will be replaced`));
  const db = drizzle(pool, { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end() };
}

export async function openDatabase(config: { databaseUrl?: string; dataDir: string }, opts: { lock?: boolean } = {}): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir, opts);
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}
