// A learner takes a quiz by keyboard on a phone-sized screen: answers survive a reload; fail, retry, pass; the module shows complete.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { quizAttempts } from '../../server/db/schema.ts';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  checkA11y,
  connection,
  launch,
  newContext,
  signUpInBrowser,
  startServer,
} from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';

if (browserAvailable(t)) {
  const { app, baseURL, database } = await startServer(t);
  const link = connection(app);
  const browser = await launch(t);
  const bundle = contentBundle();
  const mod = bundle.modules.find((m) => m.id === 'm2-planning')!;
  const quiz = bundle.quizzes.find((q) => q.id === mod.quizId)!;
  const keyOf = new Map(quiz.questions.map((q) => [q.id, q]));

  /** On a phone the quiz shows one question at a time: press "Next question" by keyboard. */
  async function nextQuestion(page: Page) {
    await page.focus('.question-nav button:not(.secondary)');
    await page.keyboard.press('Enter');
  }

  async function goToLastQuestion(page: Page) {
    while (await page.locator('.question-nav button:not(.secondary):visible').count()) await nextQuestion(page);
  }

  /**
   * Answers every question by keyboard, one screen at a time: right when `right`, otherwise deliberately wrong, except
   * that a partial-credit question gets one of its correct choices only (partly right). Returns the drawn question ids.
   */
  async function answerAll(page: Page, right: boolean): Promise<string[]> {
    const fieldsets = await page.locator('fieldset').evaluateAll((els) => els.map((e) => e.id.replace(/^q-/, '')));
    for (const [i, qid] of fieldsets.entries()) {
      if (i > 0) await nextQuestion(page);
      const q = keyOf.get(qid)!;
      if (q.type === 'ordering') {
        const order = right ? q.answer : [...q.answer].reverse();
        for (const [i, optionId] of order.entries()) {
          await page.focus(`#o-${qid}-${optionId}`);
          await page.keyboard.press(String(i + 1)); // typing a digit selects that position in a native select
        }
      } else {
        const wanted = right
          ? q.answer
          : q.partialCredit
            ? [q.answer[0]]
            : [q.optionIds.find((id) => !q.answer.includes(id))!];
        for (const optionId of wanted) {
          await page.focus(`#c-${qid}-${optionId}`);
          await page.keyboard.press('Space');
        }
      }
    }
    return fieldsets;
  }

  t.test('take a quiz on a phone by keyboard: reload keeps answers; fail, retry, pass; module complete', async (t) => {
    const context = await newContext(browser, baseURL, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signUpInBrowser(page, { name: 'សុខ សុភា', email: 'sophea@example.org', password: 'Tikrong-rien-sot-2025' });

    for (const lessonId of mod.lessonIds) {
      await page.goto(`/lessons/${lessonId}`);
      await page.focus('.finish button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    }
    t.match(page.url(), `/quizzes/${quiz.id}`, 'the last lesson leads to the quiz');
    await checkA11y(t, page, 'quiz intro');
    await page.focus('form[action="?/start"] button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    t.equal(await page.locator('fieldset').count(), quiz.questionsPerAttempt);
    t.equal(await page.locator('fieldset:visible').count(), 1, 'one question per screen on a phone');
    await checkA11y(t, page, 'quiz questions');
    const html = await page.content();
    for (const q of quiz.questions)
      if (html.includes(q.text.en.explanation)) t.fail(`explanation of ${q.id} is in the quiz page`);

    const drawn = await answerAll(page, false);
    await page.waitForSelector('text=Your answers are saved.');
    await page.reload();
    const checkedAfterReload = await page.locator('input:checked').count();
    t.ok(checkedAfterReload > 0, 'answers are kept after a reload');

    // The connection drops while answering: the answer is kept on the device and sent when it returns.
    // (an ordering question needs every position at once, so change a choice question; not a partial-credit one,
    // whose result line is checked below)
    const visibleQuestionId = async () => {
      const id = await page
        .locator('fieldset:not([hidden]) input')
        .first()
        .getAttribute('id', { timeout: 2_000 })
        .catch(() => null);
      return (id && /^c-(.+)-[^-]+$/.exec(id)?.[1]) || null;
    };
    for (let q = await visibleQuestionId(); !q || keyOf.get(q)!.partialCredit; q = await visibleQuestionId())
      await nextQuestion(page);
    const firstChoice = page.locator('fieldset:not([hidden]) input:not(:checked)').first();
    const [, questionId, optionId] = /^c-(.+)-([^-]+)$/.exec((await firstChoice.getAttribute('id'))!)!;
    const attemptId = await page.inputValue('input[name="attemptId"]');
    const savedOnServer = async () => {
      const [attempt] = await database.db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId));
      return !!attempt.answers[questionId]?.includes(optionId);
    };
    await link.lose(context);
    await firstChoice.focus();
    await page.keyboard.press('Space');
    await page.waitForSelector('text=No connection');
    await page.reload().catch(() => undefined);
    t.notOk(await savedOnServer(), 'while offline the answer is only on the device');
    await link.regain(context);
    await page.reload();
    // Sent by whichever comes first: the retry of the page left behind, or the reloaded page.
    for (const end = Date.now() + 20_000; !(await savedOnServer()) && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 200));
    t.ok(await savedOnServer(), 'answers made offline are saved once the connection returns');
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('lca-quiz-')));
    t.pass('…and no longer kept on the device');

    await goToLastQuestion(page);
    await page.focus('.actions button[type=submit]:not(.secondary)');
    await Promise.all([page.waitForURL('**/attempts/**'), page.keyboard.press('Enter')]);
    t.ok(Number((await page.textContent('.score'))!.match(/(\d+) %/)![1]) < quiz.passMark, 'a failing score');
    t.match(await page.textContent('[role=status]'), /Not passed/);
    t.equal(
      await page.locator('.result-item').count(),
      quiz.questionsPerAttempt,
      'every question is marked right or wrong',
    );
    const partial = drawn.filter((id) => keyOf.get(id)!.partialCredit);
    t.ok(
      (await page.locator('.result-item.wrong').count()) >= quiz.questionsPerAttempt - 1 - partial.length,
      'the wrong answers are marked wrong',
    );
    t.equal(
      await page.locator('.result-item.partly').count(),
      partial.length,
      'partial-credit questions with one right choice are marked partly right',
    );
    for (const [i, id] of partial.entries()) {
      const n = keyOf.get(id)!.answer.length;
      t.match(
        await page.locator('.result-item.partly .partial-credit').nth(i).textContent(),
        `1 of ${n} correct choices; wrong choices: 0`,
        'the result says how many choices were right',
      );
    }
    await checkA11y(t, page, 'quiz result (failed)');

    await page.focus('form[action="?/retry"] button');
    await Promise.all([page.waitForURL(`**/quizzes/${quiz.id}`), page.keyboard.press('Enter')]);
    await answerAll(page, true);
    await page.focus('.actions button[type=submit]:not(.secondary)');
    await Promise.all([page.waitForURL('**/attempts/**'), page.keyboard.press('Enter')]);
    t.match(await page.textContent('.score'), /Score: 100 %/);
    t.match(await page.textContent('[role=status]'), /You passed/);

    await page.goto('/courses/learning-city');
    const card = page.locator('.module-list > li').nth(1);
    t.match(await card.textContent(), /Complete/);
    t.match(await card.textContent(), /Best quiz score: 100 %/);
    await checkA11y(t, page, 'course with progress');
    await context.close();
  });
}
