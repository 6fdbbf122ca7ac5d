// Accounts: people, their sessions and password resets.
import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { workshops } from './workshops-table.ts';

export const roleEnum = pgEnum('role', ['learner', 'facilitator', 'admin']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email'),
    /** For people without an email they want to use (workshop participants): unique case-insensitively. */
    username: text('username'),
    passwordHash: text('password_hash'),
    /** When the person last chose their own password (sign-up, a slip used, a change); null: never. */
    passwordSetAt: timestamp('password_set_at', { withTimezone: true }),
    /** The first time this person signed in (any way: password, a slip, sign-up); null: never. A workshop's "Joined" is from it. */
    firstSignedInAt: timestamp('first_signed_in_at', { withTimezone: true }),
    /** The workshop whose participant import created this account; only its facilitators may print this person a slip. */
    createdByWorkshopId: uuid('created_by_workshop_id').references((): AnyPgColumn => workshops.id, {
      onDelete: 'set null',
    }),
    role: roleEnum('role').notNull().default('learner'),
    locale: text('locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    // The admin search (ilike '%…%' on name or email): trigram indexes, so it reads the matches, not every person
    // (bench:scale: a sequential scan of every user at 10,000 people; pg_trgm is created by the migration).
    index('users_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('users_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
  ],
);

export type UserRow = typeof users.$inferSelect;

/** A signed-in device: the session cookie names a row here; deleting the row signs that device out. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every new sign-in slip given for an existing account (who, when); the person is told at their next sign-in. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    resetBy: uuid('reset_by').references(() => users.id, { onDelete: 'set null' }),
    /** The name at the time, so the notice still says who when that account is gone. */
    resetByName: text('reset_by_name').notNull(),
    workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
/**
 * A "forgot your password?" link sent by email: only a SHA-256 hash of its token is kept. A person holds at most one
 * (a new request replaces the old link); using it deletes the row, so it works once. Kept apart from password_resets,
 * which records resets other people made (and tells the person at their next sign-in), and lives on after use.
 */
export const passwordResetTokens = pgTable('password_reset_tokens', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Role = (typeof roleEnum.enumValues)[number];
