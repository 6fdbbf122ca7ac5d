import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { and, eq, sql } from 'drizzle-orm';
import { quizAttempts, quizBest, quizQuestions, quizQuestionTexts } from '../../../server/db/schema.ts';
import { build, injectAs, WEB_BUILD_DIR, type TestUser } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle, queryLogOf } from '../../helpers/db.ts';

const app = await build(t);
const bundle = contentBundle();
const quiz = bundle.quizzes.find((q) => q.id === 'm1-quiz') ?? bundle.quizzes[0];
const keyOf = new Map(quiz.questions.map((q) => [q.id, q.answer]));

const start = (u: TestUser, quizId = quiz.id) =>
  injectAs(app, u, { method: 'POST', url: `/api/quizzes/${quizId}/attempts` });
const submit = (u: TestUser, id: string, answers?: { questionId: string; response: string[] }[]) =>
  injectAs(app, u, { method: 'POST', url: `/api/attempts/${id}/submit`, payload: answers ? { answers } : {} });
const correctAnswers = (questions: { questionId: string }[]) =>
  questions.map((q) => ({ questionId: q.questionId, response: keyOf.get(q.questionId)! }));

t.test(
  'a learner starts an attempt: questions drawn from the bank, options shuffled, no key anywhere in the response',
  async (t) => {
    const learner = await newLearner(app);
    const res = await start(learner);
    t.equal(res.statusCode, 201);
    const attempt = res.json();
    t.equal(attempt.questions.length, Math.min(quiz.questionsPerAttempt, quiz.questions.length));
    t.equal(
      new Set(attempt.questions.map((q: { questionId: string }) => q.questionId)).size,
      attempt.questions.length,
      'no question twice',
    );
    for (const field of ['"answer"', '"correctResponse"', '"correct"', '"explanation"'])
      t.notMatch(res.body, field, `no ${field}`);
    for (const q of quiz.questions) t.notMatch(res.body, q.text.en.explanation, 'no explanation text');
    const again = await start(learner);
    t.equal(again.statusCode, 200, 'starting again continues the open attempt');
    t.equal(again.json().attemptId, attempt.attemptId);
  },
);

t.test('answers are saved (idempotently) and come back after a reload', async (t) => {
  const learner = await newLearner(app);
  const attempt = (await start(learner)).json();
  const first = attempt.questions[0];
  const answers = [{ questionId: first.questionId, response: [first.options[0].id] }];
  for (let i = 0; i < 2; i++) {
    const res = await injectAs(app, learner, {
      method: 'PUT',
      url: `/api/attempts/${attempt.attemptId}/answers`,
      payload: { answers },
    });
    t.equal(res.statusCode, 200);
  }
  const reloaded = (await injectAs(app, learner, { method: 'GET', url: `/api/attempts/${attempt.attemptId}` })).json();
  t.same(reloaded.answers, answers);
  t.equal(reloaded.status, 'open');
  t.notMatch(JSON.stringify(reloaded), '"explanation"');
});

t.test(
  'answers naming questions or options not in the attempt get a 400 naming them, and nothing is saved',
  async (t) => {
    const learner = await newLearner(app);
    const attempt = (await start(learner)).json();
    const q = attempt.questions[0];
    const res = await injectAs(app, learner, {
      method: 'PUT',
      url: `/api/attempts/${attempt.attemptId}/answers`,
      payload: {
        answers: [
          { questionId: q.questionId, response: [q.options[0].id] },
          { questionId: 'not-a-question', response: ['a'] },
          {
            questionId: q.questionId === attempt.questions[1].questionId ? 'x' : attempt.questions[1].questionId,
            response: ['zz'],
          },
        ],
      },
    });
    t.equal(res.statusCode, 400);
    t.match(res.json().error.message, /"not-a-question" is not part of this attempt/);
    t.match(res.json().error.message, /"zz"/);
    const reloaded = (
      await injectAs(app, learner, { method: 'GET', url: `/api/attempts/${attempt.attemptId}` })
    ).json();
    t.same(reloaded.answers, [], 'nothing saved');
  },
);

t.test(
  'submitting grades on the server, shows every answer and explanation; submitting twice counts once',
  async (t) => {
    const learner = await newLearner(app);
    const attempt = (await start(learner)).json();
    const answers = correctAnswers(attempt.questions);
    answers[0] = { questionId: answers[0].questionId, response: [] };
    const res = await submit(learner, attempt.attemptId, answers);
    t.equal(res.statusCode, 200);
    const result = res.json();
    const n = attempt.questions.length;
    t.equal(result.score, Math.round((100 * (n - 1)) / n));
    t.equal(result.passed, result.score >= quiz.passMark);
    t.equal(result.questions[0].correct, false, 'unanswered is wrong');
    t.same(result.questions[0].correctResponse, keyOf.get(result.questions[0].questionId));
    t.ok(
      result.questions.every((q: { explanation: string }) => q.explanation.length > 10),
      'explanations after submission',
    );
    const second = await submit(learner, attempt.attemptId, correctAnswers(attempt.questions));
    t.same(second.json(), result, 'the first result stands');
    const mine = (await injectAs(app, learner, { method: 'GET', url: `/api/quizzes/${quiz.id}/attempts` })).json();
    t.equal(mine.attempts.length, 1, 'counted once');
    const put = await injectAs(app, learner, {
      method: 'PUT',
      url: `/api/attempts/${attempt.attemptId}/answers`,
      payload: { answers: [] },
    });
    t.equal(put.statusCode, 409, 'a submitted attempt cannot change');
  },
);

t.test('two submissions at the same moment store one result', async (t) => {
  const learner = await newLearner(app);
  const attempt = (await start(learner)).json();
  const [a, b] = await Promise.all([
    submit(learner, attempt.attemptId, correctAnswers(attempt.questions)),
    submit(learner, attempt.attemptId, []),
  ]);
  t.same(a.json().score, b.json().score);
  const mine = (await injectAs(app, learner, { method: 'GET', url: `/api/quizzes/${quiz.id}/attempts` })).json();
  t.equal(mine.attempts.length, 1);
  t.equal(mine.bestScore, a.json().score, 'the best score is the one stored');
  // What a facilitator's dashboard counts: one submitted attempt, not two.
  const [best] = await app.database.db
    .select()
    .from(quizBest)
    .where(and(eq(quizBest.userId, learner.id), eq(quizBest.quizId, quiz.id)));
  t.equal(best.attempts, 1, 'counted once in the best scores');
});

t.test('learners read only their own attempts; anonymous gets 401', async (t) => {
  const owner = await newLearner(app);
  const other = await newLearner(app);
  const attempt = (await start(owner)).json();
  for (const [method, url, payload] of [
    ['GET', `/api/attempts/${attempt.attemptId}`, undefined],
    ['PUT', `/api/attempts/${attempt.attemptId}/answers`, { answers: [] }],
    ['POST', `/api/attempts/${attempt.attemptId}/submit`, {}],
  ] as const) {
    const denied = await injectAs(app, other, { method, url, payload });
    t.equal(denied.statusCode, 404, `${method} ${url}: other learner`);
    const anon = await app.inject({ method, url, payload });
    t.equal(anon.statusCode, 401, `${method} ${url}: anonymous`);
  }
  const own = await injectAs(app, owner, { method: 'GET', url: `/api/attempts/${attempt.attemptId}` });
  t.equal(own.statusCode, 200, 'the owner can');
  t.equal((await app.inject({ method: 'POST', url: '/api/quizzes/m1-quiz/attempts' })).statusCode, 401);
  t.equal((await start(owner, 'no-such-quiz')).statusCode, 404);
});

t.test('attempts beyond the limit get 409 with the rule; the best score counts', async (t) => {
  const learner = await newLearner(app);
  t.ok(quiz.maxAttempts > 0, 'the quiz sets a limit');
  const scores: number[] = [];
  for (let i = 0; i < quiz.maxAttempts; i++) {
    const attempt = (await start(learner)).json();
    const answers = i === 1 ? correctAnswers(attempt.questions) : [];
    scores.push((await submit(learner, attempt.attemptId, answers)).json().score);
  }
  const over = await start(learner);
  t.equal(over.statusCode, 409);
  t.equal(over.json().error.code, 'quiz.attempts_used');
  t.match(over.json().error.message, new RegExp(`all ${quiz.maxAttempts} attempts`));
  t.match(over.json().error.message, /100 %/);
  const log = queryLogOf(app.database.db);
  log.start();
  const mine = (await injectAs(app, learner, { method: 'GET', url: `/api/quizzes/${quiz.id}/attempts` })).json();
  const attemptReads = log.stop().filter((q) => /from "quiz_attempts"/.test(q));
  t.equal(mine.bestScore, 100);
  t.equal(mine.passed, true);
  t.equal(mine.attemptsLeft, 0);
  t.equal(mine.attempts.length, quiz.maxAttempts, 'every attempt listed');
  t.ok(attemptReads.length > 0);
  t.notOk(
    attemptReads.some((q) => /"questions"|"answers"|"graded"/.test(q)),
    `the list does not read what each attempt drew and was answered (tens of KB each):\n${attemptReads.join('\n')}`,
  );
});

t.test('an attempt drawn before a content change is graded against the questions it drew', async (t) => {
  // The change to the bank happens on an app and database of this test's own, so no later test sees the changed key.
  const changedApp = await build(t);
  const learner = await newLearner(changedApp);
  const attempt = (
    await injectAs(changedApp, learner, { method: 'POST', url: `/api/quizzes/${quiz.id}/attempts` })
  ).json();
  const answers = correctAnswers(attempt.questions);
  const changed = attempt.questions[0].questionId;
  const other = attempt.questions[0].options
    .map((o: { id: string }) => o.id)
    .find((id: string) => !keyOf.get(changed)!.includes(id));
  await changedApp.database.db
    .update(quizQuestions)
    .set({ answer: [other] })
    .where(eq(quizQuestions.id, changed));
  const result = (
    await injectAs(changedApp, learner, {
      method: 'POST',
      url: `/api/attempts/${attempt.attemptId}/submit`,
      payload: { answers },
    })
  ).json();
  t.equal(result.score, 100, 'the key of the drawn question was used');
});

t.test("attempts keep their questions' text by reference: stored once for all attempts, shown as drawn", async (t) => {
  const ownApp = await build(t); // its own database: this test rewrites a question
  const { db } = ownApp.database;
  const startOn = async (learner: TestUser) =>
    (await injectAs(ownApp, learner, { method: 'POST', url: `/api/quizzes/${quiz.id}/attempts` })).json();
  const firstLearner = await newLearner(ownApp);
  const first = await startOn(firstLearner);
  const second = await startOn(await newLearner(ownApp));
  const drawn = new Set([...first.questions, ...second.questions].map((q: { questionId: string }) => q.questionId));
  const [{ texts }] = await db.select({ texts: sql<number>`count(*)::integer` }).from(quizQuestionTexts);
  t.equal(texts, drawn.size, `one stored text per question drawn (${drawn.size}), however many attempts drew it`);
  const stored = await db
    .select({ bytes: sql<number>`octet_length(${quizAttempts.questions}::text)` })
    .from(quizAttempts);
  for (const { bytes } of stored) t.ok(bytes < 4000, `an attempt stores ${bytes} bytes of questions, no text`);

  const changed = first.questions[0];
  const [row] = await db.select().from(quizQuestions).where(eq(quizQuestions.id, changed.questionId));
  await db
    .update(quizQuestions)
    .set({ text: { ...row.text, en: { ...row.text.en, prompt: 'A prompt rewritten after the draw' } } })
    .where(eq(quizQuestions.id, changed.questionId));
  const reread = (
    await injectAs(ownApp, firstLearner, { method: 'GET', url: `/api/attempts/${first.attemptId}` })
  ).json();
  t.equal(reread.questions[0].prompt, row.text.en.prompt, 'the attempt shows the prompt it drew');
  t.equal(reread.questions[0].prompt, changed.prompt);
});

t.test('no answer key or explanation is in any JavaScript or CSS file sent to browsers', async (t) => {
  const root = path.join(WEB_BUILD_DIR, 'client');
  const files = fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /\.(js|css|html|json)$/.test(f) && fs.statSync(path.join(root, f)).isFile());
  t.ok(files.length > 0, 'the client build exists');
  const all = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  for (const q of bundle.quizzes.flatMap((x) => x.questions)) {
    if (all.includes(q.text.en.explanation)) t.fail(`explanation of ${q.id} is in the client bundle`);
  }
  t.notMatch(all, '"correctResponse"');
  t.pass('searched every client file');
});

type Shown = { questionId: string; type: string; options: { id: string }[] };
const orderOf = (questions: Shown[]) => questions.map((q) => `${q.questionId}:${q.options.map((o) => o.id).join('')}`);

t.test(
  'option order is drawn once per attempt: the same on every reload and in every language, new for the next attempt',
  async (t) => {
    const learner = await newLearner(app);
    const first = (await start(learner)).json();
    const shown = orderOf(first.questions);
    for (const locale of ['en', 'fr', 'zh']) {
      const reloaded = (
        await injectAs(app, learner, { method: 'GET', url: `/api/attempts/${first.attemptId}?locale=${locale}` })
      ).json();
      t.same(
        orderOf(reloaded.questions),
        shown,
        `reload in ${locale} shows the same questions in the same option order`,
      );
    }
    t.same(
      orderOf((await start(learner)).json().questions),
      shown,
      'continuing the open attempt (another device) shows the same order',
    );
    const shuffled = first.questions.filter((q: Shown) => q.type !== 'truefalse');
    const fileOrder = new Map(quiz.questions.map((q) => [q.id, q.optionIds.join('')]));
    t.ok(
      shuffled.some((q: Shown) => q.options.map((o) => o.id).join('') !== fileOrder.get(q.questionId)),
      'options are not simply in the order of the bank file',
    );

    const submitted = (await submit(learner, first.attemptId, correctAnswers(first.questions))).json();
    t.equal(submitted.score, 100, 'grading maps answers by option id, whatever order they were shown in');
    t.same(orderOf(submitted.questions), shown, 'the result lists options in the order the attempt showed');
    const second = (await start(learner)).json();
    t.not(second.attemptId, first.attemptId);
    t.not(
      orderOf(second.questions).join(' '),
      shown.join(' '),
      'the second attempt of the same learner shows a different draw and order',
    );
  },
);

t.test('questions are drawn from a bank larger than the quiz, so learners get different sets', async (t) => {
  t.ok(
    quiz.questions.length > quiz.questionsPerAttempt,
    `the bank (${quiz.questions.length}) is larger than a quiz (${quiz.questionsPerAttempt})`,
  );
  const seen = new Set<string>();
  const sets = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const attempt = (await start(await newLearner(app))).json();
    t.equal(attempt.questions.length, quiz.questionsPerAttempt);
    const ids = attempt.questions.map((q: Shown) => q.questionId);
    ids.forEach((id: string) => seen.add(id));
    sets.add([...ids].sort().join());
  }
  t.ok(seen.size > quiz.questionsPerAttempt, `five attempts drew ${seen.size} different questions`);
  t.ok(sets.size > 1, 'not every learner got the same set');
});

t.test(
  'a partial-credit question earns a share of its point, and the result says how many choices were right',
  async (t) => {
    const partial = new Set(quiz.questions.filter((q) => q.partialCredit).map((q) => q.id));
    t.ok(partial.size > 0, 'the bank has partial-credit questions');
    let attempt: { attemptId: string; questions: Shown[] } | undefined;
    let learner: TestUser | undefined;
    for (let i = 0; i < 20 && !attempt; i++) {
      learner = await newLearner(app);
      const drawn = (await start(learner)).json();
      if (drawn.questions.some((q: Shown) => partial.has(q.questionId))) attempt = drawn;
    }
    if (!attempt || !learner) return t.fail('no attempt drew a partial-credit question');
    const target = attempt.questions.find((q) => partial.has(q.questionId))!;
    const key = keyOf.get(target.questionId)!;
    const wrong = target.options.map((o) => o.id).find((id) => !key.includes(id))!;
    const answers = correctAnswers(attempt.questions).map((a) =>
      a.questionId === target.questionId ? { ...a, response: [key[0], wrong] } : a,
    );
    const result = (await submit(learner, attempt.attemptId, answers)).json();
    const graded = result.questions.find((q: { questionId: string }) => q.questionId === target.questionId);
    t.equal(graded.correct, false);
    t.equal(graded.partialCredit, true);
    t.same(graded.choices, { right: 1, wrong: 1, total: key.length });
    t.equal(graded.credit, Math.max(0, (1 - 1) / key.length));
    const n = attempt.questions.length;
    t.equal(result.score, Math.round((100 * (n - 1 + graded.credit)) / n));

    const learner2 = await newLearner(app);
    const again = (await start(learner2)).json();
    const answers2 = correctAnswers(again.questions);
    const hit = again.questions.find((q: Shown) => partial.has(q.questionId) && keyOf.get(q.questionId)!.length > 1);
    if (hit) {
      const k = keyOf.get(hit.questionId)!;
      const result2 = (
        await submit(
          learner2,
          again.attemptId,
          answers2.map((a) => (a.questionId === hit.questionId ? { ...a, response: k.slice(1) } : a)),
        )
      ).json();
      const g2 = result2.questions.find((q: { questionId: string }) => q.questionId === hit.questionId);
      t.same(
        g2.choices,
        { right: k.length - 1, wrong: 0, total: k.length },
        `${k.length - 1} of ${k.length} correct choices`,
      );
      t.equal(g2.credit, (k.length - 1) / k.length);
      t.equal(result2.score, Math.round((100 * (again.questions.length - 1 + g2.credit)) / again.questions.length));
    }
  },
);
