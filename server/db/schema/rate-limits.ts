// Shared rate limits: counted in the database so every process (WORKERS=N) and machine counts the same attempts.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters (@fastify/rate-limit's store, server/http/rate-limit-store.ts): one row per limit and key, so
 * every process and machine on this database counts the same attempts. A row whose window has passed starts again at
 * 1 on its next hit; expired rows are swept now and then.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** `<limit>:<key>`, e.g. the sign-in limit per account and the account's normalised login. */
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_reset_idx').on(t.resetAt)],
);
