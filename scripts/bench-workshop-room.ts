// Benchmark: the room issue 19 starts from. A workshop of N signed-in learners (default 120) opens the same lesson
// page at the same moment, each from a phone of their own (one new connection each), then everyone opens the next
// lesson together. Prints how long the room waited: p50, p90 and the last page, and the server's CPU for the round.
// Real server on a throwaway embedded database, or DATABASE_URL; the room's requests come from a process of its own.
// Round 0 is the room's first page after the server started (cold code, and everyone enrols): a workshop's server
// has been running for hours, so the rounds after it are the figure. Never part of the tests.
//   npm run bench:room [-- --learners 120 --rounds 3]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startBenchServer } from './bench-server-setup.ts';

const { values: args } = parseArgs({
  options: { learners: { type: 'string' }, rounds: { type: 'string' } },
});
const LEARNERS = Number(args.learners ?? 120);
const ROUNDS = Number(args.rounds ?? 3);

/** Runs in the child: N requests at once, one connection each; prints the statuses and every latency. */
const ROOM = `
import http from 'node:http';
const { urls, cookies } = JSON.parse(process.env.ROOM);
// node:http with no agent: a new connection per request, and little client work per page (fetch's streams cost
// milliseconds a page in a fresh process, and an anonymous room served from the kept render took as long as a
// signed-in one: that was this process, not the server). The body is read, not decompressed.
const get = (url, headers) => new Promise((resolve) => {
  const req = http.get(url, { agent: false, headers }, (res) => {
    res.on('data', () => {});
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', () => resolve(0));
});
for (let i = 0; i < 3; i++) await get(new URL('/api/health', urls[0]), {});
const started = performance.now();
const results = await Promise.all(urls.map(async (url, i) => {
  const status = await get(url, { cookie: cookies[i], 'accept-encoding': 'br' });
  return { status, ms: performance.now() - started };
}));
console.log(JSON.stringify(results));
`;

function room(urls: string[], cookies: string[]): Promise<{ status: number; ms: number }[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', ROOM], {
    env: { ...process.env, ROOM: JSON.stringify({ urls, cookies }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`room exited ${code}`)))),
  );
}

const { app, base, database, close } = await startBenchServer({ web: true });
try {
  const run = Date.now().toString(36);
  const cookies: string[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const signUp = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { name: `Participant ${i}`, email: `room.${run}.${i}@example.org`, password: 'Bench-password-2025' },
      });
    let res = await signUp();
    // Password hashing is heavy work the overload guard sees: wait as it asks.
    for (let tries = 0; res.statusCode === 503 && tries < 30; tries++) {
      await new Promise((r) => setTimeout(r, 1000));
      res = await signUp();
    }
    if (res.statusCode !== 201) throw new Error(`signing up participant ${i}: ${res.statusCode} ${res.body}`);
    cookies.push(res.cookies.map((c) => `${c.name}=${c.value}`).join('; ')); // what a browser keeps
  }
  const course = (await app.inject({ method: 'GET', url: '/api/courses' })).json() as { id: string }[];
  const lessons: string[] = [];
  for (const c of course.slice(0, 1)) {
    const detail = (await app.inject({ method: 'GET', url: `/api/courses/${c.id}` })).json() as {
      modules: { lessons: { id: string }[] }[];
    };
    lessons.push(...detail.modules.flatMap((m) => m.lessons.map((l) => l.id)));
  }
  console.log(
    `\nA room of ${LEARNERS} signed-in learners opening the same lesson page at once, one new connection each (${database.kind})\n`,
  );
  console.log('| round | lesson | 200s | p50 / p90 / last page, ms | server CPU per page, ms |\n|---|---|---|---|---|');
  for (let r = 0; r <= ROUNDS; r++) {
    const lesson = r === 0 ? lessons.at(-1)! : lessons[(r - 1) % lessons.length];
    const cpuBefore = process.cpuUsage();
    const results = await room(
      cookies.map(() => `${base}/lessons/${lesson}`),
      cookies,
    );
    const cpu = process.cpuUsage(cpuBefore);
    const times = results.map((x) => x.ms).sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
    console.log(
      `| ${r === 0 ? '0 (first after start)' : r} | ${lesson} | ${results.filter((x) => x.status === 200).length} of ${LEARNERS} | ${at(0.5)} / ${at(0.9)} / ${Math.round(times.at(-1)!)} | ${((cpu.user + cpu.system) / 1000 / LEARNERS).toFixed(2)} |`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} finally {
  await close();
}
