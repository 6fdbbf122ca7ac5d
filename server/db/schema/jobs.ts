// Jobs: the durable background queue (server/jobs/queue.ts)
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Dedupe key: one queued or running job per (kind, key). */
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    /** While running: the claim expires then (the worker died) and the job is claimed again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** 0-100 */
    progress: integer('progress').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_active_key_idx')
      .on(t.kind, t.key)
      .where(sql`${t.status} in ('queued', 'running')`),
    index('jobs_due_idx').on(t.status, t.runAfter),
  ],
);
export type JobRow = typeof jobs.$inferSelect;
