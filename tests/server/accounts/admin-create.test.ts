// The admin:create command against the embedded database: refuses plainly while the server holds it, works otherwise.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { openPglite, migrate } from '../../../server/db/client.ts';
import { findUserByEmail } from '../../../server/modules/accounts/accounts.repository.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-admin-create-'));
t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const adminCreate = (args: string[]) =>
  run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/admin-create.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
  );

t.test('while the server holds the embedded database, the command says so and changes nothing', async (t) => {
  const held = await openPglite(dataDir);
  await migrate(held);
  const res = await adminCreate([
    '--email',
    'chief@example.org',
    '--name',
    'Chief',
    '--password',
    'A-long-admin-pass-1',
  ]);
  t.equal(res.code, 1);
  t.match(res.out, /in use by another process/);
  t.match(res.out, /Stop the server first/);
  t.notOk(await findUserByEmail(held.db, 'chief@example.org'), 'no account was created');
  await held.close();
});

t.test('with the database free, it creates an admin, and promotes an existing person', async (t) => {
  const res = await adminCreate([
    '--email',
    'chief@example.org',
    '--name',
    'សុខ សុភា',
    '--password',
    'A-long-admin-pass-1',
  ]);
  t.equal(res.code, 0, res.out);
  t.match(res.out, /Created admin: សុខ សុភា/);
  const again = await adminCreate([
    '--email',
    'CHIEF@example.org',
    '--name',
    'សុខ សុភា',
    '--password',
    'A-long-admin-pass-2',
  ]);
  t.equal(again.code, 0);
  t.match(again.out, /Promoted to admin/);
  const db = await openPglite(dataDir);
  t.equal((await findUserByEmail(db.db, 'chief@example.org'))?.role, 'admin');
  await db.close();
});

t.test('bad arguments get a usage message', async (t) => {
  const res = await adminCreate(['--email', 'not-an-email', '--name', 'X', '--password', 'A-long-admin-pass-1']);
  t.equal(res.code, 2);
  t.match(res.out, /Usage: npm run admin:create/);
  const weak = await adminCreate(['--email', 'weak@example.org', '--name', 'X', '--password', 'password123']);
  t.equal(weak.code, 1);
  t.match(weak.out, /common/);
});
