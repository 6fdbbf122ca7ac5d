// All SQL for the catalog. Retired rows stay in the database but are not served.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { literalLimit } from '../../db/prepared.ts';
import { activities, contentImports, courses, lessons, modules, storyboards } from '../../db/schema.ts';

/**
 * The content version in use: the hash of the newest import (a query builder, so it can be a subquery: of the
 * signed-in lesson's prepared statement among others, hence the literal LIMIT).
 */
export const contentVersion = (db: DbOrTx) =>
  db
    .select({ version: contentImports.hash })
    .from(contentImports)
    .orderBy(desc(contentImports.importedAt))
    .limit(literalLimit(1));

export const listCourses = (db: DbOrTx) =>
  db.select().from(courses).where(isNull(courses.retiredAt)).orderBy(asc(courses.id));

export async function findCourse(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.id, id), isNull(courses.retiredAt)));
  return row;
}

export const modulesOfCourse = (db: DbOrTx, courseId: string) =>
  db
    .select()
    .from(modules)
    .where(and(eq(modules.courseId, courseId), isNull(modules.retiredAt)))
    .orderBy(asc(modules.position));

export async function findModule(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(modules)
    .where(and(eq(modules.id, id), isNull(modules.retiredAt)));
  return row;
}

/** Several modules' outline columns (the ones not retired), for lists that need no module's full page. */
export const modulesAmong = (db: DbOrTx, ids: string[]) =>
  db
    .select({
      id: modules.id,
      courseId: modules.courseId,
      number: modules.number,
      title: modules.title,
      quizId: modules.quizId,
    })
    .from(modules)
    .where(and(inArray(modules.id, ids), isNull(modules.retiredAt)));

/** The lesson ids of these modules, in module then lesson order. */
export const lessonIdsOfModules = (db: DbOrTx, moduleIds: string[]) =>
  db
    .select({ id: lessons.id, moduleId: lessons.moduleId })
    .from(lessons)
    .where(and(inArray(lessons.moduleId, moduleIds), isNull(lessons.retiredAt)))
    .orderBy(asc(lessons.moduleId), asc(lessons.position));

export const lessonsOfModules = (db: DbOrTx) =>
  db
    .select({
      id: lessons.id,
      moduleId: lessons.moduleId,
      position: lessons.position,
      minutes: lessons.minutes,
      title: lessons.title,
    })
    .from(lessons)
    .where(isNull(lessons.retiredAt))
    .orderBy(asc(lessons.moduleId), asc(lessons.position));

export async function findLesson(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, id), isNull(lessons.retiredAt)));
  return row;
}

export async function findActivity(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), isNull(activities.retiredAt)));
  return row;
}

export async function findStoryboard(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(storyboards)
    .where(and(eq(storyboards.id, id), isNull(storyboards.retiredAt)));
  return row;
}

export async function lessonIdsAmong(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: lessons.id })
    .from(lessons)
    .where(and(inArray(lessons.id, ids), isNull(lessons.retiredAt)));
}
