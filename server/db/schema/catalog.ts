// Catalog: the course imported from content/ (stable ids from the files; retired, never deleted)
import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Text per locale, English always present. */
export type LocalizedJson<T> = { en: T } & Partial<Record<string, T>>;

export const contentImports = pgTable('content_imports', {
  hash: text('hash').primaryKey(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

export const courses = pgTable('courses', {
  id: text('id').primaryKey(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  summary: jsonb('summary').$type<LocalizedJson<string>>().notNull(),
  audience: jsonb('audience').$type<LocalizedJson<string>>().notNull(),
  hours: integer('hours').notNull(),
  locales: jsonb('locales').$type<string[]>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const modules = pgTable('modules', {
  id: text('id').primaryKey(),
  courseId: text('course_id')
    .notNull()
    .references(() => courses.id),
  position: integer('position').notNull(),
  number: integer('number').notNull(),
  kind: text('kind').$type<'core' | 'thematic'>().notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  summary: jsonb('summary').$type<LocalizedJson<string>>().notNull(),
  objectives: jsonb('objectives').$type<LocalizedJson<string[]>>().notNull(),
  quizId: text('quiz_id'),
  activityId: text('activity_id'),
  tutorialId: text('tutorial_id'),
  /** A key-area module's checklist of the Guidelines' action points (content/sources/guidelines-2015.yaml); null otherwise. */
  checklist: jsonb('checklist').$type<ModuleChecklistJson>(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export type ModuleChecklistJson = {
  area: number;
  complete: boolean;
  source: { title: string; url: string };
  items: LocalizedJson<{ id: string; area: number; point: number; text: string }[]>;
  reviewedLocales: string[];
};

export const lessons = pgTable('lessons', {
  id: text('id').primaryKey(),
  moduleId: text('module_id')
    .notNull()
    .references(() => modules.id),
  position: integer('position').notNull(),
  minutes: integer('minutes').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  keyPoints: jsonb('key_points').$type<LocalizedJson<string[]>>().notNull(),
  html: jsonb('html').$type<LocalizedJson<string>>().notNull(),
  toc: jsonb('toc').$type<LocalizedJson<{ id: string; text: string; level: number }[]>>().notNull(),
  sources: jsonb('sources').$type<{ title: string; url: string }[]>().notNull(),
  words: jsonb('words').$type<LocalizedJson<number>>().notNull(),
  /** Locales whose translation of this lesson a reviewer has marked reviewed (content: `translation: reviewed`). */
  reviewedLocales: jsonb('reviewed_locales').$type<string[]>().notNull().default([]),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const activities = pgTable('activities', {
  id: text('id').primaryKey(),
  moduleId: text('module_id')
    .notNull()
    .references(() => modules.id),
  minutes: integer('minutes').notNull(),
  groupSize: text('group_size').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  materials: jsonb('materials').$type<LocalizedJson<string[]>>().notNull(),
  outputs: jsonb('outputs').$type<LocalizedJson<string[]>>().notNull(),
  html: jsonb('html').$type<LocalizedJson<string>>().notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const quizzes = pgTable('quizzes', {
  id: text('id').primaryKey(),
  moduleId: text('module_id')
    .notNull()
    .references(() => modules.id),
  passMark: integer('pass_mark').notNull(),
  questionsPerAttempt: integer('questions_per_attempt').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** Answer keys live here and are read by the server only. */
export const quizQuestions = pgTable('quiz_questions', {
  id: text('id').primaryKey(),
  quizId: text('quiz_id')
    .notNull()
    .references(() => quizzes.id),
  position: integer('position').notNull(),
  type: text('type').$type<'single' | 'multiple' | 'truefalse' | 'ordering'>().notNull(),
  optionIds: jsonb('option_ids').$type<string[]>().notNull(),
  answer: jsonb('answer').$type<string[]>().notNull(),
  /** Multiple-answer only: each choice scores +1/n or -1/n (never below 0) instead of all-or-nothing. */
  partialCredit: boolean('partial_credit').notNull().default(false),
  text: jsonb('text')
    .$type<LocalizedJson<{ prompt: string; options: { id: string; text: string }[]; explanation: string }>>()
    .notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const storyboards = pgTable('storyboards', {
  id: text('id').primaryKey(),
  moduleId: text('module_id')
    .notNull()
    .references(() => modules.id),
  hash: text('hash').notNull(),
  title: jsonb('title').$type<LocalizedJson<string>>().notNull(),
  scenes: jsonb('scenes')
    .$type<
      {
        id: string;
        layout: string;
        icon: string;
        text: LocalizedJson<{ heading: string; bullets: string[]; narration: string }>;
      }[]
    >()
    .notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
