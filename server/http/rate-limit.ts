// Several rate limits on one route (per network address, per account, ...), each counted separately.
// @fastify/rate-limit runs only one limiter per request, so we combine its manual checkers here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DB_UNAVAILABLE } from './error-handler.ts';
import { AppError } from './errors.ts';
import { StoreUnavailable } from './rate-limit-store.ts';

export type LimitRule = {
  max: number;
  timeWindow: string;
  /** Omit to count per client address. */
  key?: (req: FastifyRequest) => string;
  /**
   * What is limited, for the message: "sign-in attempts for this account". It also names the counter in the shared
   * store (rate_limit_hits), so it must differ between limits.
   */
  what: string;
  code?: string;
};

function humanDuration(seconds: number) {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function limits(app: FastifyInstance, rules: LimitRule[]) {
  const checks = rules.map((rule) => ({
    rule,
    // limitName reaches the store's child(): each limit counts under its own name (server/http/rate-limit-store.ts).
    check: app.createRateLimit({
      max: rule.max,
      timeWindow: rule.timeWindow,
      ...(rule.key ? { keyGenerator: rule.key } : {}),
      limitName: rule.what,
    } as Parameters<FastifyInstance['createRateLimit']>[0]),
  }));
  return async (req: FastifyRequest, reply: FastifyReply) => {
    for (const { rule, check } of checks) {
      const result = await check(req).catch((err: unknown) => {
        if (!(err instanceof StoreUnavailable)) throw err;
        req.log.warn({ err }, 'rate-limit store unavailable');
        reply.header('retry-after', '5');
        throw new AppError(503, 'db.unavailable', DB_UNAVAILABLE);
      });
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new AppError(
          429,
          rule.code ?? 'auth.rate_limited',
          `Too many ${rule.what}. For your security, please wait ${humanDuration(result.ttlInSeconds)} and try again.`,
          {
            retryAfterSeconds: result.ttlInSeconds,
          },
        );
      }
    }
  };
}
