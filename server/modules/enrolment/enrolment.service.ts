// Who is enrolled in which course, and why (self or workshop). Enrolling is idempotent.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Bound } from '../../db/prepared.ts';
import { enrolments } from '../../db/schema.ts';

export async function enrol(db: DbOrTx, userId: string, courseId: string, source: 'self' | 'workshop' = 'self') {
  await db
    .insert(enrolments)
    .values({ userId, courseId, source })
    .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseId], set: { active: true } });
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
  return { courseId, enrolled: true as const, source: row.source, enrolledAt: row.enrolledAt.toISOString() };
}

export async function isEnrolled(db: DbOrTx, userId: string, courseId: string): Promise<boolean> {
  const [row] = await db
    .select({ active: enrolments.active })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
  return !!row?.active;
}

/** Whether the person is enrolled, as a subquery (at most one row) to be read in the same round trip as other things. */
export const enrolmentQuery = (db: DbOrTx, userId: Bound<string>, courseId: Bound<string>) =>
  db
    .select({ active: enrolments.active })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));

/** Enrols many people at once (a workshop's participants); those already enrolled keep their record and source. */
export async function enrolMany(db: DbOrTx, userIds: string[], courseId: string, source: 'self' | 'workshop') {
  if (!userIds.length) return;
  await db
    .insert(enrolments)
    .values(userIds.map((userId) => ({ userId, courseId, source })))
    .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseId], set: { active: true } });
}
