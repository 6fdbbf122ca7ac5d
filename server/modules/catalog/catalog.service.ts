// Serving the course in a person's language, item by item, falling back to English.
import type { Db } from '../../db/client.ts';
import type { LocalizedJson, ModuleChecklistJson } from '../../db/schema.ts';
import { pick, servedIn } from '../../i18n/served.ts';
import type { Actor } from '../../http/auth.ts';
import { NotFound } from '../../http/errors.ts';
import { sql } from 'drizzle-orm';
import { enrol, enrolmentQuery, isEnrolled } from '../enrolment/enrolment.service.ts';
import { courseProgress, lessonStateQuery, lessonStatusFor, statusOfLessonState } from '../progress/progress.service.ts';
import * as repo from './catalog.repository.ts';
import { personalise, type LessonPayloads } from './lesson-payloads.ts';
import type { CourseDetailBody, LessonDetailBody, ModuleDetailBody } from './catalog.schemas.ts';

function served(available: string[], wanted: string | undefined) {
  const locale = wanted && available.includes(wanted) ? wanted : 'en';
  return { locale, translated: !wanted || locale === wanted };
}

/** `locale` and `translated` of one item whose own text is `value`. */
function servedFor(value: LocalizedJson<unknown>, locale: string, wanted: string | undefined) {
  const own = servedIn(value, locale);
  return { locale: own, translated: !wanted || own === wanted };
}

type ModuleRow = NonNullable<Awaited<ReturnType<typeof repo.findModule>>>;
type LessonLinkRow = Awaited<ReturnType<typeof repo.lessonsOfModules>>[number];

function moduleSummary(m: ModuleRow, lessons: LessonLinkRow[], activityMinutes: number, locale: string) {
  const own = lessons.filter((l) => l.moduleId === m.id);
  return {
    id: m.id,
    number: m.number,
    kind: m.kind,
    title: pick(m.title, locale),
    summary: pick(m.summary, locale),
    locale: servedIn(m.title, locale),
    minutes: own.reduce((sum, l) => sum + l.minutes, 0) + activityMinutes,
    quizId: m.quizId,
    tutorialId: m.tutorialId,
    lessons: own.map((l) => ({ id: l.id, title: pick(l.title, locale), minutes: l.minutes, locale: servedIn(l.title, locale) })),
  };
}

export async function listCourses(db: Db, wanted?: string) {
  const rows = await repo.listCourses(db);
  return Promise.all(
    rows.map(async (c) => {
      const { locale } = served(c.locales, wanted);
      return { id: c.id, title: pick(c.title, locale), summary: pick(c.summary, locale), locale: servedIn(c.title, locale), hours: c.hours, moduleCount: (await repo.modulesOfCourse(db, c.id)).length, locales: c.locales };
    }),
  );
}

export async function getCourse(db: Db, actor: Actor | null, courseId: string, wanted?: string): Promise<CourseDetailBody> {
  const course = await repo.findCourse(db, courseId);
  if (!course) throw NotFound(`The course "${courseId}"`, 'catalog.course_not_found');
  const { locale } = served(course.locales, wanted);
  const [mods, lessons, enrolled] = await Promise.all([
    repo.modulesOfCourse(db, courseId),
    repo.lessonsOfModules(db),
    actor ? isEnrolled(db, actor.id, courseId) : Promise.resolve(null),
  ]);
  const activityMinutes = await Promise.all(mods.map(async (m) => (m.activityId ? ((await repo.findActivity(db, m.activityId))?.minutes ?? 0) : 0)));
  const summaries = mods.map((m, i) => moduleSummary(m, lessons, activityMinutes[i], locale));
  const progress = actor ? await courseProgress(db, actor.id, { modules: summaries }) : null;
  const resumeLesson = progress?.resume && summaries.flatMap((m) => m.lessons).find((l) => l.id === progress.resume!.lessonId);
  return {
    id: course.id,
    title: pick(course.title, locale),
    summary: pick(course.summary, locale),
    audience: pick(course.audience, locale),
    hours: course.hours,
    enrolled,
    modules: summaries.map((m) => ({
      ...m,
      lessons: m.lessons.map((l) => (progress ? { ...l, status: progress.lessons[l.id] } : l)),
      progress: progress ? progress.modules[m.id] : null,
    })),
    resume: progress?.resume && resumeLesson ? { ...progress.resume, title: resumeLesson.title, locale: resumeLesson.locale } : null,
    completed: progress ? progress.completed : null,
    completion: progress ? progress.completion : null,
    ...servedFor(course.title, locale, wanted),
  };
}

export async function getModule(db: Db, moduleId: string, wanted?: string): Promise<ModuleDetailBody> {
  const m = await repo.findModule(db, moduleId);
  if (!m) throw NotFound(`The module "${moduleId}"`, 'catalog.module_not_found');
  const course = await repo.findCourse(db, m.courseId);
  const { locale } = served(course?.locales ?? ['en'], wanted);
  const [lessons, activity, storyboard] = await Promise.all([
    repo.lessonsOfModules(db),
    m.activityId ? repo.findActivity(db, m.activityId) : undefined,
    m.tutorialId ? repo.findStoryboard(db, m.tutorialId) : undefined,
  ]);
  return {
    ...moduleSummary(m, lessons, activity?.minutes ?? 0, locale),
    courseId: m.courseId,
    objectives: pick(m.objectives, locale),
    activity: activity
      ? { id: activity.id, title: pick(activity.title, locale), locale: servedIn(activity.html, locale), minutes: activity.minutes, groupSize: activity.groupSize, materials: pick(activity.materials, locale), outputs: pick(activity.outputs, locale), html: pick(activity.html, locale) }
      : null,
    tutorial: storyboard
      ? { id: storyboard.id, title: pick(storyboard.title, locale), locale: servedIn(storyboard.title, locale), scenes: storyboard.scenes.map((s) => ({ heading: pick(s.text, locale).heading, narration: pick(s.text, locale).narration })) }
      : null,
    checklist: m.checklist ? servedChecklist(m.checklist, locale) : null,
    ...servedFor(m.title, locale, wanted),
  };
}

/** The checklist in the served language (English where the module's translation has none). */
function servedChecklist(checklist: ModuleChecklistJson, locale: string) {
  const own = servedIn(checklist.items, locale);
  return {
    area: checklist.area,
    complete: checklist.complete,
    source: checklist.source,
    locale: own,
    reviewed: own === 'en' || checklist.reviewedLocales.includes(own),
    items: pick(checklist.items, locale),
  };
}

/** Whether the course has this tutorial (a storyboard that is not retired). */
export async function tutorialExists(db: Db, tutorialId: string): Promise<boolean> {
  return !!(await repo.findStoryboard(db, tutorialId));
}

/** A lesson in the wanted language; opening it enrols a signed-in learner in its course. */
export async function getLesson(db: Db, actor: Actor | null, lessonId: string, wanted?: string): Promise<LessonDetailBody> {
  const content = await lessonContent(db, lessonId, wanted);
  // Reading a lesson is a hot path: enrol (a write) only the first time.
  if (actor && !(await isEnrolled(db, actor.id, content.courseId))) await enrol(db, actor.id, content.courseId, 'self');
  const status = actor ? await lessonStatusFor(db, actor.id, lessonId) : null;
  return { status, ...content };
}

/**
 * The lesson as `getLesson` gives it, serialised, with an ETag, for the API's hot path: the shared part comes from
 * `payloads` (built once per content version and language), the person's part and the content version from one query.
 */
export async function readLesson(db: Db, payloads: LessonPayloads, actor: Actor | null, lessonId: string, wanted?: string) {
  let payload = payloads.get(lessonId, wanted) ?? (await buildPayload(db, payloads, lessonId, wanted));
  let person = await personalPart(db, actor, lessonId, payload.courseId);
  if (person.version !== payload.version) {
    // New content since this body was built (an import, perhaps by another process): build it again.
    payloads.version = person.version;
    const courseId = payload.courseId;
    payload = await buildPayload(db, payloads, lessonId, wanted);
    if (actor && payload.courseId !== courseId) person = await personalPart(db, actor, lessonId, payload.courseId);
  }
  if (actor && !person.enrolled) await enrol(db, actor.id, payload.courseId, 'self');
  return personalise(payload, person.status);
}

async function buildPayload(db: Db, payloads: LessonPayloads, lessonId: string, wanted: string | undefined) {
  const [current] = await repo.contentVersion(db);
  const content = await lessonContent(db, lessonId, wanted);
  return payloads.set(lessonId, wanted, content, current?.version ?? '', content.courseId);
}

/** The content version, and for a signed-in person their enrolment and status, in one round trip. */
async function personalPart(db: Db, actor: Actor | null, lessonId: string, courseId: string) {
  if (!actor) {
    const [current] = await repo.contentVersion(db);
    return { version: current?.version ?? '', enrolled: null, status: null };
  }
  const v = repo.contentVersion(db).as('v');
  const e = enrolmentQuery(db, actor.id, courseId).as('e');
  const s = lessonStateQuery(db, actor.id, lessonId).as('s');
  const [row] = await db
    .select({ version: v.version, active: e.active, openedAt: s.openedAt, completedAt: s.completedAt, watchedRanges: s.watchedRanges })
    .from(v)
    .leftJoin(e, sql`true`)
    .leftJoin(s, sql`true`);
  // No import recorded (content written some other way): no version to join from.
  if (!row) return { version: '', enrolled: await isEnrolled(db, actor.id, courseId), status: await lessonStatusFor(db, actor.id, lessonId) };
  return { version: row.version, enrolled: !!row.active, status: statusOfLessonState(row) };
}

/** What every reader of the lesson in this language gets: all of the lesson but the person's status. */
async function lessonContent(db: Db, lessonId: string, wanted?: string): Promise<Omit<LessonDetailBody, 'status'>> {
  const lesson = await repo.findLesson(db, lessonId);
  if (!lesson) throw NotFound(`The lesson "${lessonId}"`, 'catalog.lesson_not_found');
  const m = await repo.findModule(db, lesson.moduleId);
  if (!m) throw NotFound(`The lesson "${lessonId}"`, 'catalog.lesson_not_found');
  const course = await repo.findCourse(db, m.courseId);
  const { locale } = served(course?.locales ?? ['en'], wanted);
  // Previous/next run across module boundaries, in course order.
  const mods = await repo.modulesOfCourse(db, m.courseId);
  const order = new Map(mods.map((x, i) => [x.id, i]));
  const all = (await repo.lessonsOfModules(db)).filter((l) => order.has(l.moduleId)).sort((a, b) => order.get(a.moduleId)! - order.get(b.moduleId)! || a.position - b.position);
  const index = all.findIndex((l) => l.id === lesson.id);
  const link = (l: LessonLinkRow | undefined) => (l ? { id: l.id, title: pick(l.title, locale), minutes: l.minutes, locale: servedIn(l.title, locale) } : null);
  return {
    quizId: m.quizId,
    id: lesson.id,
    courseId: m.courseId,
    moduleId: m.id,
    moduleNumber: m.number,
    moduleTitle: pick(m.title, locale),
    moduleLocale: servedIn(m.title, locale),
    position: lesson.position,
    lessonCount: all.filter((l) => l.moduleId === m.id).length,
    title: pick(lesson.title, locale),
    minutes: lesson.minutes,
    html: pick(lesson.html, locale),
    toc: pick(lesson.toc, locale),
    keyPoints: pick(lesson.keyPoints, locale),
    sources: lesson.sources,
    previous: link(all[index - 1]),
    next: link(all[index + 1]),
    reviewed: servedIn(lesson.html, locale) === 'en' || lesson.reviewedLocales.includes(servedIn(lesson.html, locale)),
    ...servedFor(lesson.html, locale, wanted),
  };
}

export async function enrolInCourse(db: Db, actor: Actor, courseId: string) {
  if (!(await repo.findCourse(db, courseId))) throw NotFound(`The course "${courseId}"`, 'catalog.course_not_found');
  return enrol(db, actor.id, courseId, 'self');
}

export async function existingLessonIds(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await repo.lessonIdsAmong(db, ids)).map((r) => r.id));
}
