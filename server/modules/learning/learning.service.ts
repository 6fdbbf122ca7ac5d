// The learning read model: the course and its lessons as one learner sees them (enrolment, lesson status, module
// progress, what is left to complete), built from catalog (content), enrolment, progress and quizzes (via progress).
// Catalog stays content-only; nothing below imports this module.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedOnce } from '../../db/prepared.ts';
import type { Actor } from '../../http/auth.ts';
import { NotFound } from '../../http/errors.ts';
import {
  buildLessonPayload,
  contentVersionQuery,
  courseExists,
  currentContentVersion,
  getCourse,
  lessonContent,
} from '../catalog/catalog.service.ts';
import type { CourseDetailBody, LessonDetailBody } from '../catalog/catalog.schemas.ts';
import { personalise, type LessonPayloads } from '../catalog/lesson-payloads.ts';
import { enrol, enrolmentQuery, isEnrolled } from '../enrolment/enrolment.service.ts';
import {
  courseProgress,
  lessonStateQuery,
  lessonStatusFor,
  statusOfLessonState,
} from '../progress/progress.service.ts';

/** The course page of one reader: the content, and for a signed-in learner their enrolment, progress and resume point. */
export async function courseForLearner(
  db: Db,
  actor: Actor | null,
  courseId: string,
  wanted?: string,
): Promise<CourseDetailBody> {
  const [course, enrolled] = await Promise.all([
    getCourse(db, courseId, wanted),
    actor ? isEnrolled(db, actor.id, courseId) : Promise.resolve(null),
  ]);
  const progress = actor ? await courseProgress(db, actor.id, course) : null;
  const resumeLesson =
    progress?.resume && course.modules.flatMap((m) => m.lessons).find((l) => l.id === progress.resume!.lessonId);
  return {
    ...course,
    enrolled,
    modules: course.modules.map((m) => ({
      ...m,
      lessons: m.lessons.map((l) => (progress ? { ...l, status: progress.lessons[l.id] } : l)),
      progress: progress ? progress.modules[m.id] : null,
    })),
    resume:
      progress?.resume && resumeLesson
        ? { ...progress.resume, title: resumeLesson.title, locale: resumeLesson.locale }
        : null,
    completed: progress ? progress.completed : null,
    completion: progress ? progress.completion : null,
  };
}

/**
 * Whether the learner has completed the course, what is left, and the course as named in the wanted language (what
 * a certificate prints). `missing` lists the core modules not complete yet, as "<number>. <title>".
 */
export async function courseCompletion(db: Db, userId: string, courseId: string, wanted?: string) {
  const course = await getCourse(db, courseId, wanted);
  const progress = await courseProgress(db, userId, course);
  const missing = course.modules
    .filter((m) => m.kind === 'core' && progress.modules[m.id]?.status !== 'complete')
    .map((m) => `${m.number}. ${m.title}`);
  return {
    course: { id: course.id, title: course.title, summary: course.summary, locale: course.locale },
    completed: progress.completed,
    completion: progress.completion,
    missing,
  };
}

/** A lesson in the wanted language with the reader's status; opening it enrols a signed-in learner in its course. */
export async function lessonForLearner(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  wanted?: string,
): Promise<LessonDetailBody> {
  const content = await lessonContent(db, lessonId, wanted);
  // Reading a lesson is a hot path: enrol (a write) only the first time.
  if (actor && !(await isEnrolled(db, actor.id, content.courseId))) await enrol(db, actor.id, content.courseId, 'self');
  const status = actor ? await lessonStatusFor(db, actor.id, lessonId) : null;
  return { status, ...content };
}

/**
 * The lesson as `lessonForLearner` gives it, serialised, with an ETag, for the API's hot path: the shared part comes
 * from `payloads` (built once per content version and language), the person's part and the content version from one query.
 */
export async function readLesson(
  db: Db,
  payloads: LessonPayloads,
  actor: Actor | null,
  lessonId: string,
  wanted?: string,
) {
  let payload =
    payloads.get(lessonId, wanted) ??
    (await payloads.buildOnce(lessonId, wanted, () => buildLessonPayload(db, payloads, lessonId, wanted)));
  let person = await personalPart(db, payloads, actor, lessonId, payload.courseId);
  if (person.version !== payload.version) {
    // New content since this body was built (an import, perhaps by another process): build it again.
    const courseId = payload.courseId;
    payload = await buildLessonPayload(db, payloads, lessonId, wanted);
    if (actor && payload.courseId !== courseId)
      person = await personalPart(db, payloads, actor, lessonId, payload.courseId);
  }
  if (actor && !person.enrolled) await enrol(db, actor.id, payload.courseId, 'self');
  return personalise(payload, person.status);
}

const personalPartStatement = preparedOnce((db: Db) => {
  const v = contentVersionQuery(db).as('v');
  const e = enrolmentQuery(db, sql.placeholder('userId'), sql.placeholder('courseId')).as('e');
  const s = lessonStateQuery(db, sql.placeholder('userId'), sql.placeholder('lessonId')).as('s');
  return db
    .select({
      version: v.version,
      active: e.active,
      openedAt: s.openedAt,
      completedAt: s.completedAt,
      watchedRanges: s.watchedRanges,
    })
    .from(v)
    .leftJoin(e, sql`true`)
    .leftJoin(s, sql`true`)
    .prepare('lesson_personal_part');
});

/**
 * The content version, and for a signed-in person their enrolment and status, in one round trip. An anonymous
 * reader's version may be one read for another reader within the last second (LessonPayloads.recentVersion).
 */
async function personalPart(db: Db, payloads: LessonPayloads, actor: Actor | null, lessonId: string, courseId: string) {
  if (!actor)
    return { version: await payloads.recentVersion(() => currentContentVersion(db)), enrolled: null, status: null };
  const [row] = await personalPartStatement(db).execute({ userId: actor.id, courseId, lessonId });
  // No import recorded (content written some other way): no version to join from.
  if (!row)
    return {
      version: '',
      enrolled: await isEnrolled(db, actor.id, courseId),
      status: await lessonStatusFor(db, actor.id, lessonId),
    };
  payloads.sawVersion(row.version);
  return { version: row.version, enrolled: !!row.active, status: statusOfLessonState(row) };
}

export async function enrolInCourse(db: Db, actor: Actor, courseId: string) {
  if (!(await courseExists(db, courseId))) throw NotFound(`The course "${courseId}"`, 'catalog.course_not_found');
  return enrol(db, actor.id, courseId, 'self');
}
