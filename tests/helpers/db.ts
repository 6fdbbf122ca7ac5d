// A fresh, migrated database per test file: PGlite from a migrated template (fast), or a new Postgres database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importContent } from '../../server/modules/catalog/catalog.import.ts';
import { CONTENT_DIR, loadValidContent } from '../../server/modules/catalog/content-boot.ts';
import { contentHash } from '../../server/modules/catalog/content-loader.ts';
import type { ContentBundle } from '../../server/modules/catalog/content-types.ts';
import {
  migrate,
  MIGRATIONS_DIR,
  openPglite,
  openPostgres,
  type Database,
  type QueryLogger,
} from '../../server/db/client.ts';

let bundle: ContentBundle | undefined;
/** The real course, loaded once per test process: every test database starts with it imported. */
export const contentBundle = () => (bundle ??= cachedBundle());

const CATALOG_CODE = path.resolve(import.meta.dirname, '../../server/modules/catalog');

/**
 * Parsing and checking the course costs about two seconds of CPU; every test process needs it, so the result is kept
 * in the temp folder, keyed by the content's hash and the catalog code that reads it (a change to either re-parses).
 */
function cachedBundle(): ContentBundle {
  const key = crypto.createHash('sha256').update(contentHash(CONTENT_DIR));
  for (const f of fs.readdirSync(CATALOG_CODE).sort())
    key.update(f).update(fs.readFileSync(path.join(CATALOG_CODE, f)));
  const file = path.join(os.tmpdir(), `lca-content-bundle-${key.digest('hex').slice(0, 16)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as ContentBundle;
  const loaded = loadValidContent();
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(loaded));
  fs.renameSync(tmp, file);
  return loaded;
}

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

function migrationsHash() {
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    const full = path.join(MIGRATIONS_DIR, f);
    if (fs.statSync(full).isFile()) hash.update(f).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(
    os.tmpdir(),
    `lca-pglite-template-${migrationsHash()}-${contentBundle().hash.slice(0, 12)}.tgz`,
  );
  if (!fs.existsSync(file)) {
    const db = await openPglite(undefined);
    await migrate(db);
    await importContent(db.db, contentBundle());
    const client = (db.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
    const dump = await client.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    await db.close();
  }
  return new Blob([fs.readFileSync(file)]);
}

/**
 * A migrated Postgres database with the course imported, kept between runs under a name that changes with the
 * migrations and the content, so each test file copies it (`create database … template`, a file copy) instead of
 * migrating and importing. Parallel test processes may race to make it: each builds its own and renames it into
 * place; the loser drops its copy.
 */
async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `lca_tpl_${migrationsHash()}_${contentBundle().hash.slice(0, 12)}`;
  const pg = await import('pg');
  const admin = new pg.default.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_${process.pid}`;
    await admin.query(`create database ${building}`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const database = await openPostgres(url.toString());
    await migrate(database);
    await importContent(database.db, contentBundle());
    await database.close();
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch {
      await admin.query(`drop database if exists ${building} with (force)`); // another process made it first
    }
    return name;
  } finally {
    await admin.end();
  }
}

/**
 * Every statement a test database runs, once `start()` is called: tests hold a request's queries against a budget
 * (drizzle's logger, so statements inside transactions count too).
 */
export class QueryLog implements QueryLogger {
  #statements: string[] | null = null;
  logQuery(query: string) {
    this.#statements?.push(query);
  }
  start() {
    this.#statements = [];
  }
  /** The statements since `start()`; logging stops. */
  stop(): string[] {
    const statements = this.#statements ?? [];
    this.#statements = null;
    return statements;
  }
}
const queryLogs = new WeakMap<object, QueryLog>();
/** The query log of a database made by `freshDatabase` (`app.database.db` in a test). */
export function queryLogOf(db: object): QueryLog {
  const log = queryLogs.get(db);
  if (!log) throw new Error('This database was not made by freshDatabase()');
  return log;
}

export async function freshDatabase(): Promise<Database> {
  const logger = new QueryLog();
  const database = await openFreshDatabase(logger);
  queryLogs.set(database.db, logger);
  return database;
}

async function openFreshDatabase(logger: QueryLog): Promise<Database> {
  if (testDbKind() === 'pglite') {
    // In its own thread, as the server runs it (server/db/pglite-thread.ts).
    const database = await openPglite(undefined, { loadDataDir: await pgliteTemplate(), logger, thread: true });
    await migrate(database);
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  const name = `lca_test_${crypto.randomBytes(6).toString('hex')}`;
  const pg = await import('pg');
  const template = await postgresTemplate(adminUrl);
  const admin = new pg.default.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { logger });
  await migrate(database);
  const close = database.close;
  const fresh: Database = {
    ...database,
    close: async () => {
      await close();
      const dropper = new pg.default.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
  databaseUrls.set(fresh.db, url.toString());
  return fresh;
}

const databaseUrls = new WeakMap<object, string>();

/**
 * A fresh database for a server process the test starts (`DATABASE_URL`), closed and dropped in teardown; on the
 * embedded database, '' (the process opens its own in its DATA_DIR).
 */
export async function freshDatabaseUrl(t: {
  teardown: (fn: () => unknown) => void;
}): Promise<{ database?: Database; url: string }> {
  if (testDbKind() !== 'postgres') return { url: '' };
  const database = await freshDatabase();
  t.teardown(() => database.close());
  return { database, url: databaseUrls.get(database.db)! };
}

/** A throwaway DATA_DIR (session secret, issuer keys, media) removed when the test ends. */
export function testDataDir(t: { teardown: (fn: () => unknown) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-test-data-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
