// npm test: unit, server, integration and security tests on PGlite (with TEST_DATABASE_URL set, server and
// integration tests on Postgres instead, security tests on both), and the browser tests on PGlite. Unit tests need no
// database, ffmpeg or child process; integration tests (tests/integration) run the CLIs, ffmpeg and the renderer.
//
// Every test file is a TAP program (`import t from 'tap'`) run by Node with tsx. The files of all suites share one
// queue, longest first, a few at a time: suites run one after the other left a core idle at each suite's tail and
// while browser tests wait on pages (measured: the browser suite used 1.3 of 2 cores). tap's own runner cannot do
// this, since two of its runs in one folder share and delete `.tap/`. A failing file's whole TAP output is printed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWeb } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
// tap times a file out after 300 s and says where it was; the runner stops one that does not end 30 s later.
const FILE_TIMEOUT_SECONDS = 300;
const parallel = Number(process.env.TEST_JOBS) || Math.max(2, os.availableParallelism() + 1);

type Job = { files: string[]; db: 'pglite' | 'postgres'; suite: string };
type FileJob = { file: string; db: 'pglite' | 'postgres'; suite: string };

function testFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

// With Postgres at hand, the API tests run there, and PGlite is exercised by the unit tests, the database fault and
// odd-input security tests (which run on both) and the whole browser suite, which runs on PGlite. Running every API test on both doubles the
// CPU time on a 2-core CI machine; TEST_ALL_DATABASES=1 does it anyway.
const postgres = !!process.env.TEST_DATABASE_URL;
const serverOnPglite = !postgres || process.env.TEST_ALL_DATABASES === '1';
// Several server processes share one database only on Postgres; the embedded database's refusal is in db-faults.
const POSTGRES_ONLY = /security\/workers\.test\.ts$/;
// With Postgres at hand, the security files run on both databases only where the database itself is what they test
// (faults, restarts and locks; odd input reaching each driver). The fuzz and the permission matrix go through the same
// routes and services on either, and the browser suite covers the embedded database end to end: running them twice
// put CI at 14+ minutes of its 15 (TEST_ALL_DATABASES=1 still runs everything on both).
const ON_BOTH_DATABASES = /security\/(db-faults|odd-input)\.test\.ts$/;
// Rate limits counted in Redis (REDIS_URL) need a Redis: TEST_REDIS_URL names one (.ci/run starts and sets it).
const redis = !!process.env.TEST_REDIS_URL;
const NEEDS_REDIS = /rate-limit-redis\.test\.ts$/;
const serverFiles = () => testFiles('tests/server').filter((file) => redis || !NEEDS_REDIS.test(file));
const fileJobs: FileJob[] = [
  ...testFiles('tests/e2e').map((file) => ({ file, db: 'pglite' as const, suite: 'browser' })),
  ...testFiles('tests/security')
    .filter((file) => !POSTGRES_ONLY.test(file) && (serverOnPglite || ON_BOTH_DATABASES.test(file)))
    .map((file) => ({ file, db: 'pglite' as const, suite: 'security' })),
  ...(postgres
    ? testFiles('tests/security').map((file) => ({ file, db: 'postgres' as const, suite: 'security' }))
    : []),
  ...(postgres ? serverFiles().map((file) => ({ file, db: 'postgres' as const, suite: 'server' })) : []),
  ...(serverOnPglite ? serverFiles().map((file) => ({ file, db: 'pglite' as const, suite: 'server' })) : []),
  ...(postgres
    ? testFiles('tests/integration').map((file) => ({ file, db: 'postgres' as const, suite: 'integration' }))
    : []),
  ...(serverOnPglite
    ? testFiles('tests/integration').map((file) => ({ file, db: 'pglite' as const, suite: 'integration' }))
    : []),
  ...testFiles('tests/unit').map((file) => ({ file, db: 'pglite' as const, suite: 'unit' })),
];
// The longest files first (measured CPU: browser files 25–56 s, the ffmpeg and CLI integration files and the database
// fault tests next), so the run does not end with one long file on one core.
const LONG = [
  /^tests\/e2e\//,
  /db-faults|permission-matrix|api-fuzz|security\/workers/,
  /integration\/media\/|integration\/certificates\/cli/,
];
const rank = (j: FileJob) => {
  const i = LONG.findIndex((re) => re.test(j.file));
  return i === -1 ? LONG.length : i;
};
fileJobs.sort((a, b) => rank(a) - rank(b));

// Files of a suite run a few to a process (tests/helpers/run-files.ts): a browser test file spent about 22 s of CPU
// before its first assertion, mostly on starting Node, tsx, tap, the server's modules and Chromium, which one
// process pays once. The slow database-fault, fuzz, matrix and ffmpeg files keep a process each. At most 4 API test
// files share a process, so their database pools stay well under Postgres's connection limit.
const GROUP_SIZE: Record<string, number> = { browser: 3, server: 4, integration: 4, unit: 6, security: 1 };
const jobs: Job[] = [];
for (const j of fileJobs) {
  const size = rank(j) === 0 || rank(j) === LONG.length ? GROUP_SIZE[j.suite] : 1;
  const open = jobs.find(
    (g) =>
      g.suite === j.suite && g.db === j.db && g.files.length < size && rank({ ...j, file: g.files[0] }) === rank(j),
  );
  if (open) open.files.push(j.file);
  else jobs.push({ files: [j.file], db: j.db, suite: j.suite });
}

type Result = { job: Job; ok: boolean; seconds: number; output: string; summary: string };

function runFile(job: Job): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    const args = job.files.length === 1 ? job.files : ['tests/helpers/run-files.ts', ...job.files];
    const timeout = FILE_TIMEOUT_SECONDS * job.files.length;
    const child = spawn(process.execPath, ['--import=tsx', ...args], {
      cwd: root,
      env: { ...process.env, TEST_DB: job.db, TAP_TIMEOUT: String(timeout) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: a timeout ends the browsers and servers it started too
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(
      () => {
        output += `\n# did not end within ${timeout + 30} s: stopped\n`;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      },
      (timeout + 30) * 1000,
    );
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // tap's last line, e.g. `# { total: 335, pass: 333, fail: 2 }`
      const tally = /^# \{ (total: \d+[^}]*) \}$/m.exec(output)?.[1];
      const count = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(tally ?? '')?.[1] ?? 0);
      const summary = tally
        ? `${count('pass')}/${count('total')} passed${count('fail') ? `, ${count('fail')} failed` : ''}`
        : 'no TAP summary';
      const ok = code === 0 && !signal && !!tally && count('fail') === 0;
      resolve({ job, ok, seconds: (Date.now() - started) / 1000, output, summary });
    });
  });
}

async function runAll(): Promise<Result[]> {
  const queue = [...jobs];
  const results: Result[] = [];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const r = await runFile(job);
      results.push(r);
      const line = `${r.ok ? 'ok    ' : 'FAILED'} ${r.job.files.join(' ')} (${r.job.db}) ${r.summary} in ${r.seconds.toFixed(1)} s`;
      console.log(line);
      if (!r.ok)
        console.log(
          `\n----- ${r.job.files.join(' ')} on ${r.job.db}: full output -----\n${r.output}\n----- end of ${r.job.files.join(' ')} -----\n`,
        );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

buildWeb({ ifMissing: true, quiet: true });
if (!postgres) console.log('(TEST_DATABASE_URL is not set: server tests run on PGlite only)');
if (!redis) console.log('(TEST_REDIS_URL is not set: the rate limits counted in Redis are not tested)');
console.log(`${fileJobs.length} test files in ${jobs.length} processes, ${parallel} at a time`);
const started = Date.now();
const results = await runAll();
const failed = results.filter((r) => !r.ok);
const assertions = results.reduce((n, r) => n + Number(/^# \{ total: (\d+)/m.exec(r.output)?.[1] ?? 0), 0);
for (const suite of ['unit', 'integration', 'server', 'security', 'browser']) {
  const mine = results.filter((r) => r.job.suite === suite);
  if (mine.length)
    console.log(
      `${suite}: ${mine.length} processes, ${mine.filter((r) => r.ok).length} passed, ${mine.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s of file time`,
    );
}
console.log(
  `${fileJobs.length} files in ${results.length} processes, ${assertions} assertions, ${failed.length} failed, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
if (failed.length) console.log(`Failed:\n${failed.map((r) => `  ${r.job.files.join(' ')} (${r.job.db})`).join('\n')}`);
process.exit(failed.length ? 1 : 0);
