// Stopping the server (SIGTERM: a deploy, or the cluster replacing a worker) while people are loading pages: every
// page already being rendered is finished and sent whole; what arrives after the stop began is told to come back
// (503 with Retry-After), never a 500. Page renders reach the API in-process, which Fastify refuses once it closes,
// so the stop waits for them first (server/http/graceful-stop.ts).
import net from 'node:net';
import t from 'tap';
import { build, GOOD_PASSWORD, signUp, uniqueEmail } from '../../helpers/app.ts';
import { freshDatabaseUrl, testDataDir } from '../../helpers/db.ts';
import { startServer } from '../../helpers/server-process.ts';
import { stopGracefully } from '../../../server/http/graceful-stop.ts';

const LESSON = 'm1-national-and-local';

t.test('pages in flight when the stop begins are finished; later requests get 503, never 500', async (t) => {
  const app = await build(t, { web: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const learner = await signUp(app);
  const page = () =>
    fetch(`${base}/lessons/${LESSON}`, { headers: { cookie: learner.cookie, accept: 'text/html' } }).then(
      async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() }),
      () => ({ status: 0, retryAfter: null, body: '' }), // the connection closed before a request was sent on it
    );
  // Twelve connections kept open (as a browser or a proxy keeps them), all served before the stop.
  const before = await Promise.all(Array.from({ length: 12 }, page));
  t.same(
    before.map((r) => r.status),
    Array(12).fill(200),
    'served before the stop',
  );

  // Twelve signed-in pages in hand (the server has received each; rendering them takes a while, one after another),
  // then the stop begins.
  let received = 0;
  const counting = () => received++;
  app.server.on('request', counting);
  const inFlight = Array.from({ length: 12 }, page);
  while (received < 12) await new Promise((resolve) => setImmediate(resolve));
  app.server.off('request', counting);
  const stopping = stopGracefully(app, { drainMs: 10_000 });
  // Asked for while those finish: told to come back, on a connection that is then closed.
  const late = app.inject({ method: 'GET', url: '/api/health' });
  const latePageArabic = app.inject({
    method: 'GET',
    url: `/lessons/${LESSON}`,
    headers: { accept: 'text/html', 'accept-language': 'ar' },
  });
  const latePage = app.inject({
    method: 'GET',
    url: `/lessons/${LESSON}`,
    headers: { accept: 'text/html', 'accept-language': 'fr' },
  });
  await stopping;
  const results = await Promise.all(inFlight);

  const statuses = results.map((r) => r.status);
  t.notOk(statuses.includes(500), `no page in flight failed: ${statuses.join(' ')}`);
  t.same(statuses, Array(12).fill(200), 'every page in hand when the stop began was finished');
  for (const r of results.filter((r) => r.status === 200)) t.match(r.body, /<\/html>\s*$/, 'and sent whole');
  const refused = await late;
  t.equal(refused.statusCode, 503, 'a request that arrives once the stop began is refused');
  t.equal(refused.headers['retry-after'], '1', 'with when to come back');
  t.equal(refused.headers.connection, 'close');
  t.same(refused.json(), {
    error: { code: 'server.restarting', message: 'The server is restarting. Please try again in a few seconds.' },
  });
  const refusedPage = await latePage;
  t.equal(refusedPage.statusCode, 503);
  t.match(refusedPage.headers['content-type'], /text\/html/, 'a person gets a page');
  t.match(refusedPage.body, /<html lang="fr" dir="ltr"/, 'in their language');
  const arabic = await latePageArabic;
  t.match(arabic.body, /<html lang="ar" dir="rtl"/, 'right to left in Arabic');
});

t.test('the real server stopped with SIGTERM under steady load: no 500, a clean exit', async (t) => {
  const server = startServer(t, { DATA_DIR: testDataDir(t), DATABASE_URL: (await freshDatabaseUrl(t)).url });
  const base = await server.ready;
  t.ok(base, `serves (output: ${server.output().slice(-500)})`);
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Steady Reader', email: uniqueEmail('stop'), password: GOOD_PASSWORD }),
  });
  t.equal(signup.status, 201);
  const cookie = signup.headers.getSetCookie()[0].split(';')[0];
  // Twenty people loading page after page, each on a connection kept open, until the server stops answering them.
  const statuses: number[] = [];
  const person = async () => {
    for (;;) {
      const status = await fetch(`${base}/lessons/${LESSON}`, { headers: { cookie, accept: 'text/html' } }).then(
        async (res) => (await res.text(), res.status),
        () => 0, // the connection closed before an answer: never acknowledged, the browser asks again
      );
      statuses.push(status);
      if (status !== 200) return;
    }
  };
  const people = Array.from({ length: 20 }, person);
  while (statuses.length < 40) await new Promise((resolve) => setTimeout(resolve, 5));
  server.child.kill('SIGTERM');
  const [exit] = await Promise.all([server.exited, ...people]);
  const count = (s: number) => statuses.filter((x) => x === s).length;
  t.equal(count(500), 0, `no 500 (${count(200)} pages, ${count(503)} refused with 503, ${count(0)} not connected)`);
  t.same(
    [...new Set(statuses)].filter((s) => ![200, 503, 0].includes(s)),
    [],
    'every answer is a page, or 503 (come back), or no connection',
  );
  t.notMatch(server.output(), /already been closed|\[500\]/, 'nothing failed in the log');
  t.same(exit, { code: 0, signal: null }, 'exits cleanly');
});

t.test('a request that never completes does not hold the stop: its connection is ended after the drain', async (t) => {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  // A body announced and never sent (a phone that lost its link mid-upload): Fastify's close alone waits for it.
  const socket = net.connect(port, '127.0.0.1');
  const closed = new Promise((resolve) => socket.on('close', resolve));
  socket.on('error', () => undefined);
  const received = new Promise((resolve) => app.server.once('request', resolve));
  socket.write(
    'POST /api/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
  );
  await received;
  const outcome = await Promise.race([
    stopGracefully(app, { drainMs: 200 }).then(() => 'stopped'),
    new Promise((resolve) => setTimeout(resolve, 20_000, 'still waiting after 20 s')),
  ]);
  t.equal(outcome, 'stopped', 'the stop ends');
  await closed;
  t.pass('and the unfinished connection is closed');
});
