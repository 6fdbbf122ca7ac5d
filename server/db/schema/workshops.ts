// Workshops: a facilitator's cohort, joined by code; assignments with due dates (overdue is derived, never stored)
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { modules } from './catalog.ts';
import { workshops } from './workshops-table.ts';

export const workshopFacilitators = pgTable(
  'workshop_facilitators',
  {
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<'owner' | 'co_facilitator'>().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_facilitators_user_idx').on(t.userId)],
);

export const workshopParticipants = pgTable(
  'workshop_participants',
  {
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the person leaves: they drop out of dashboards and exports; their own progress stays theirs. */
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_participants_user_idx').on(t.userId)],
);

/**
 * A facilitator named an existing account in a participant list: that person is invited, not enrolled. They become a
 * participant only by accepting (the row is then deleted and a workshop_participants row written); declining deletes it.
 */
export const workshopInvitations = pgTable(
  'workshop_invitations',
  {
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('workshop_invitations_user_idx').on(t.userId)],
);

export const workshopAssignments = pgTable(
  'workshop_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    moduleId: text('module_id')
      .notNull()
      .references(() => modules.id),
    /** UTC; entered and shown in the workshop's time zone. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workshop_assignments_module_idx').on(t.workshopId, t.moduleId)],
);

/**
 * One-time sign-in codes printed on slips for participants a facilitator added without email: used once to
 * set a password (the row is deleted on use). Only a hash of the code is stored.
 */
export const signInCodes = pgTable('sign_in_codes', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type WorkshopRow = typeof workshops.$inferSelect;
export type WorkshopAssignmentRow = typeof workshopAssignments.$inferSelect;
