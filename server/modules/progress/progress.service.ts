// Progress: an append-only event log with client ids (idempotent, any order), and per-lesson state derived from it
// in the same statement. Module and course status are computed from that state by the completion rules.
import type { Db } from '../../db/client.ts';
import type { Bound } from '../../db/prepared.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, Conflict } from '../../http/errors.ts';
import { existingLessonIds } from '../catalog/catalog.service.ts';
import { bestScores, bestScoresAmong, rebuildBestScores } from '../quizzes/quizzes.service.ts';
import {
  courseComplete,
  courseCompletion,
  lessonStatus,
  moduleStatus,
  type LessonStatus,
  type ModuleStatus,
  type ModuleSteps,
  type Range,
} from './completion.ts';
import * as repo from './progress.repository.ts';
import type { ProgressEventInput } from './progress.schemas.ts';

const DAY_MS = 24 * 3600 * 1000;
const NO_RANGES: Range[] = [];

/** Throws a 400 listing every bad event; lessons are checked only when `knownLessons` is given. */
function checkEvents(events: ProgressEventInput[], knownLessons?: Set<string>, now = Date.now()) {
  const problems: { index: number; id: string; message: string }[] = [];
  const seen = new Map<string, number>();
  events.forEach((e, index) => {
    const say = (message: string) =>
      problems.push({ index, id: e.id, message: `event ${index} (${e.id}): ${message}` });
    if (knownLessons && !knownLessons.has(e.lessonId)) say(`unknown lesson "${e.lessonId}"`);
    const at = Date.parse(e.at);
    if (at > now + DAY_MS) say('its time is more than a day in the future; check the device clock');
    if (e.type === 'video.watched')
      e.ranges.forEach(([a, b], i) => {
        if (!(b > a)) say(`range ${i} [${a}, ${b}] must end after it starts`);
      });
    const before = seen.get(e.id);
    if (before !== undefined && JSON.stringify(events[before]) !== JSON.stringify(e))
      say(`the same id as event ${before} but different content`);
    seen.set(e.id, index);
  });
  if (problems.length)
    throw BadRequest(
      'progress.invalid_events',
      `No events were stored. ${problems.map((p) => p.message).join('; ')}.`,
      problems,
    );
}

export async function recordEvents(db: Db, actor: Actor, events: ProgressEventInput[]) {
  checkEvents(events);
  // One statement: the lessons checked, the new events stored and folded into the lesson state
  // (progress.repository.ts says how two devices sending at once are kept apart). An event repeated within the
  // batch, or sent before, is a duplicate.
  const { lessonsKnown, accepted } = await repo.recordBatch(
    db,
    actor.id,
    events.map((e) => ({
      id: e.id,
      type: e.type,
      lessonId: e.lessonId,
      at: new Date(e.at),
      ranges: e.type === 'video.watched' ? e.ranges : null,
      seconds: e.type === 'position' ? Math.round(e.seconds) : null,
    })),
  );
  if (!lessonsKnown) {
    // Nothing was stored: say which events name a lesson that does not exist.
    checkEvents(events, await existingLessonIds(db, [...new Set(events.map((e) => e.lessonId))]));
    // Every lesson exists now: new content arrived between the two reads.
    throw Conflict(
      'progress.content_changed',
      'No events were stored: the course changed while they were being saved. Send them again.',
    );
  }
  return { accepted, duplicates: events.length - accepted };
}

/** Rebuilds every learner's derived state: lessons from the event log, best quiz scores from the attempts (npm run progress:rebuild). */
export async function rebuildAll(db: Db) {
  return db.transaction(async (tx) => {
    await rebuildBestScores(tx);
    return { learners: await repo.rebuildLessonStates(tx) };
  });
}

export type CourseStructure = {
  modules: {
    id: string;
    kind: 'core' | 'thematic';
    title: string;
    quizId: string | null;
    lessons: { id: string; title: string }[];
  }[];
};
export type ModuleProgress = { status: ModuleStatus; percent: number; bestScore: number | null; quizPassed: boolean };

export async function courseProgress(db: Db, userId: string, course: CourseStructure) {
  const lessonIds = course.modules.flatMap((m) => m.lessons.map((l) => l.id));
  const [states, best] = await Promise.all([repo.lessonStates(db, userId, lessonIds), bestScores(db, userId)]);
  const stateById = new Map(states.map((s) => [s.lessonId, s]));
  const bestByQuiz = new Map(best.map((b) => [b.quizId, b]));
  const lessons: Record<string, LessonStatus> = {};
  const modules: Record<string, ModuleProgress> = {};
  const steps: ModuleSteps[] = [];
  for (const m of course.modules) {
    const statuses = m.lessons.map((l) => (lessons[l.id] = lessonStatus(stateById.get(l.id))));
    const quiz = m.quizId ? bestByQuiz.get(m.quizId) : undefined;
    modules[m.id] = {
      ...moduleStatus(statuses, { hasQuiz: !!m.quizId, passed: !!quiz?.passed, attempted: !!quiz }),
      bestScore: quiz?.bestScore ?? null,
      quizPassed: !!quiz?.passed,
    };
    steps.push({
      kind: m.kind,
      steps: [
        ...m.lessons.map((l) => ({
          kind: 'lesson' as const,
          id: l.id,
          title: l.title,
          done: lessons[l.id] === 'complete',
        })),
        // A quiz is named by its module: "the quiz of <module>".
        ...(m.quizId ? [{ kind: 'quiz' as const, id: m.quizId, title: m.title, done: !!quiz?.passed }] : []),
      ],
    });
  }
  const completion = courseCompletion(steps);
  const latest = states
    .filter((s) => lessonIds.includes(s.lessonId))
    .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime())[0];
  const resume = latest ? { lessonId: latest.lessonId, positionSeconds: latest.positionSeconds } : null;
  return {
    lessons,
    modules,
    resume,
    completion,
    completed: courseComplete(completion),
  };
}

export async function lessonStatusFor(db: Db, userId: string, lessonId: string): Promise<LessonStatus> {
  const [state] = await repo.lessonStates(db, userId, [lessonId]);
  return lessonStatus(state);
}

/**
 * The same status as `lessonStatusFor`, read as part of another query: `lessonStateQuery` is a subquery the caller
 * joins (at most one row), and `statusOfLessonState` turns its columns (all null when there is no row) into the status.
 */
export const lessonStateQuery = (db: Db, userId: Bound<string>, lessonId: Bound<string>) =>
  repo.lessonStateSubquery(db, userId, lessonId);
export function statusOfLessonState(
  row: { openedAt: Date | null; completedAt: Date | null; watchedRanges: [number, number][] | null } | null,
): LessonStatus {
  // watched_ranges is never null in a stored row: null means the join found none.
  return lessonStatus(
    row?.watchedRanges
      ? { openedAt: row.openedAt, completedAt: row.completedAt, watchedRanges: row.watchedRanges }
      : undefined,
  );
}

export type ModuleOfLearners = { id: string; quizId: string | null; lessonIds: string[] };
export type LearnerModuleProgress = ModuleProgress & { lastActiveAt: Date | null };

/**
 * Module progress of many learners at once, by the same completion rules as one learner's course page
 * (workshop dashboards): a fixed number of queries whatever the number of learners. Keyed by user id, then module id.
 */
export async function modulesProgressOf(
  db: Db,
  userIds: string[],
  modules: ModuleOfLearners[],
): Promise<Map<string, Record<string, LearnerModuleProgress>>> {
  const lessonIds = modules.flatMap((m) => m.lessonIds);
  const quizIds = modules.flatMap((m) => (m.quizId ? [m.quizId] : []));
  const [states, best] = await Promise.all([
    repo.lessonStatesOfMany(db, userIds, lessonIds),
    bestScoresAmong(db, userIds, quizIds),
  ]);
  // Grouped by learner once (a 500-person workshop has some 10,000 lesson states), each lesson's status computed once.
  // No video duration here, so the watched ranges are not read: lessonStatus decides by completedAt alone.
  const lessonsOf = new Map<string, Map<string, { status: LessonStatus; at: number }>>();
  for (const s of states) {
    let mine = lessonsOf.get(s.userId);
    if (!mine) lessonsOf.set(s.userId, (mine = new Map()));
    mine.set(s.lessonId, {
      status: lessonStatus({ openedAt: null, completedAt: s.completedAt, watchedRanges: NO_RANGES }),
      at: s.lastActiveAt.getTime(),
    });
  }
  const bestOf = new Map<string, Map<string, (typeof best)[number]>>();
  for (const b of best) {
    let mine = bestOf.get(b.userId);
    if (!mine) bestOf.set(b.userId, (mine = new Map()));
    mine.set(b.quizId, b);
  }
  const result = new Map<string, Record<string, LearnerModuleProgress>>();
  for (const userId of userIds) {
    const myLessons = lessonsOf.get(userId);
    const myBest = bestOf.get(userId);
    const byModule: Record<string, LearnerModuleProgress> = {};
    for (const m of modules) {
      const statuses: LessonStatus[] = [];
      let last: number | null = null;
      for (const id of m.lessonIds) {
        const lesson = myLessons?.get(id);
        statuses.push(lesson?.status ?? 'not_started');
        if (lesson && (last === null || lesson.at > last)) last = lesson.at;
      }
      const quiz = m.quizId ? myBest?.get(m.quizId) : undefined;
      const submitted = quiz?.lastSubmittedAt?.getTime();
      if (submitted !== undefined && (last === null || submitted > last)) last = submitted;
      byModule[m.id] = {
        ...moduleStatus(statuses, { hasQuiz: !!m.quizId, passed: !!quiz?.passed, attempted: !!quiz }),
        bestScore: quiz?.bestScore ?? null,
        quizPassed: !!quiz?.passed,
        lastActiveAt: last === null ? null : new Date(last),
      };
    }
    result.set(userId, byModule);
  }
  return result;
}
