// One-off measurement for choosing MAX_EVENT_LOOP_DELAY_MS: the signed-in lesson page at BENCH_CONNECTIONS (default 50)
// with the guard off (or MAX_EVENT_LOOP_DELAY_MS as given), printing the event loop's mean delay per second next to
// the requests that waited long. Never part of the tests.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startBenchServer } from './bench-server-setup.ts';

const limit = Number(process.env.MAX_EVENT_LOOP_DELAY_MS ?? 0);
const { base, database, close } = await startBenchServer({
  web: true,
  config: { overload: { maxEventLoopDelayMs: limit, retryAfterSeconds: 5 } },
});
const signup = await fetch(`${base}/api/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Bench', email: `bench.${Date.now()}@example.org`, password: 'Bench-password-2025' }),
});
const cookie = signup.headers.getSetCookie()[0].split(';')[0];
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
const means: number[] = [];
const timer = setInterval(() => {
  means.push(Math.round(h.mean / 1e6));
  h.reset();
}, 1000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const r = await autocannon({
  url: `${base}/lessons/m1-national-and-local`,
  headers: { cookie, 'accept-encoding': 'br' },
  connections,
  duration: Number(process.env.BENCH_SECONDS ?? 15),
  timeout: 10,
});
clearInterval(timer);
console.log(
  `${database.kind}, ${connections} connections, guard ${limit ? `${limit} ms` : 'off'}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, non-2xx ${r.non2xx}, timeouts ${r.timeouts}`,
);
console.log(`event-loop delay, mean per second (ms): ${means.join(' ')}`);
await close();
