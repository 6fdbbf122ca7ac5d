// City teams and the learning-city self-assessment (issue 17)
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { workshops } from './workshops-table.ts';

// A team is one city's group of people, in a workshop or on its own; the action plan (issue 17, items 3-5) will
// hang off city_teams.id as well.
export const cityTeams = pgTable(
  'city_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null: a team formed outside any workshop (a learner taking the course alone). */
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2, upper case (the workshops' list). */
    country: text('country').notNull(),
    /** 8 characters from the workshops' join-code alphabet, stored without the dash. */
    joinCode: text('join_code').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_teams_join_code_idx').on(t.joinCode), index('city_teams_workshop_idx').on(t.workshopId)],
);
export type CityTeamRow = typeof cityTeams.$inferSelect;

export const cityTeamMembers = pgTable(
  'city_team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => cityTeams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The team's workshop, copied here so that the database itself keeps a person in one team per workshop. */
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('city_team_members_user_idx').on(t.userId),
    uniqueIndex('city_team_members_one_per_workshop_idx')
      .on(t.workshopId, t.userId)
      .where(sql`workshop_id is not null`),
  ],
);

/** One dated self-assessment of a team; a team repeats it later (a year on) and compares. */
export const cityAssessments = pgTable(
  'city_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => cityTeams.id, { onDelete: 'cascade' }),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_assessments_team_date_idx').on(t.teamId, t.assessedOn)],
);
export type CityAssessmentRow = typeof cityAssessments.$inferSelect;

/** Who last changed one field of an action, and when (last write wins per field). */
export type FieldChange = { by: string; at: string };

/** A team's answer for one action of the framework (content/self-assessment/framework.yaml). */
export const cityAssessmentActions = pgTable(
  'city_assessment_actions',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => cityAssessments.id, { onDelete: 'cascade' }),
    /** "<area>.<bullet>", e.g. "4.3". */
    actionId: text('action_id').notNull(),
    /** 0 not started, 1 planned, 2 started, 3 established, 4 embedded; null: not rated yet. */
    rating: integer('rating'),
    evidence: text('evidence'),
    link: text('link'),
    lead: text('lead'),
    /** Per field: { rating: { by: userId, at: ISO time }, ... }, merged on each save. */
    changes: jsonb('changes').$type<Record<string, FieldChange>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.actionId] }),
    check('city_assessment_actions_rating_check', sql`rating between 0 and 4`),
  ],
);
export type CityAssessmentActionRow = typeof cityAssessmentActions.$inferSelect;

// ---- The city team's action plan (issue 17, items 3-4): sections defined in content/plan/sections.yaml ----

/** One field of a team's plan: last write wins per field, and the row says who wrote it last and when. */
export const cityPlanFields = pgTable(
  'city_plan_fields',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => cityTeams.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    fieldId: text('field_id').notNull(),
    value: text('value'),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.sectionId, t.fieldId] })],
);
export type CityPlanFieldRow = typeof cityPlanFields.$inferSelect;

/** A comment on one section of a team's plan, by a member or a facilitator of the team's workshop. */
export const cityPlanComments = pgTable(
  'city_plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => cityTeams.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('city_plan_comments_team_idx').on(t.teamId, t.sectionId)],
);

/** A read-only share link of a plan. Only the SHA-256 of its token is kept; revoking deletes the row. */
export const cityPlanShares = pgTable(
  'city_plan_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => cityTeams.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('city_plan_shares_token_idx').on(t.tokenHash), index('city_plan_shares_team_idx').on(t.teamId)],
);
