// The rate limits' counters in Redis (REDIS_URL), for installations that run one already: every process and machine
// using that Redis counts the same attempts, as with the database store (rate-limit-store.ts), without a write to
// Postgres per counted request. One script per hit, atomic in Redis: increment, start the window on the first hit.
import type { Redis } from 'ioredis';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { storeClass, StoreUnavailable, type Result } from './rate-limit-store.ts';

const KEY_PREFIX = 'lca:rate-limit:';
const HIT = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if current == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;
const PEEK = `
local current = redis.call('GET', KEYS[1])
if not current then return {0, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {tonumber(current), ttl}`;

type Counting = Redis & {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
  rateLimitPeek(key: string): Promise<[number, number]>;
};

/**
 * A client that fails fast: while Redis is unreachable a counted request gets an error at once (answered 503, see
 * database-errors.ts), rather than waiting in a queue for a reconnection.
 */
export async function connectRedis(url: string, onError: (err: Error) => void): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', onError);
  redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
  redis.defineCommand('rateLimitPeek', { numberOfKeys: 1, lua: PEEK });
  return redis;
}

export function redisRateLimitStore(redis: Redis): FastifyRateLimitStoreCtor {
  const counting = redis as Counting;
  const counted = async (run: () => Promise<[number, number]>): Promise<Result> => {
    try {
      const [current, ttl] = await run();
      return { current, ttl };
    } catch (err) {
      throw new StoreUnavailable('Redis', { cause: err });
    }
  };
  return storeClass(
    (key, windowMs) => counted(() => counting.rateLimitHit(KEY_PREFIX + key, windowMs)),
    (key) => counted(() => counting.rateLimitPeek(KEY_PREFIX + key)),
  );
}
