// Certificates: issued once per person and course; revoked, never deleted
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses } from './catalog.ts';

export const certificates = pgTable(
  'certificates',
  {
    /** Random and unguessable: it is the public verification address. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    /** The name exactly as printed (the person's display name when issued). */
    name: text('name').notNull(),
    locale: text('locale').notNull(),
    courseTitle: text('course_title').notNull(),
    /** Position in the revocation status list. */
    statusIndex: serial('status_index').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    credential: jsonb('credential').$type<Record<string, unknown>>(),
    verifyUrl: text('verify_url'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    supersededBy: text('superseded_by'),
  },
  (t) => [
    uniqueIndex('certificates_status_index_idx').on(t.statusIndex),
    uniqueIndex('certificates_active_idx')
      .on(t.userId, t.courseId)
      .where(sql`${t.revokedAt} is null`),
  ],
);
export type CertificateRow = typeof certificates.$inferSelect;
