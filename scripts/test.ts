// npm test: unit, server and security tests on PGlite; server and security tests again on Postgres when TEST_DATABASE_URL is set; then browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildWeb } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
const tap = path.join(root, 'node_modules/.bin/tap');
const has = (dir: string) => fs.existsSync(path.join(root, dir));

function run(label: string, globs: string[], env: Record<string, string> = {}) {
  const files = globs.filter((g) => has(g.split('/**')[0]));
  if (!files.length) return true;
  console.log(`\n=== ${label} ===`);
  // Plain TAP when logged (CI), so every failure's details are in the log as text.
  const reporter = process.stdout.isTTY ? 'terse' : 'tap';
  const result = spawnSync(tap, ['-R', reporter, ...files], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

buildWeb({ ifMissing: true, quiet: true });
const results = [
  run('unit, server and security tests on PGlite', ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/security/**/*.test.ts'], { TEST_DB: 'pglite' }),
];
if (process.env.TEST_DATABASE_URL) results.push(run('server and security tests on Postgres', ['tests/server/**/*.test.ts', 'tests/security/**/*.test.ts'], { TEST_DB: 'postgres' }));
else console.log('\n(TEST_DATABASE_URL is not set: server tests ran on PGlite only)');
results.push(run('browser tests in Chromium', ['tests/e2e/**/*.test.ts'], { TEST_DB: 'pglite' }));
process.exit(results.every(Boolean) ? 0 : 1);
