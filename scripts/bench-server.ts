// Benchmark: requests per second for GET /api/me (signed in) and the server-rendered home page.
// Runs a real server on a throwaway embedded database (or DATABASE_URL) and prints a table. Never part of the tests.
import os from 'node:os';
import autocannon from 'autocannon';
import { startBenchServer } from './bench-server-setup.ts';

const { base, database, close } = await startBenchServer({ web: true });

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
await close();
