// All SQL for progress: the event log and the state derived from it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { lessonProgress, progressEvents } from '../../db/schema.ts';

export type EventRow = typeof progressEvents.$inferInsert;

/** Inserts the events not seen before; returns those that are new. */
export async function insertNewEvents(db: DbOrTx, rows: EventRow[]) {
  if (!rows.length) return [];
  return db.insert(progressEvents).values(rows).onConflictDoNothing().returning();
}

export const eventsOf = (db: DbOrTx, userId: string) => db.select().from(progressEvents).where(eq(progressEvents.userId, userId));

export const lessonStatesOf = (db: DbOrTx, userId: string) => db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));

export async function lessonStates(db: DbOrTx, userId: string, lessonIds: string[]) {
  if (!lessonIds.length) return [];
  return db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)));
}

export type LessonStateRow = typeof lessonProgress.$inferSelect;

/** One learner's state of one lesson as a subquery (at most one row), to be read in the same round trip as other things. */
export const lessonStateSubquery = (db: DbOrTx, userId: string, lessonId: string) =>
  db
    .select({ openedAt: lessonProgress.openedAt, completedAt: lessonProgress.completedAt, watchedRanges: lessonProgress.watchedRanges })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));

export async function upsertLessonState(db: DbOrTx, row: LessonStateRow) {
  await db.insert(lessonProgress).values(row).onConflictDoUpdate({
    target: [lessonProgress.userId, lessonProgress.lessonId],
    set: {
      openedAt: sql`excluded.opened_at`,
      completedAt: sql`excluded.completed_at`,
      lastActiveAt: sql`excluded.last_active_at`,
      positionSeconds: sql`excluded.position_seconds`,
      positionAt: sql`excluded.position_at`,
      watchedRanges: sql`excluded.watched_ranges`,
    },
  });
}

export async function deleteLessonStates(db: DbOrTx, userId?: string) {
  await (userId ? db.delete(lessonProgress).where(eq(lessonProgress.userId, userId)) : db.delete(lessonProgress));
}

export const allUserIdsWithEvents = (db: DbOrTx) => db.selectDistinct({ userId: progressEvents.userId }).from(progressEvents);

/** Lesson state of many learners at once (workshop dashboards). */
export async function lessonStatesOfMany(db: DbOrTx, userIds: string[], lessonIds: string[]) {
  if (!userIds.length || !lessonIds.length) return [];
  return db.select().from(lessonProgress).where(and(inArray(lessonProgress.userId, userIds), inArray(lessonProgress.lessonId, lessonIds)));
}
