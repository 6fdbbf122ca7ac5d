// A new embedded data directory is created in a process of its own (server/db/pglite-first-start.ts), so the memory
// PGlite's initdb touches never stays in the server's process; every later start opens the directory directly.
// Always PGlite, whatever TEST_DB says: this is the embedded database's own plumbing.
import diagnostics from 'node:diagnostics_channel';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import t, { type Test } from 'tap';
import { DatabaseStartError, openPglite, type Database } from '../../../server/db/client.ts';

// Published before the process starts: its arguments are read later.
const spawned: ChildProcess[] = [];
const onSpawn = (message: unknown) => spawned.push((message as { process: ChildProcess }).process);
diagnostics.subscribe('child_process', onSpawn);
t.teardown(() => diagnostics.unsubscribe('child_process', onSpawn));
const firstStarts = () =>
  spawned.filter((child) => child.spawnargs.some((a) => a.endsWith('create-embedded-database.ts'))).length;

const newDataDir = (t: Test) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-first-start-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const rowsOf = async (database: Database, query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

t.test('the first start creates the database in a child process; later starts open it and find the data', async (t) => {
  const dataDir = newDataDir(t);
  const first = await openPglite(dataDir, { thread: true });
  t.equal(firstStarts(), 1, 'one child process created the database');
  t.ok(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION')), 'the data directory holds a database');
  t.same(await rowsOf(first, sql`show shared_buffers`), [{ shared_buffers: '16MB' }], 'a 16 MB buffer cache');
  await first.db.execute(sql`create table visits (city text)`);
  await first.db.execute(sql`insert into visits values ('Kampot'), ('哈尔滨')`);
  await first.close();

  const again = await openPglite(dataDir, { thread: true });
  t.equal(firstStarts(), 1, 'reopening starts no child process');
  t.same(
    await rowsOf(again, sql`select city from visits order by city`),
    [{ city: 'Kampot' }, { city: '哈尔滨' }],
    'the rows written before are there',
  );
  t.same(await rowsOf(again, sql`show shared_buffers`), [{ shared_buffers: '16MB' }], 'the same setting again');
  await again.close();
});

t.test('a data directory that cannot be created gives a start error that names it, and frees the folder', async (t) => {
  const dataDir = newDataDir(t);
  fs.writeFileSync(path.join(dataDir, 'pglite'), 'not a folder');
  const err = await openPglite(dataDir, { thread: true }).catch((e: unknown) => e);
  t.type(err, DatabaseStartError, 'a start error: `npm start` prints its message and exits');
  t.match((err as Error).message, `Could not create the embedded database in ${path.join(dataDir, 'pglite')}`);

  fs.rmSync(path.join(dataDir, 'pglite'));
  const opened = await openPglite(dataDir, { thread: true });
  t.pass('once the file is gone, the same folder opens: the failed start left no lock behind');
  await opened.close();
});
