// REDIS_URL: the rate limits count in Redis, so two servers (two processes, or two machines) on one Redis share them,
// and a Redis that cannot be reached refuses counted requests for a moment (503) instead of letting them through
// uncounted or crashing. npm test runs this file when TEST_REDIS_URL is set (.ci/run sets it).
import t from 'tap';
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { build, uniqueEmail } from '../../helpers/app.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) throw new Error('TEST_REDIS_URL is not set: npm test runs this file only with a Redis to use');

const first = await build(t, { config: { redisUrl: REDIS_URL } });
const second = await build(t, { config: { redisUrl: REDIS_URL } });
const redis = new Redis(REDIS_URL);
t.teardown(() => void redis.disconnect());
// Test runs share the Redis: each uses its own address and accounts.
const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const signIn = (server: typeof first, login: string, password = 'wrong-password-123') =>
  server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password },
    remoteAddress: address,
  });

t.test('two servers on one Redis count one limit: the eleventh wrong password is refused by either', async (t) => {
  const email = uniqueEmail('redis-limit');
  const answers = [];
  for (let i = 0; i < 10; i++) answers.push(await signIn(i % 2 ? second : first, email));
  t.same(
    answers.map((a) => a.statusCode),
    Array(10).fill(401),
    'ten wrong passwords, five on each server, are answered "wrong"',
  );
  const eleventh = await signIn(first, email);
  t.equal(eleventh.statusCode, 429, 'the eleventh is refused: both servers counted into one limit');
  t.equal(eleventh.json().error.code, 'auth.rate_limited');
  t.ok(Number(eleventh.headers['retry-after']) > 0, 'with how long to wait');
  t.equal((await signIn(second, email)).statusCode, 429, 'by the other server too');

  t.equal((await signIn(second, uniqueEmail('redis-other'))).statusCode, 401, 'another account is not held up');

  const key = `lca:rate-limit:sign-in attempts for this account:account:${email.toLowerCase()}`;
  t.equal(Number(await redis.get(key)), 12, 'the count is in Redis');
  const ttl = await redis.pttl(key);
  t.ok(ttl > 0 && ttl <= 15 * 60 * 1000, `and ends with its 15-minute window (${ttl} ms left)`);
  const inDatabase = await first.database.db.execute(sql`select count(*)::int as n from rate_limit_hits`);
  t.equal(Number((inDatabase as unknown as { rows: { n: number }[] }).rows[0].n), 0, 'nothing counted in the database');
});

t.test(
  'Redis unreachable: a counted request waits with 503 and Retry-After; the rest of the site answers',
  async (t) => {
    const cut = await build(t, { config: { redisUrl: 'redis://127.0.0.1:1' } });
    const refused = await signIn(cut, uniqueEmail('redis-down'));
    t.equal(refused.statusCode, 503);
    t.equal(refused.json().error.code, 'db.unavailable');
    t.match(refused.json().error.message, /try again/i);
    t.equal(refused.headers['retry-after'], '5');
    t.equal((await cut.inject({ method: 'GET', url: '/api/health' })).statusCode, 200, 'the process still serves');
    t.equal((await cut.inject({ method: 'GET', url: '/api/courses/learning-city' })).statusCode, 200);
  },
);
