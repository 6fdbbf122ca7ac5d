// Benchmark: the room issue 19 starts from. A workshop of N signed-in learners (default 120) opens the same lesson
// page at the same moment, each from a phone of their own (one new connection each), then everyone opens the next
// lesson together. Prints how long the room waited: p50, p90 and the last page. Real server on a throwaway embedded
// database, or DATABASE_URL; the room's requests come from a process of its own. Never part of the tests.
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
const { urls, cookies } = JSON.parse(process.env.ROOM);
const started = performance.now();
// fetch's pool opens a connection for every request it cannot put on an idle one: all of them, here.
const results = await Promise.all(urls.map(async (url, i) => {
  try {
    const res = await fetch(url, { headers: { cookie: cookies[i], 'accept-encoding': 'br', connection: 'close' } });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
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
  console.log('| round | lesson | 200s | p50 / p90 / last page, ms |\n|---|---|---|---|');
  for (let r = 0; r < ROUNDS; r++) {
    const lesson = lessons[r % lessons.length];
    const results = await room(
      cookies.map(() => `${base}/lessons/${lesson}`),
      cookies,
    );
    const times = results.map((x) => x.ms).sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
    console.log(
      `| ${r + 1} | ${lesson} | ${results.filter((x) => x.status === 200).length} of ${LEARNERS} | ${at(0.5)} / ${at(0.9)} / ${Math.round(times.at(-1)!)} |`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} finally {
  await close();
}
