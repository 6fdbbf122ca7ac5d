// npm test: unit, server and security tests on PGlite (with TEST_DATABASE_URL set, server tests on Postgres instead; security tests on both); then browser tests on PGlite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildWeb } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
const tap = path.join(root, 'node_modules/.bin/tap');
const has = (dir: string) => fs.existsSync(path.join(root, dir));

function run(label: string, globs: string[], env: Record<string, string> = {}, jobs = 2) {
  const files = globs.filter((g) => has(g.split('/**')[0]));
  if (!files.length) return true;
  console.log(`\n=== ${label} ===`);
  // Plain TAP when logged (CI), so every failure's details are in the log as text.
  const reporter = process.stdout.isTTY ? 'terse' : 'tap';
  const result = spawnSync(tap, ['-R', reporter, `--jobs=${jobs}`, ...files], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

buildWeb({ ifMissing: true, quiet: true });
// With Postgres at hand, the API tests run there, and PGlite is exercised by the unit tests, the security tests
// (every route fuzzed and permission-checked on PGlite too) and the whole browser suite, which runs on PGlite.
// Running every API test on both doubles the CPU time on a 2-core CI machine; TEST_ALL_DATABASES=1 does it anyway.
const postgres = !!process.env.TEST_DATABASE_URL;
const serverOnPglite = !postgres || process.env.TEST_ALL_DATABASES === '1';
const results = [
  run(
    serverOnPglite ? 'unit, server and security tests on PGlite' : 'unit and security tests on PGlite',
    ['tests/unit/**/*.test.ts', ...(serverOnPglite ? ['tests/server/**/*.test.ts'] : []), 'tests/security/**/*.test.ts'],
    { TEST_DB: 'pglite' },
  ),
];
if (postgres) results.push(run('server and security tests on Postgres', ['tests/server/**/*.test.ts', 'tests/security/**/*.test.ts'], { TEST_DB: 'postgres' }));
else console.log('\n(TEST_DATABASE_URL is not set: server tests ran on PGlite only)');
// Three browser files at a time: measured no faster than two on 2 cores (365 s vs 364 s), and no less stable.
results.push(run('browser tests in Chromium (PGlite)', ['tests/e2e/**/*.test.ts'], { TEST_DB: 'pglite' }, 3));
process.exit(results.every(Boolean) ? 0 : 1);
