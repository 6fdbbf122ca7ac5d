// @fastify/rate-limit's store interface backed by the database (table rate_limit_hits), so every process and every
// machine on one database counts the same attempts: with WORKERS=2, ten wrong passwords spread over both processes
// still hit the limit of ten. One statement per hit: an upsert that increments, or starts a new window when the old
// one has passed, and returns the count and the time left, atomically (the row lock of ON CONFLICT DO UPDATE).
import { lt, sql } from 'drizzle-orm';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/client.ts';
import { rateLimitHits } from '../db/schema.ts';

export type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Result) => void;
/** What @fastify/rate-limit passes to `child()`: the merged limit options, ours included (`limitName`). */
type LimitOptions = { limitName?: unknown };

/** Expired rows are deleted by the first hit after this long (per process); a row is also reused when its window passed. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const MAX_HITS = 2 ** 31 - 1;

/** The counters cannot be reached (Redis down): the request is refused for now (503), never let through uncounted. */
export class StoreUnavailable extends Error {
  constructor(store: string, options: ErrorOptions) {
    super(`The rate-limit counters (${store}) cannot be reached`, options);
  }
}

/** A store class for `fastify.register(rateLimit, { store })`; each limit (`child`) counts under its own name. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let lastSweep = Date.now();

  async function hit(key: string, timeWindowMs: number): Promise<Result> {
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await db.delete(rateLimitHits).where(lt(rateLimitHits.resetAt, sql`now()`));
    }
    const newWindowEnd = sql`now() + make_interval(secs => ${timeWindowMs / 1000})`;
    const [row] = await db
      .insert(rateLimitHits)
      .values({ key, hits: 1, resetAt: newWindowEnd })
      .onConflictDoUpdate({
        target: rateLimitHits.key,
        set: {
          hits: sql`case when ${rateLimitHits.resetAt} <= now() then 1 else least(${rateLimitHits.hits} + 1, ${MAX_HITS}) end`,
          resetAt: sql`case when ${rateLimitHits.resetAt} <= now() then excluded.reset_at else ${rateLimitHits.resetAt} end`,
        },
      })
      .returning({
        hits: rateLimitHits.hits,
        ttlMs: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitHits.resetAt} - now())) * 1000))::int`,
      });
    return { current: row.hits, ttl: Number(row.ttlMs) };
  }

  async function peek(key: string): Promise<Result> {
    const [row] = await db
      .select({
        hits: rateLimitHits.hits,
        ttlMs: sql<number>`ceil(extract(epoch from (${rateLimitHits.resetAt} - now())) * 1000)::int`,
      })
      .from(rateLimitHits)
      .where(sql`${rateLimitHits.key} = ${key} and ${rateLimitHits.resetAt} > now()`);
    return row ? { current: row.hits, ttl: Number(row.ttlMs) } : { current: 0, ttl: 0 };
  }

  return storeClass(hit, peek);
}

/**
 * The store class @fastify/rate-limit instantiates, over one counter backend: each limit (`child`, given our
 * `limitName`) counts under its own name, so "sign-in attempts from this address" and "sign-ups from this address"
 * never share a count.
 */
export function storeClass(
  hit: (key: string, timeWindowMs: number) => Promise<Result>,
  peek: (key: string) => Promise<Result>,
): FastifyRateLimitStoreCtor {
  return class RateLimitStore {
    readonly prefix: string;
    constructor(options: object = {}) {
      const name = (options as LimitOptions).limitName;
      this.prefix = typeof name === 'string' ? `${name}:` : '';
    }
    incr(key: string, cb: Callback, timeWindow: number) {
      hit(this.prefix + key, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    read(key: string, cb: Callback) {
      peek(this.prefix + key).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    child(options: object) {
      return new RateLimitStore(options);
    }
  };
}
