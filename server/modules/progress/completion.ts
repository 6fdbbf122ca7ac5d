// Completion rules, in one place: lesson, module, course. Pure functions, unit-tested.
export type Range = [number, number];

/** Union of watched ranges, sorted and merged (overlapping or touching ranges join). */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges
    .filter(([a, b]) => b > a)
    .map(([a, b]) => [a, b] as Range)
    .sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

export function watchedSeconds(ranges: Range[], duration?: number): number {
  return mergeRanges(ranges).reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, duration ?? b) - a), 0);
}

/** A video counts as watched at 90 % of its length, counting distinct seconds (merged ranges), not seconds played. */
export const VIDEO_COMPLETE_SHARE = 0.9;
export function videoWatched(ranges: Range[], duration: number | null | undefined): boolean {
  return !!duration && duration > 0 && watchedSeconds(ranges, duration) >= VIDEO_COMPLETE_SHARE * duration;
}

export type LessonState = { completedAt: Date | null; openedAt: Date | null; watchedRanges: Range[] };
export type LessonStatus = 'not_started' | 'in_progress' | 'complete';

export function lessonStatus(state: LessonState | undefined, videoDuration?: number | null): LessonStatus {
  if (!state) return 'not_started';
  if (state.completedAt || videoWatched(state.watchedRanges, videoDuration)) return 'complete';
  return 'in_progress';
}

export type ModuleStatus = 'not_started' | 'in_progress' | 'complete';

/** A module completes when all its lessons are complete and its quiz is passed (a module without a quiz needs only its lessons). */
export function moduleStatus(lessons: LessonStatus[], quiz: { hasQuiz: boolean; passed: boolean; attempted: boolean }) {
  const done = lessons.filter((s) => s === 'complete').length;
  const steps = lessons.length + (quiz.hasQuiz ? 1 : 0);
  const stepsDone = done + (quiz.hasQuiz && quiz.passed ? 1 : 0);
  const status: ModuleStatus =
    stepsDone === steps && steps > 0
      ? 'complete'
      : stepsDone > 0 || quiz.attempted || lessons.some((s) => s !== 'not_started')
        ? 'in_progress'
        : 'not_started';
  return { status, percent: steps ? Math.round((100 * stepsDone) / steps) : 0 };
}

/** One thing the course asks of a learner: a lesson to read or a module quiz to pass. */
export type CompletionStep = { kind: 'lesson' | 'quiz'; id: string; title: string };
export type CourseCompletion = { done: number; required: number; remaining: CompletionStep[] };
export type ModuleSteps = { kind: 'core' | 'thematic'; steps: (CompletionStep & { done: boolean })[] };

/**
 * The course rule: every step of every core module (each lesson complete, each quiz passed: the same steps as
 * moduleStatus counts); thematic units are optional. What is left comes in course order.
 */
export function courseCompletion(modules: ModuleSteps[]): CourseCompletion {
  const required = modules.filter((m) => m.kind === 'core').flatMap((m) => m.steps);
  const remaining = required.filter((s) => !s.done).map(({ kind, id, title }) => ({ kind, id, title }));
  return { done: required.length - remaining.length, required: required.length, remaining };
}

/** The course is complete when nothing it requires is left (and it requires something). */
export function courseComplete(completion: CourseCompletion): boolean {
  return completion.required > 0 && completion.remaining.length === 0;
}
