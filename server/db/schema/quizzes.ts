// Quizzes: attempts snapshot the questions they drew, so later content changes never regrade them. A question's
// text (every language) is kept once, by its hash, in quiz_question_texts: an attempt refers to it.
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
  text: QuestionText;
};
export type QuestionText = LocalizedJson<{
  prompt: string;
  options: { id: string; text: string }[];
  explanation: string;
}>;
/** A drawn question as an attempt stores it: its text by reference (quiz_question_texts.hash). */
export type StoredQuestion = Omit<DrawnQuestion, 'text'> & { textHash: string };

/**
 * Every text a question was drawn with, once, by the SHA-256 of its JSON: never changed (a changed text is another
 * hash) and never personal. Each attempt held its own copy before, about 62 KB of JSON (34 KB stored) for ten
 * questions in six languages, with some hundred distinct texts among all attempts.
 */
export const quizQuestionTexts = pgTable('quiz_question_texts', {
  hash: text('hash').primaryKey(),
  text: jsonb('text').$type<QuestionText>().notNull(),
});
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
    questions: jsonb('questions').$type<StoredQuestion[]>().notNull(),
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
