// Finishing is visible (issue 14): on a phone (360x740) a learner finishes a lesson by "Next" and another by
// scrolling to its end, sees ticks on the module and course pages and what is left for the certificate (with
// links), and once everything is done sees the certificate link on the course page and on My learning.
import t from 'tap';
import type { Page } from 'playwright-core';
import { completeCourse, signUp, type TestUser } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer } from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const m1 = contentBundle().modules[0];
  const [first, second, third] = m1.lessonIds;
  const PHONE = { width: 360, height: 740 };

  const statusOf = async (u: TestUser, lessonId: string) => {
    const course = (
      await app.inject({ method: 'GET', url: '/api/courses/learning-city', headers: { cookie: u.cookie } })
    ).json();
    return course.modules[0].lessons.find((l: { id: string }) => l.id === lessonId).status as string;
  };
  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const tick = (page: Page, scope: string, id: string) =>
    page.getAttribute(`${scope} [data-step="${id}"] [data-done]`, 'data-done');

  async function signedIn(u: TestUser) {
    const context = await newContext(browser, baseURL, { viewport: PHONE });
    await context.addCookies([{ name: 'lca_session', value: u.cookie.split('=')[1], url: baseURL }]);
    return { context, page: await context.newPage() };
  }

  t.test(
    'the course overview says what a learner gets and what it takes, with Start on the first screen of a phone',
    async (t) => {
      const learner = await signUp(app);
      const { context, page } = await signedIn(learner);
      await page.goto('/courses/learning-city');
      const start = page.locator('.hero a.button');
      t.equal(await start.textContent(), 'Start the course');
      const box = (await start.boundingBox())!;
      t.ok(
        box.y >= 0 && box.y + box.height <= PHONE.height,
        `Start is on the first screen without scrolling (bottom at ${Math.round(box.y + box.height)} px)`,
      );
      const hero = (await page.textContent('.hero'))!;
      t.match(hero, /certificate with your name/);
      t.match(hero, /check it online/);
      t.match(hero, /pass the quiz of each core module/);
      t.match(hero, /thematic unit is optional/);
      t.match(await page.textContent('.module-list > li:last-child .eyebrow'), /optional/);
      t.equal(await noSidewaysScroll(page), 0, 'no sideways scroll at 360 px');
      await checkA11y(t, page, 'course overview (phone)');
      await context.close();
    },
  );

  t.test(
    'a learner finishes lessons by Next and by scrolling, sees ticks and what is left, then the certificate',
    async (t) => {
      const learner = await signUp(app);
      const { context, page } = await signedIn(learner);

      // "Next" completes the lesson it leaves (a form: it works without JavaScript).
      await page.goto(`/lessons/${first}`);
      await checkA11y(t, page, 'lesson (phone)');
      await page.focus('[data-next]');
      await Promise.all([page.waitForURL(`**/lessons/${second}`), page.keyboard.press('Enter')]);
      t.equal(await statusOf(learner, first), 'complete', 'pressing Next completed the lesson');

      // Scrolling to the end completes the next one, and the page says so.
      t.equal(await statusOf(learner, second), 'in_progress', 'opening a lesson does not complete it');
      await page.locator('[data-lesson-end]').scrollIntoViewIfNeeded();
      await page.waitForSelector('[data-lesson-done]:not([hidden])');
      t.equal(await statusOf(learner, second), 'complete', 'reaching the end completed the lesson');
      t.equal(await noSidewaysScroll(page), 0, 'the lesson has no sideways scroll at 360 px');

      // Ticks on the module page: two lessons done, the third and the quiz not yet.
      await page.goto(`/modules/${m1.id}`);
      t.equal(await tick(page, '.lesson-list', first), 'true');
      t.equal(await tick(page, '.lesson-list', second), 'true');
      t.equal(await tick(page, '.lesson-list', third), 'false');
      t.equal(
        await page.getAttribute(`[data-step="${m1.quizId}"] [data-done]`, 'data-done'),
        'false',
        'the quiz is not passed yet',
      );
      t.match(await page.textContent(`[data-step="${m1.quizId}"]`), /Quiz not passed yet/);
      t.equal(await noSidewaysScroll(page), 0, 'the module page has no sideways scroll at 360 px');
      await checkA11y(t, page, 'module with ticks (phone)');

      // The course page: ticks per lesson and quiz, and the certificate box with what is left, as links.
      await page.goto('/courses/learning-city');
      t.match(await page.locator('.hero a.button').textContent(), /^Continue where you left off/);
      await page.click(`[data-module="${m1.id}"] summary`);
      t.equal(await tick(page, `[data-module="${m1.id}"]`, first), 'true');
      t.equal(await tick(page, `[data-module="${m1.id}"]`, third), 'false');
      t.equal(await tick(page, `[data-module="${m1.id}"]`, m1.quizId!), 'false');
      const certBox = page.locator('[data-certificate-box]');
      t.match(await certBox.textContent(), /Done: 2 of \d+ steps/);
      t.match(await certBox.textContent(), /Still to do/);
      t.equal(
        await certBox.locator('a').first().getAttribute('href'),
        `/lessons/${third}`,
        'the first thing left is the next lesson, linked',
      );
      t.equal(
        await certBox.locator(`a[href="/quizzes/${m1.quizId}"]`).count(),
        1,
        'the quiz below the pass mark is listed, linked',
      );
      t.equal(await noSidewaysScroll(page), 0, 'the course page has no sideways scroll at 360 px');
      await checkA11y(t, page, 'course with the certificate box (phone)');
      await certBox.locator('a').first().focus();
      await Promise.all([page.waitForURL(`**/lessons/${third}`), page.keyboard.press('Enter')]);
      t.pass('a link in "what is left" leads to that lesson, by keyboard');

      // My learning shows the same box while there is something left.
      await page.goto('/learning');
      t.match(await page.textContent('[data-certificate-box]'), /Still to do/);
      t.match(await page.textContent('main'), /Continue learning/);
      await checkA11y(t, page, 'my learning, in progress (phone)');

      // Everything done: the certificate, from the course page, then its link there and on My learning.
      await completeCourse(app, learner);
      await page.goto('/courses/learning-city');
      t.match(await page.textContent('[data-certificate-box]'), /You have earned your certificate/);
      t.equal(await page.locator('.hero a.button').count(), 0, 'no Start or Continue once the course is complete');
      await checkA11y(t, page, 'course, complete (phone)');
      await page.focus('[data-certificate-box] form button');
      await Promise.all([page.waitForURL('**/certificates/**'), page.keyboard.press('Enter')]);
      const certificateUrl = new URL(page.url()).pathname;
      await page.goto('/courses/learning-city');
      t.equal(
        await page.getAttribute('[data-certificate-box] a', 'href'),
        certificateUrl,
        'the course page links to the certificate',
      );
      await page.goto('/learning');
      t.equal(
        await page.getAttribute('[data-certificate-box] a', 'href'),
        certificateUrl,
        'My learning links to the certificate',
      );
      t.notMatch(
        await page.textContent('main'),
        /Continue learning/,
        '"Continue learning" is gone once everything is done',
      );
      t.equal(await noSidewaysScroll(page), 0, 'My learning has no sideways scroll at 360 px');
      await checkA11y(t, page, 'my learning, complete (phone)');
      await context.close();
    },
  );

  t.test('without JavaScript, Next still completes the lesson', async (t) => {
    const learner = await signUp(app);
    const context = await newContext(browser, baseURL, { viewport: PHONE, javaScriptEnabled: false });
    await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
    const page = await context.newPage();
    await page.goto(`/lessons/${first}`);
    await Promise.all([page.waitForURL(`**/lessons/${second}`), page.click('[data-next]')]);
    t.equal(await statusOf(learner, first), 'complete');
    t.equal(await statusOf(learner, second), 'in_progress', 'without JavaScript, scrolling alone does not complete');
    await context.close();
  });
}
