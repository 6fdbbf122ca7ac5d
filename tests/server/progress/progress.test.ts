import { randomUUID } from 'node:crypto';
import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { lessonProgress, progressEvents, quizBest } from '../../../server/db/schema.ts';
import { deriveLessonState } from '../../../server/modules/progress/lesson-state.ts';
import { rebuildAll } from '../../../server/modules/progress/progress.service.ts';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t);
const bundle = contentBundle();
const m1 = bundle.modules[0];
const send = (u: TestUser, events: object[]) =>
  injectAs(app, u, { method: 'POST', url: '/api/progress/events', payload: { events } });
const ev = (type: string, lessonId: string, extra: object = {}, at = new Date()) => ({
  id: randomUUID(),
  type,
  lessonId,
  at: at.toISOString(),
  ...extra,
});
const course = async (u: TestUser) =>
  (await injectAs(app, u, { method: 'GET', url: '/api/courses/learning-city' })).json();
const storedEvents = async (u: TestUser) =>
  (await app.database.db.select().from(progressEvents).where(eq(progressEvents.userId, u.id))).length;

t.test('events are stored once, in any order, any number of times', async (t) => {
  const learner = await newLearner(app);
  const batch = [
    ev('lesson.completed', m1.lessonIds[0]),
    ev('lesson.opened', m1.lessonIds[0], {}, new Date(Date.now() - 60_000)),
    ev('position', m1.lessonIds[1], { seconds: 42 }, new Date(Date.now() + 1000)),
  ];
  t.same((await send(learner, batch)).json(), { accepted: 3, duplicates: 0 });
  t.same(
    (await send(learner, [...batch].reverse())).json(),
    { accepted: 0, duplicates: 3 },
    'a replay changes nothing',
  );
  t.same((await send(learner, [batch[0], batch[0]])).json(), { accepted: 0, duplicates: 2 });
  t.equal(await storedEvents(learner), 3);
  const c = await course(learner);
  t.equal(c.modules[0].lessons[0].status, 'complete');
  t.equal(c.modules[0].lessons[1].status, 'in_progress');
  t.equal(c.modules[0].progress.status, 'in_progress');
  t.same(
    c.resume,
    { lessonId: m1.lessonIds[1], title: c.modules[0].lessons[1].title, locale: 'en', positionSeconds: 42 },
    'continue where you left off, with the position',
  );
});

t.test('two devices sending the same events at once store each event once', async (t) => {
  const learner = await newLearner(app);
  const batch = m1.lessonIds.map((id) => ev('lesson.opened', id));
  const [a, b] = await Promise.all([send(learner, batch), send(learner, batch)]);
  t.equal(a.json().accepted + b.json().accepted, batch.length);
  t.equal(await storedEvents(learner), batch.length);
});

t.test('bad events get a 400 that names the event and the reason, and nothing of the batch is stored', async (t) => {
  const learner = await newLearner(app);
  const good = ev('lesson.opened', m1.lessonIds[0]);
  const cases: [string, object[], RegExp][] = [
    ['unknown lesson', [good, ev('lesson.opened', 'no-such-lesson')], /event 1 .*unknown lesson "no-such-lesson"/],
    [
      'far future',
      [good, ev('lesson.opened', m1.lessonIds[0], {}, new Date(Date.now() + 3 * 86_400_000))],
      /event 1 .*future/,
    ],
    [
      'reversed range',
      [good, ev('video.watched', m1.lessonIds[0], { ranges: [[30, 10]] })],
      /event 1 .*must end after it starts/,
    ],
    ['negative range', [good, ev('video.watched', m1.lessonIds[0], { ranges: [[-5, 10]] })], /events/],
    ['unknown type', [good, ev('lesson.liked', m1.lessonIds[0])], /events/],
    ['batch over 500', Array.from({ length: 501 }, () => ev('lesson.opened', m1.lessonIds[0])), /500/],
  ];
  for (const [name, events, message] of cases) {
    const res = await send(learner, events);
    t.equal(res.statusCode, 400, name);
    t.match(res.json().error.message, message, name);
  }
  t.equal(await storedEvents(learner), 0, 'no event stored');
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/progress/events', payload: { events: [good] } })).statusCode,
    401,
    'anonymous: 401',
  );
});

t.test('a database failure in the middle of a batch stores nothing of it', async (t) => {
  const learner = await newLearner(app);
  const failing = m1.lessonIds[2];
  await app.database.db.execute(
    sql.raw(
      `create or replace function fail_progress() returns trigger as $$ begin if new.lesson_id = '${failing}' then raise exception 'injected failure'; end if; return new; end $$ language plpgsql`,
    ),
  );
  await app.database.db.execute(
    sql.raw(
      'create trigger fail_progress before insert on lesson_progress for each row execute function fail_progress()',
    ),
  );
  t.teardown(() => app.database.db.execute(sql.raw('drop trigger if exists fail_progress on lesson_progress')));
  const res = await send(learner, [ev('lesson.opened', m1.lessonIds[0]), ev('lesson.opened', failing)]);
  t.equal(res.statusCode, 500);
  t.equal(await storedEvents(learner), 0, 'no event stored');
  t.equal(
    (await app.database.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id))).length,
    0,
    'no state stored',
  );
});

t.test('a module completes with all lessons read and its quiz passed; state rebuilds from the log', async (t) => {
  const learner = await newLearner(app);
  await send(
    learner,
    m1.lessonIds.map((id) => ev('lesson.completed', id)),
  );
  let c = await course(learner);
  t.equal(c.modules[0].progress.status, 'in_progress', 'lessons alone do not complete the module');
  const quiz = bundle.quizzes.find((q) => q.id === m1.quizId)!;
  const attempt = (await injectAs(app, learner, { method: 'POST', url: `/api/quizzes/${quiz.id}/attempts` })).json();
  const answers = attempt.questions.map((q: { questionId: string }) => ({
    questionId: q.questionId,
    response: quiz.questions.find((x) => x.id === q.questionId)!.answer,
  }));
  await injectAs(app, learner, {
    method: 'POST',
    url: `/api/attempts/${attempt.attemptId}/submit`,
    payload: { answers },
  });
  c = await course(learner);
  t.same(c.modules[0].progress, { status: 'complete', percent: 100, bestScore: 100, quizPassed: true });
  t.equal(c.modules[1].progress.status, 'not_started');
  t.equal(c.completed, false, 'the course needs all seven modules');

  const before = await app.database.db
    .select()
    .from(lessonProgress)
    .orderBy(lessonProgress.userId, lessonProgress.lessonId);
  const bestBefore = await app.database.db.select().from(quizBest).orderBy(quizBest.userId, quizBest.quizId);
  await rebuildAll(app.database.db);
  const after = await app.database.db
    .select()
    .from(lessonProgress)
    .orderBy(lessonProgress.userId, lessonProgress.lessonId);
  t.same(after, before, 'rebuilding from the log gives the same lesson state');
  t.same(
    await app.database.db.select().from(quizBest).orderBy(quizBest.userId, quizBest.quizId),
    bestBefore,
    'and the same best scores',
  );
  t.ok(bestBefore.length > 0);
});

t.test('video ranges merge; watching the same part twice does not add up', async (t) => {
  const learner = await newLearner(app);
  const lesson = m1.lessonIds[0];
  await send(learner, [
    ev('video.watched', lesson, {
      ranges: [
        [0, 30],
        [20, 50],
      ],
    }),
    ev('video.watched', lesson, { ranges: [[0, 30]] }),
  ]);
  const [row] = await app.database.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id));
  t.same(row.watchedRanges, [[0, 50]]);
});

/** The stored state of each lesson, next to what deriveLessonState makes of the stored events of that lesson. */
async function storedAndDerived(u: TestUser) {
  const events = await app.database.db.select().from(progressEvents).where(eq(progressEvents.userId, u.id));
  const states = await app.database.db
    .select()
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, u.id))
    .orderBy(lessonProgress.lessonId);
  const stored = Object.fromEntries(states.map(({ userId: _, lessonId, ...state }) => [lessonId, state]));
  const derived = Object.fromEntries(
    states.map((s) => [s.lessonId, deriveLessonState(events.filter((e) => e.lessonId === s.lessonId))]),
  );
  return { stored, derived };
}

t.test('a batch with an event twice stores it once, with the new events beside it', async (t) => {
  const learner = await newLearner(app);
  const twice = ev('lesson.completed', m1.lessonIds[0], {}, new Date(Date.now() - 5000));
  t.same(
    (
      await send(learner, [
        twice,
        ev('lesson.opened', m1.lessonIds[0]),
        twice,
        ev('position', m1.lessonIds[0], { seconds: 9.6 }),
      ])
    ).json(),
    { accepted: 3, duplicates: 1 },
  );
  t.equal(await storedEvents(learner), 3);
  const { stored, derived } = await storedAndDerived(learner);
  t.same(stored, derived, 'the state is what the log says');
  t.equal(stored[m1.lessonIds[0]].positionSeconds, 10, 'the position, rounded to whole seconds');
  t.equal(stored[m1.lessonIds[0]].completedAt?.getTime(), new Date(twice.at).getTime());
});

t.test('a batch whose events span lessons updates each lesson from its own events only', async (t) => {
  const learner = await newLearner(app);
  const [a, b, c] = m1.lessonIds;
  const t0 = Date.now() - 60_000;
  await send(learner, [ev('lesson.opened', a, {}, new Date(t0))]);
  const res = await send(learner, [
    ev('video.watched', a, { ranges: [[0, 10]] }, new Date(t0 + 1000)),
    ev(
      'video.watched',
      b,
      {
        ranges: [
          [5, 20],
          [18, 30],
        ],
      },
      new Date(t0 + 2000),
    ),
    ev('position', a, { seconds: 10 }, new Date(t0 + 3000)),
    ev('lesson.completed', c, {}, new Date(t0 + 4000)),
    ev('position', b, { seconds: 30 }, new Date(t0 + 5000)),
  ]);
  t.same(res.json(), { accepted: 5, duplicates: 0 });
  const { stored, derived } = await storedAndDerived(learner);
  t.same(stored, derived, 'the state is what the log says');
  t.same(Object.keys(stored), [a, b, c].sort());
  t.same(stored[a].watchedRanges, [[0, 10]]);
  t.same(stored[b].watchedRanges, [[5, 30]], 'ranges merge within their lesson');
  t.same([stored[a].positionSeconds, stored[b].positionSeconds, stored[c].positionSeconds], [10, 30, null]);
  t.equal(stored[a].openedAt?.getTime(), t0, 'a lesson opened before keeps its first time');
  t.same([stored[a].completedAt, stored[b].completedAt], [null, null]);
  t.equal(stored[c].completedAt?.getTime(), t0 + 4000);
});

t.test(
  'a retried batch stores only what the first try did not, and the state ends the same in any order',
  async (t) => {
    const learner = await newLearner(app);
    const lesson = m1.lessonIds[1];
    const at = (s: number) => new Date(Date.UTC(2026, 4, 6, 9, 0, s));
    const log = [
      ev('lesson.opened', lesson, {}, at(5)),
      ev('video.watched', lesson, { ranges: [[0, 30]] }, at(9)),
      ev('position', lesson, { seconds: 30 }, at(20)),
      ev('position', lesson, { seconds: 12 }, at(20)),
      ev(
        'video.watched',
        lesson,
        {
          ranges: [
            [25, 70],
            [80, 90],
          ],
        },
        at(50),
      ),
      ev('lesson.opened', lesson, {}, at(1)),
    ];
    t.same((await send(learner, log.slice(0, 3))).json(), { accepted: 3, duplicates: 0 });
    t.same(
      (await send(learner, log)).json(),
      { accepted: 3, duplicates: 3 },
      'the retry adds only the events the first try lacked',
    );
    t.same((await send(learner, log)).json(), { accepted: 0, duplicates: 6 }, 'a second retry adds nothing');
    const { stored, derived } = await storedAndDerived(learner);
    t.same(stored, derived, 'the state is what the log says');
    t.same(
      stored[lesson],
      {
        openedAt: at(1),
        completedAt: null,
        lastActiveAt: at(50),
        positionSeconds: 30,
        positionAt: at(20),
        watchedRanges: [
          [0, 70],
          [80, 90],
        ],
      },
      'of two positions at one time the further one wins, whichever came first',
    );

    const other = await newLearner(app);
    await send(other, [...log].reverse().slice(0, 3));
    await send(other, log);
    t.same(
      (await storedAndDerived(other)).stored,
      stored,
      'the same events in another order and split give the same state',
    );
    await rebuildAll(app.database.db);
    t.same((await storedAndDerived(other)).stored, stored, 'and the rebuild gives it again');
  },
);
