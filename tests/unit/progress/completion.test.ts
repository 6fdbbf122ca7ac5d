import t from 'tap';
import {
  courseComplete,
  courseCompletion,
  lessonStatus,
  mergeRanges,
  moduleStatus,
  videoWatched,
  watchedSeconds,
} from '../../../server/modules/progress/completion.ts';

t.test('watched ranges merge; re-watching does not count twice', async (t) => {
  t.same(
    mergeRanges([
      [10, 20],
      [0, 5],
      [15, 30],
      [30, 40],
    ]),
    [
      [0, 5],
      [10, 40],
    ],
  );
  t.equal(
    watchedSeconds([
      [0, 60],
      [0, 60],
      [30, 60],
    ]),
    60,
  );
  t.same(
    mergeRanges([
      [5, 5],
      [8, 3],
    ]),
    [],
    'empty and reversed ranges are ignored',
  );
});

t.test('a video is watched at 90 % of distinct seconds', async (t) => {
  t.ok(videoWatched([[0, 90]], 100));
  t.notOk(videoWatched([[0, 89]], 100));
  t.notOk(
    videoWatched(
      [
        [0, 50],
        [0, 50],
        [0, 50],
      ],
      100,
    ),
    'playing the first half three times is not watching it',
  );
  t.ok(
    videoWatched(
      [
        [0, 50],
        [45, 95],
      ],
      100,
    ),
  );
  t.notOk(videoWatched([[0, 100]], null), 'no duration known: not by video');
  t.equal(watchedSeconds([[90, 150]], 100), 10, 'seconds past the end do not count');
});

t.test('lesson status', async (t) => {
  t.equal(lessonStatus(undefined), 'not_started');
  t.equal(lessonStatus({ openedAt: new Date(), completedAt: null, watchedRanges: [] }), 'in_progress');
  t.equal(lessonStatus({ openedAt: new Date(), completedAt: new Date(), watchedRanges: [] }), 'complete');
  t.equal(
    lessonStatus({ openedAt: new Date(), completedAt: null, watchedRanges: [[0, 95]] }, 100),
    'complete',
    'video watched to 90 %',
  );
});

t.test('a module completes when all lessons are complete and the quiz is passed', async (t) => {
  const quiz = (passed: boolean, attempted = passed) => ({ hasQuiz: true, passed, attempted });
  t.same(moduleStatus(['not_started', 'not_started'], quiz(false)), { status: 'not_started', percent: 0 });
  t.same(moduleStatus(['complete', 'in_progress'], quiz(false)), { status: 'in_progress', percent: 33 });
  t.same(
    moduleStatus(['complete', 'complete'], quiz(false, true)),
    { status: 'in_progress', percent: 67 },
    'quiz failed',
  );
  t.same(moduleStatus(['complete', 'complete'], quiz(true)), { status: 'complete', percent: 100 });
  t.same(
    moduleStatus(['complete', 'in_progress'], quiz(true)),
    { status: 'in_progress', percent: 67 },
    'quiz passed but a lesson unread',
  );
  t.same(
    moduleStatus(['not_started'], quiz(false, true)),
    { status: 'in_progress', percent: 0 },
    'a quiz attempt starts the module',
  );
});

t.test(
  'the course completes when every step of every core module is done; the thematic unit is optional',
  async (t) => {
    const step = (kind: 'lesson' | 'quiz', id: string, done: boolean) => ({ kind, id, title: id, done });
    const core = Array.from({ length: 7 }, (_, i) => ({
      kind: 'core' as const,
      steps: [step('lesson', `l${i}`, true), step('quiz', `q${i}`, true)],
    }));
    const thematic = { kind: 'thematic' as const, steps: [step('lesson', 't1', false), step('quiz', 'tq', false)] };
    const all = courseCompletion([...core, thematic]);
    t.same(all, { done: 14, required: 14, remaining: [] });
    t.ok(courseComplete(all));
    const left = courseCompletion([
      ...core.slice(1),
      { kind: 'core', steps: [step('lesson', 'a', true), step('lesson', 'b', false), step('quiz', 'q', false)] },
    ]);
    t.same(
      left,
      {
        done: 13,
        required: 15,
        remaining: [
          { kind: 'lesson', id: 'b', title: 'b' },
          { kind: 'quiz', id: 'q', title: 'q' },
        ],
      },
      'what is left, in course order',
    );
    t.notOk(courseComplete(left));
    t.notOk(courseComplete(courseCompletion([])), 'a course that requires nothing is not complete');
    t.notOk(courseComplete(courseCompletion([thematic])));
  },
);

t.test(
  'folding new events into a stored state equals deriving from the whole log, however the log is split',
  async (t) => {
    const { deriveLessonState, foldLessonState } = await import('../../../server/modules/progress/lesson-state.ts');
    const at = (s: number) => new Date(Date.UTC(2026, 4, 6, 9, 0, s));
    const log = [
      { type: 'lesson.opened', at: at(5) },
      { type: 'video.watched', at: at(9), ranges: [[0, 30]] as [number, number][] },
      { type: 'position', at: at(20), seconds: 30 },
      { type: 'lesson.completed', at: at(40) },
      { type: 'position', at: at(12), seconds: 12 },
      { type: 'video.watched', at: at(50), ranges: [[25, 70]] as [number, number][] },
      { type: 'lesson.opened', at: at(1) },
    ];
    const whole = deriveLessonState(log);
    for (let split = 0; split <= log.length; split++) {
      const first = deriveLessonState(log.slice(0, split)) ?? undefined;
      t.same(foldLessonState(first, log.slice(split)), whole, `split at ${split}`);
    }
  },
);
