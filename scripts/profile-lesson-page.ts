// Profiling aid for issue 19: loads the signed-in lesson page for BENCH_SECONDS (default 10) and records a CPU
// profile of that load only (not start-up or the build) into PROFILE_OUT (default lesson-page.cpuprofile);
// `npx tsx scripts/profile-top.ts <file>` then prints the top costs. Never part of the tests.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { generateLoad } from './bench-load.ts';
import { signUpLearners, startBenchServer } from './bench-server-setup.ts';

const { base, close } = await startBenchServer({ web: true });
const cookies = await signUpLearners(base, 20, 'Profile');
const lesson = process.env.BENCH_LESSON ?? 'm1-national-and-local';
const url = `${base}/lessons/${lesson}`;
const load = { url, headers: { 'accept-encoding': 'br' }, cookies, connections: 20 };
await generateLoad({ ...load, seconds: 2 }); // warm up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
// The load from another process (scripts/bench-load.ts): the profile is the server's alone.
const r = await generateLoad({ ...load, seconds: Number(process.env.BENCH_SECONDS ?? 10) });
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(process.env.PROFILE_OUT ?? 'lesson-page.cpuprofile', JSON.stringify(profile));
console.log(`signed-in lesson page: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
await close();
