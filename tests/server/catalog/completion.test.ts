// The course API tells a signed-in learner what the certificate requires, what is done and what is left
// (issue 14): their own progress only, never anyone else's; nothing for an anonymous reader.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { build, completeCourse, injectAs, type TestUser } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t);
const bundle = contentBundle();
const core = bundle.modules.filter((m) => m.kind === 'core');
const required = core.reduce((n, m) => n + m.lessonIds.length + (m.quizId ? 1 : 0), 0);
const course = async (u: TestUser | null) =>
  (await injectAs(app, u, { method: 'GET', url: '/api/courses/learning-city' })).json();
const finish = (u: TestUser, lessonIds: string[]) =>
  injectAs(app, u, {
    method: 'POST',
    url: '/api/progress/events',
    payload: {
      events: lessonIds.map((lessonId) => ({
        id: randomUUID(),
        type: 'lesson.completed',
        lessonId,
        at: new Date().toISOString(),
      })),
    },
  });

t.test(
  'learner -> reads the course -> sees every core lesson and quiz as left, in course order, and nothing of the thematic unit',
  async (t) => {
    const learner = await newLearner(app);
    const c = await course(learner);
    t.equal(c.completion.done, 0);
    t.equal(c.completion.required, required);
    t.equal(c.completion.remaining.length, required);
    t.same(c.completion.remaining[0], {
      kind: 'lesson',
      id: core[0].lessonIds[0],
      title: c.modules[0].lessons[0].title,
    });
    t.same(
      c.completion.remaining[core[0].lessonIds.length],
      { kind: 'quiz', id: core[0].quizId, title: c.modules[0].title },
      "a quiz is named by its module's title",
    );
    const thematic = bundle.modules.filter((m) => m.kind === 'thematic').flatMap((m) => [...m.lessonIds, m.quizId]);
    t.ok(thematic.length > 0, 'the course has a thematic unit');
    t.notOk(
      c.completion.remaining.some((s: { id: string }) => thematic.includes(s.id)),
      'the thematic unit is optional',
    );
    t.equal(c.completed, false);
  },
);

t.test('learner -> finishes two lessons -> they leave the list; the module shows its quiz not passed', async (t) => {
  const learner = await newLearner(app);
  t.equal((await finish(learner, core[0].lessonIds.slice(0, 2))).statusCode, 200);
  const c = await course(learner);
  t.equal(c.completion.done, 2);
  t.notOk(c.completion.remaining.some((s: { id: string }) => core[0].lessonIds.slice(0, 2).includes(s.id)));
  t.equal(c.modules[0].lessons[0].status, 'complete');
  t.equal(c.modules[0].progress.quizPassed, false);
});

t.test('learner -> completes everything -> nothing left and the course is complete', async (t) => {
  const learner = await newLearner(app);
  await completeCourse(app, learner);
  const c = await course(learner);
  t.same(c.completion, { done: required, required, remaining: [] });
  t.equal(c.completed, true);
  t.ok(
    c.modules
      .filter((m: { kind: string }) => m.kind === 'core')
      .every((m: { progress: { quizPassed: boolean } }) => m.progress.quizPassed),
    'every core quiz shows passed',
  );
});

t.test("another learner -> reads the course -> sees only their own completion, not someone else's", async (t) => {
  const done = await newLearner(app);
  await completeCourse(app, done);
  const other = await newLearner(app);
  const c = await course(other);
  t.same(c.completion, { done: 0, required, remaining: c.completion.remaining });
  t.equal(c.completion.remaining.length, required);
  t.equal(c.completed, false);
});

t.test('anonymous -> reads the course -> no completion at all', async (t) => {
  const c = await course(null);
  t.equal(c.completion, null);
  t.equal(c.completed, null);
});
