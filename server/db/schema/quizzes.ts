// Quizzes: attempts snapshot the questions they drew, so later content changes never regrade them
import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { type LocalizedJson, quizzes } from './catalog.ts';

export type DrawnQuestion = {
  questionId: string;
  type: 'single' | 'multiple' | 'truefalse' | 'ordering';
  /** The option order this attempt shows, drawn once when the attempt starts, so every reload and device shows the same. */
  optionOrder: string[];
  answer: string[];
  /** Absent in attempts drawn before partial credit existed: those grade all-or-nothing. */
  partialCredit?: boolean;
  text: LocalizedJson<{ prompt: string; options: { id: string; text: string }[]; explanation: string }>;
};
/** `credit`: the share of the question's point earned, 0 to 1 (absent in attempts graded before partial credit: 1 if correct). */
export type GradedQuestion = {
  questionId: string;
  response: string[];
  correctResponse: string[];
  correct: boolean;
  credit?: number;
};

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    quizId: text('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    attemptNumber: integer('attempt_number').notNull(),
    passMark: integer('pass_mark').notNull(),
    questions: jsonb('questions').$type<DrawnQuestion[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull().default({}),
    status: text('status').$type<'open' | 'submitted'>().notNull().default('open'),
    score: integer('score'),
    passed: boolean('passed'),
    graded: jsonb('graded').$type<GradedQuestion[]>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('quiz_attempts_number_idx').on(t.userId, t.quizId, t.attemptNumber)],
);
