// Benchmark: requests per second for GET /api/me (signed in) and the server-rendered home page.
// Runs a real server on a throwaway embedded database (or DATABASE_URL) and prints a table. Never part of the tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, openDatabase } from '../server/db/client.ts';
import { WEB_BUILD_DIR } from '../server/main.ts';
import { buildWeb } from './build.ts';

buildWeb({ ifMissing: true, quiet: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
const database = await openDatabase(config);
await migrate(database);
const app = await buildApp({ config, database, jwtSecret: 'bench-secret-that-is-long-enough-for-hs256', logger: false, web: { buildDir: WEB_BUILD_DIR, secure: false } });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const signup = await fetch(`${base}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench', email: 'bench@example.org', password: 'Bench-password-2025' }) });
const cookie = signup.headers.getSetCookie()[0].split(';')[0];

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const rows: string[] = [];
for (const [label, url, headers] of [
  ['GET /api/me (signed in)', '/api/me', { cookie }],
  ['GET / (SSR home, anonymous)', '/', { 'accept-encoding': 'br' }],
  ['GET / (SSR home, signed in)', '/', { 'accept-encoding': 'br', cookie }],
] as const) {
  const r = await autocannon({ url: base + url, headers: headers as Record<string, string>, connections: 50, duration });
  rows.push(`| ${label} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`);
}
console.log(`\n${database.kind}, ${os.cpus().length} cores, 50 connections, ${duration} s each\n`);
console.log('| request | req/s | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|\n' + rows.join('\n'));
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
