// The workshops table on its own: accounts (who an import created) and the workshop tables both refer to it, and it
// refers to neither, so neither file imports the other.
import { sql } from 'drizzle-orm';
import { date, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const workshops = pgTable(
  'workshops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text('country').notNull(),
    locale: text('locale').notNull(),
    /** IANA name; due dates are shown in it. */
    timeZone: text('time_zone').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    maxParticipants: integer('max_participants'),
    /** 8 characters, stored without the grouping dash. */
    joinCode: text('join_code').notNull(),
    joinClosedAt: timestamp('join_closed_at', { withTimezone: true }),
    /** Optional join window set by the facilitator (UTC); outside it the code answers 410 saying which side. */
    joinFrom: timestamp('join_from', { withTimezone: true }),
    joinUntil: timestamp('join_until', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A code is unique among workshops that are not archived; archived ones keep theirs for the record.
  (t) => [
    uniqueIndex('workshops_active_join_code_idx')
      .on(t.joinCode)
      .where(sql`archived_at is null`),
  ],
);
