// Profiling aid for issue 19: loads the signed-in lesson page for BENCH_SECONDS (default 10) and records a CPU
// profile of that load only (not start-up or the build) into PROFILE_OUT (default lesson-page.cpuprofile);
// `npx tsx scripts/profile-top.ts <file>` then prints the top costs. Never part of the tests.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import autocannon from 'autocannon';
import { startBenchServer } from './bench-server-setup.ts';

const { base, close } = await startBenchServer({ web: true });
const signup = await fetch(`${base}/api/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Bench', email: `bench.${Date.now()}@example.org`, password: 'Bench-password-2025' }),
});
const cookie = signup.headers.getSetCookie()[0].split(';')[0];
const lesson = process.env.BENCH_LESSON ?? 'm1-national-and-local';
const url = `${base}/lessons/${lesson}`;
await autocannon({ url, headers: { cookie, 'accept-encoding': 'br' }, connections: 5, duration: 2 }); // warm up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const r = await autocannon({
  url,
  headers: { cookie, 'accept-encoding': 'br' },
  connections: 20,
  duration: Number(process.env.BENCH_SECONDS ?? 10),
});
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(process.env.PROFILE_OUT ?? 'lesson-page.cpuprofile', JSON.stringify(profile));
console.log(
  `signed-in lesson page: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
);
await close();
