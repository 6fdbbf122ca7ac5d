// Under overload the server answers 503 with Retry-After at once instead of letting requests queue. The limit is
// made tiny here and the event loop blocked on purpose, as a flood of work would.
import t from 'tap';
import { build } from '../../helpers/app.ts';

const app = await build(t, { config: { overload: { maxEventLoopDelayMs: 20, retryAfterSeconds: 5 } } });

/** Asks for the health route until it is served (the start-up itself is heavy work the guard sees). */
async function healthOnceCalm() {
  let status = 503;
  for (let i = 0; i < 50 && status === 503; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = (await app.inject({ method: 'GET', url: '/api/health' })).statusCode;
  }
  return status;
}

/** Keeps the event loop busy, then lets the load sampler (once a second) see it. */
async function overload() {
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    // busy, as a request storm would keep it
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

t.test(
  'an overloaded server answers API calls 503 with Retry-After and a readable message, then recovers',
  async (t) => {
    t.equal(await healthOnceCalm(), 200, 'calm: served');
    await overload();
    const busy = await app.inject({ method: 'GET', url: '/api/health' });
    t.equal(busy.statusCode, 503);
    t.equal(busy.headers['retry-after'], '5', 'says when to come back');
    t.same(busy.json(), {
      error: {
        code: 'server.overloaded',
        message: 'The server is very busy just now. Please try again in a few seconds.',
      },
    });

    const page = await app.inject({
      method: 'GET',
      url: '/lessons/m2-why-a-plan',
      headers: { accept: 'text/html', 'accept-language': 'fr' },
    });
    t.equal(page.statusCode, 503, 'pages too');
    t.equal(page.headers['retry-after'], '5');
    t.match(page.headers['content-type'], /^text\/html/);
    t.match(page.body, /<html lang="fr" dir="ltr">/, "a page in the visitor's language, not JSON");
    t.notMatch(page.body, /server\.overloaded/);

    t.equal(await healthOnceCalm(), 200, 'served again once the load is gone');
  },
);
