// Soak: the real server (npm start, WORKERS=1, on DATABASE_URL or the embedded database) under a steady mixed load for
// BENCH_MINUTES (default 30), with its RSS read every 30 s; issue 19's goal is under 400 MB after 30 minutes. The mix
// is what a course in use sends: anonymous readers on the home, module and lesson pages (every lesson, in three
// languages), signed-in learners reading lessons, their lesson API reads and progress batches, and the course page.
// Paced (BENCH_RATE requests/s in all, default 150) so it measures memory over time, not the machine's limit.
// Never part of the tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signUpLearners } from './bench-server-setup.ts';
import { peakRssMb, rssMb, serve } from './bench-workers.ts';

const minutes = Number(process.env.BENCH_MINUTES ?? 30);
const rate = Number(process.env.BENCH_RATE ?? 150);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-bench-soak-'));
const server = await serve(1, { DATA_DIR: dataDir });
const { base } = server;
const pid = server.pids[0];
const startPeak = peakRssMb(pid);
try {
  const course = (await (await fetch(`${base}/api/courses/learning-city`)).json()) as {
    modules: { id: string; lessons: { id: string }[] }[];
  };
  const lessons = course.modules.flatMap((m) => m.lessons.map((l) => l.id));
  const modules = course.modules.map((m) => m.id);
  const cookies = await signUpLearners(base, 40, 'Soak');
  let n = 0;
  const pick = <T>(list: T[]) => list[n++ % list.length];
  const languages = ['en', 'fr', 'ar'];
  type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  const anonymous = (path: string) => () => ({
    path,
    headers: { 'accept-encoding': 'br', 'accept-language': pick(languages) },
  });
  const mix: ((req: Req) => Req)[] = [
    anonymous('/'),
    () => anonymous(`/lessons/${pick(lessons)}`)(),
    () => anonymous(`/modules/${pick(modules)}`)(),
    () => ({ path: `/lessons/${pick(lessons)}`, headers: { 'accept-encoding': 'br', cookie: pick(cookies) } }),
    () => ({ path: `/lessons/${pick(lessons)}`, headers: { 'accept-encoding': 'br', cookie: pick(cookies) } }),
    () => ({ path: `/api/lessons/${pick(lessons)}`, headers: { 'accept-encoding': 'br', cookie: pick(cookies) } }),
    () => ({ path: '/courses/learning-city', headers: { 'accept-encoding': 'br', cookie: pick(cookies) } }),
    () => {
      const lessonId = pick(lessons);
      const at = new Date().toISOString();
      return {
        method: 'POST',
        path: '/api/progress/events',
        headers: { 'content-type': 'application/json', cookie: pick(cookies) },
        body: JSON.stringify({
          events: [
            { id: randomUUID(), type: 'lesson.opened', lessonId, at },
            { id: randomUUID(), type: 'position', lessonId, at, seconds: n % 300 },
          ],
        }),
      };
    },
  ];
  const samples: { minute: number; rssMb: number }[] = [{ minute: 0, rssMb: rssMb(pid) }];
  const started = Date.now();
  const sampler = setInterval(
    () => samples.push({ minute: (Date.now() - started) / 60_000, rssMb: rssMb(pid) }),
    30_000,
  );
  const result = await autocannon({
    url: base,
    connections,
    overallRate: rate,
    duration: minutes * 60,
    timeout: 10,
    requests: mix.map((make) => ({
      setupRequest: ((req: Req) => ({ ...req, method: 'GET', ...make(req) })) as never,
    })),
  });
  clearInterval(sampler);
  samples.push({ minute: minutes, rssMb: rssMb(pid) });

  console.log(
    `\nSoak: ${minutes} min, ${rate} req/s offered over ${connections} connections, WORKERS=1, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}, ${lessons.length} lessons in 3 languages, 40 learners\n`,
  );
  console.log(
    `${result.requests.total.toLocaleString('en')} requests, ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}\n`,
  );
  console.log('| minute | RSS MB |\n|---|---|');
  for (const s of samples.filter((_, i) => i % 4 === 0 || i === samples.length - 1))
    console.log(`| ${s.minute.toFixed(1)} | ${s.rssMb} |`);
  const peak = Math.max(...samples.map((s) => s.rssMb));
  console.log(
    `\nRSS after ${minutes} min: ${samples.at(-1)!.rssMb} MB; highest sample ${peak} MB (goal < 400 MB after 30 minutes).`,
  );
  console.log(
    `Highest RSS of the process (VmHWM): ${startPeak} MB by the end of its start (a new data directory: migrations and the course import), ${peakRssMb(pid)} MB by the end of the load.`,
  );
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
