// Progress: an append-only log of client-identified events, and the state derived from it
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const progressEvents = pgTable(
  'progress_events',
  {
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'lesson.opened' | 'lesson.completed' | 'video.watched' | 'position'>().notNull(),
    lessonId: text('lesson_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ranges: jsonb('ranges').$type<[number, number][]>(),
    seconds: integer('seconds'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] })],
);

export const lessonProgress = pgTable(
  'lesson_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
    positionSeconds: integer('position_seconds'),
    positionAt: timestamp('position_at', { withTimezone: true }),
    watchedRanges: jsonb('watched_ranges').$type<[number, number][]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
);

export const quizBest = pgTable(
  'quiz_best',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id').notNull(),
    bestScore: integer('best_score').notNull(),
    passed: boolean('passed').notNull(),
    attempts: integer('attempts').notNull(),
    lastSubmittedAt: timestamp('last_submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.quizId] })],
);
