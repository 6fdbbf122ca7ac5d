// Serving the course in a person's language, item by item, falling back to English. Content only: what a learner has
// done (enrolment, progress, quiz results) is joined to it by the learning read model (modules/learning).
import type { Db } from '../../db/client.ts';
import type { LocalizedJson, ModuleChecklistJson } from '../../db/schema.ts';
import { pick, servedIn } from '../../i18n/served.ts';
import { NotFound } from '../../http/errors.ts';
import * as repo from './catalog.repository.ts';
import type { LessonPayloads } from './lesson-payloads.ts';
import type { LessonDetailBody, ModuleDetailBody } from './catalog.schemas.ts';

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
    lessons: own.map((l) => ({
      id: l.id,
      title: pick(l.title, locale),
      minutes: l.minutes,
      locale: servedIn(l.title, locale),
    })),
  };
}

export async function listCourses(db: Db, wanted?: string) {
  const rows = await repo.listCourses(db);
  return Promise.all(
    rows.map(async (c) => {
      const { locale } = served(c.locales, wanted);
      return {
        id: c.id,
        title: pick(c.title, locale),
        summary: pick(c.summary, locale),
        locale: servedIn(c.title, locale),
        hours: c.hours,
        moduleCount: (await repo.modulesOfCourse(db, c.id)).length,
        locales: c.locales,
      };
    }),
  );
}

/** A course with its modules and lessons in the wanted language: the same for every reader. */
export async function getCourse(db: Db, courseId: string, wanted?: string) {
  const course = await repo.findCourse(db, courseId);
  if (!course) throw NotFound(`The course "${courseId}"`, 'catalog.course_not_found');
  const { locale } = served(course.locales, wanted);
  const [mods, lessons] = await Promise.all([repo.modulesOfCourse(db, courseId), repo.lessonsOfModules(db)]);
  const activityMinutes = await Promise.all(
    mods.map(async (m) => (m.activityId ? ((await repo.findActivity(db, m.activityId))?.minutes ?? 0) : 0)),
  );
  return {
    id: course.id,
    title: pick(course.title, locale),
    summary: pick(course.summary, locale),
    audience: pick(course.audience, locale),
    hours: course.hours,
    modules: mods.map((m, i) => moduleSummary(m, lessons, activityMinutes[i], locale)),
    ...servedFor(course.title, locale, wanted),
  };
}

export type CourseContent = Awaited<ReturnType<typeof getCourse>>;

/** Whether the course exists (and is not retired). */
export async function courseExists(db: Db, courseId: string): Promise<boolean> {
  return !!(await repo.findCourse(db, courseId));
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
      ? {
          id: activity.id,
          title: pick(activity.title, locale),
          locale: servedIn(activity.html, locale),
          minutes: activity.minutes,
          groupSize: activity.groupSize,
          materials: pick(activity.materials, locale),
          outputs: pick(activity.outputs, locale),
          html: pick(activity.html, locale),
        }
      : null,
    tutorial: storyboard
      ? {
          id: storyboard.id,
          title: pick(storyboard.title, locale),
          locale: servedIn(storyboard.title, locale),
          scenes: storyboard.scenes.map((s) => ({
            heading: pick(s.text, locale).heading,
            narration: pick(s.text, locale).narration,
          })),
        }
      : null,
    checklist: m.checklist ? servedChecklist(m.checklist, locale) : null,
    ...servedFor(m.title, locale, wanted),
  };
}

/**
 * Several modules in outline (number, title, quiz, lesson ids in order) in the wanted language, with the same values
 * as getModule gives, in a few queries whatever their number: a workshop's assignments list and dashboard need no more.
 * A module that does not exist or is retired is left out.
 */
export async function moduleOutlines(db: Db, moduleIds: string[], wanted?: string) {
  if (!moduleIds.length) return [];
  const [mods, lessonRows] = await Promise.all([
    repo.modulesAmong(db, moduleIds),
    repo.lessonIdsOfModules(db, moduleIds),
  ]);
  const courseIds = [...new Set(mods.map((m) => m.courseId))];
  const courseRows = await Promise.all(courseIds.map((id) => repo.findCourse(db, id)));
  const localesOf = new Map(courseIds.map((id, i) => [id, courseRows[i]?.locales ?? ['en']]));
  return mods.map((m) => {
    const { locale } = served(localesOf.get(m.courseId)!, wanted);
    return {
      id: m.id,
      courseId: m.courseId,
      number: m.number,
      title: pick(m.title, locale),
      quizId: m.quizId,
      lessonIds: lessonRows.filter((l) => l.moduleId === m.id).map((l) => l.id),
    };
  });
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

/**
 * The lesson in this language, serialised once per content version and language into `payloads` (the learning read
 * model appends the reader's status), with the content version it was built from.
 */
export async function buildLessonPayload(
  db: Db,
  payloads: LessonPayloads,
  lessonId: string,
  wanted: string | undefined,
) {
  const [current] = await repo.contentVersion(db);
  const content = await lessonContent(db, lessonId, wanted);
  payloads.sawVersion(current?.version ?? '');
  return payloads.set(lessonId, wanted, content, current?.version ?? '', content.courseId);
}

/** The current content version (the hash of the last import) as a subquery (at most one row), to join with other reads. */
export const contentVersionQuery = (db: Db) => repo.contentVersion(db);

/** The current content version; '' when no import is recorded. */
export async function currentContentVersion(db: Db): Promise<string> {
  const [current] = await repo.contentVersion(db);
  return current?.version ?? '';
}

/** What every reader of the lesson in this language gets: all of the lesson but the person's status. */
export async function lessonContent(
  db: Db,
  lessonId: string,
  wanted?: string,
): Promise<Omit<LessonDetailBody, 'status'>> {
  const lesson = await repo.findLesson(db, lessonId);
  if (!lesson) throw NotFound(`The lesson "${lessonId}"`, 'catalog.lesson_not_found');
  const m = await repo.findModule(db, lesson.moduleId);
  if (!m) throw NotFound(`The lesson "${lessonId}"`, 'catalog.lesson_not_found');
  const course = await repo.findCourse(db, m.courseId);
  const { locale } = served(course?.locales ?? ['en'], wanted);
  // Previous/next run across module boundaries, in course order.
  const mods = await repo.modulesOfCourse(db, m.courseId);
  const order = new Map(mods.map((x, i) => [x.id, i]));
  const all = (await repo.lessonsOfModules(db))
    .filter((l) => order.has(l.moduleId))
    .sort((a, b) => order.get(a.moduleId)! - order.get(b.moduleId)! || a.position - b.position);
  const index = all.findIndex((l) => l.id === lesson.id);
  const link = (l: LessonLinkRow | undefined) =>
    l ? { id: l.id, title: pick(l.title, locale), minutes: l.minutes, locale: servedIn(l.title, locale) } : null;
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

export async function existingLessonIds(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await repo.lessonIdsAmong(db, ids)).map((r) => r.id));
}
