// The UI in Arabic on a course that has no Arabic: the English content keeps English's language and direction
// (lang="en", left to right), the UI around it stays Arabic and right to left, and titles inside Arabic
// sentences are isolated. Also: the error summary takes focus, and every page has a meta description.
import t from 'tap';
import type { Page } from 'playwright-core';
import { completeCourse, signUp } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer } from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';

/** The computed direction of the first element matching `selector`, and the language it is in (its nearest lang). */
async function language(page: Page, selector: string) {
  return page.$eval(selector, (el) => ({
    dir: getComputedStyle(el).direction,
    lang: el.closest('[lang]')?.getAttribute('lang') ?? null,
  }));
}

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const bundle = contentBundle();
  const esd = bundle.modules.find((m) => m.id === 't1-esd')!;
  const esdQuiz = bundle.quizzes.find((q) => q.id === esd.quizId)!;

  t.test(
    'Arabic UI, English content: each block is lang="en" and left to right, the UI right to left; axe finds nothing',
    async (t) => {
      const learner = await signUp(app, { name: 'ليلى حداد', locale: 'ar' });
      await completeCourse(app, learner);
      const context = await newContext(browser, baseURL, { locale: 'ar', viewport: { width: 360, height: 740 } });
      await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
      const page = await context.newPage();
      const ui = { dir: 'rtl', lang: 'ar' };
      const english = { dir: 'ltr', lang: 'en' };

      await page.goto('/courses/learning-city');
      t.same(
        await page.$eval('html', (el) => ({ dir: el.dir, lang: el.lang })),
        ui,
        'the page is Arabic, right to left',
      );
      t.same(await language(page, 'h1'), english, 'course title');
      t.same(await language(page, '.module-list h3'), english, 'module title');
      t.same(await language(page, '.module-list .eyebrow'), ui, 'the "Module 1" label is UI text');
      t.same(await language(page, 'main > .notice'), ui, 'the "not translated" note is UI text');
      await checkA11y(t, page, 'course (ar)', { allImpacts: true });

      await page.goto('/modules/m1-concept');
      t.same(await language(page, 'h1'), english, 'module title');
      t.same(await language(page, '.lead'), english, 'module summary');
      t.same(await language(page, '.lesson-list a'), english, 'lesson link');
      t.same(await language(page, '.lesson-list .meta'), ui, 'reading time is UI text');
      t.same(await language(page, 'h2'), ui, 'UI headings');
      await checkA11y(t, page, 'module (ar)', { allImpacts: true });

      await page.goto('/lessons/m1-what-is-a-learning-city');
      t.same(await language(page, 'h1'), english, 'lesson title');
      t.same(await language(page, '.prose'), english, 'lesson body');
      t.same(await language(page, '.prose p'), english, 'a paragraph of the body');
      t.same(await language(page, '.key-points li'), english, 'key points');
      t.same(await language(page, '.key-points h2'), ui, 'the "key points" heading is UI text');
      t.same(await language(page, '.lesson .eyebrow'), ui, 'lesson position is UI text');
      t.same(await language(page, '.finish button'), ui, 'the finish button is UI text');
      t.same(await language(page, '.breadcrumb a[href^="/modules/"]'), english, 'module title in the breadcrumb');
      t.same(await language(page, 'a[rel=next] bdi'), english, 'the next lesson title is isolated, in English');
      t.match(
        await page.getAttribute('meta[name=description]', 'content'),
        /درس قصير/,
        'meta description, in Arabic around the English title',
      );
      await checkA11y(t, page, 'lesson (ar)', { allImpacts: true });

      // Opening a lesson enrolled her: "my learning" shows the course.
      await page.goto('/learning');
      t.same(await language(page, '.card h2'), english, 'course title on "my learning"');
      await checkA11y(t, page, 'my learning (ar)', { allImpacts: true });
      // Someone part-way through is told where to continue: the lesson title isolated inside the Arabic sentence.
      // (She has finished the course, so her page shows the certificate instead.)
      const newcomer = await signUp(app, { name: 'سامي نصار', locale: 'ar' });
      await context.addCookies([{ name: 'lca_session', value: newcomer.cookie.split('=')[1], url: baseURL }]);
      await page.goto(`/lessons/${bundle.modules[0].lessonIds[0]}`);
      await page.goto('/learning');
      t.same(
        await language(page, '.card .meta bdi'),
        english,
        'the next lesson title is isolated inside the Arabic sentence',
      );
      t.same(await language(page, '.card .meta'), ui);
      await checkA11y(t, page, 'my learning part-way (ar)', { allImpacts: true });
      await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);

      // A quiz: stems and options in English, the question counter and instructions in Arabic.
      await page.goto(`/quizzes/${esdQuiz.id}`);
      t.same(await language(page, 'h1 bdi'), english, 'module title inside the Arabic heading is isolated');
      t.same(await language(page, 'h1'), ui);
      await page.focus('form[action="?/start"] button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      t.same(await language(page, 'fieldset .prompt'), english, 'question stem');
      t.same(await language(page, 'fieldset label, fieldset .order-row span'), english, 'option');
      t.same(await language(page, 'fieldset legend'), ui, 'the question counter is UI text');
      t.same(await language(page, '.actions button'), ui);
      await checkA11y(t, page, 'quiz (ar)', { allImpacts: true });

      // The result of that attempt: the review keeps English for the questions, explanations and answers.
      const attemptId = await page.getAttribute('input[name=attemptId]', 'value');
      const open = (
        await app.inject({ method: 'GET', url: `/api/attempts/${attemptId}`, headers: { cookie: learner.cookie } })
      ).json();
      const answers = open.questions.map((q: { questionId: string }) => ({
        questionId: q.questionId,
        response: esdQuiz.questions.find((x) => x.id === q.questionId)!.answer,
      }));
      t.equal(
        (
          await app.inject({
            method: 'POST',
            url: `/api/attempts/${attemptId}/submit`,
            headers: { cookie: learner.cookie },
            payload: { answers },
          })
        ).statusCode,
        200,
      );
      await page.goto(`/attempts/${attemptId}`);
      t.same(await language(page, '.results .prompt'), english, 'question stem in the review');
      t.same(await language(page, '.results li > p:last-child'), english, 'explanation');
      t.same(await language(page, '.results .verdict'), ui, 'the verdict is UI text');
      t.same(await language(page, '.score'), ui);
      await checkA11y(t, page, 'quiz result (ar)', { allImpacts: true });

      // The certificate: the course title as issued (English), the date written the Arabic way.
      await page.goto('/courses/learning-city');
      await page.focus('form[action="?/certificate"] button');
      await Promise.all([page.waitForURL('**/certificates/**'), page.keyboard.press('Enter')]);
      t.same(await language(page, '.facts div:nth-child(2) dd'), english, 'course title on the certificate page');
      t.same(await language(page, 'h1'), ui);
      const issued = (await page.textContent('.facts div:nth-child(3) dd'))!;
      t.notMatch(issued, /^\d{4}-\d{2}-\d{2}$/, 'not a raw ISO date');
      t.match(issued, /[\u0600-\u06ff]/, 'the month in Arabic');
      await checkA11y(t, page, 'certificate (ar)', { allImpacts: true });

      t.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scroll at 360 px');
      await context.close();
    },
  );

  t.test(
    'after a failed sign-in the error summary has the focus; each page has a meta description in the UI language',
    async (t) => {
      const context = await newContext(browser, baseURL, { locale: 'ar' });
      const page = await context.newPage();
      await page.goto('/signin');
      t.match(await page.getAttribute('meta[name=description]', 'content'), /سجّل الدخول/);
      t.equal(await page.locator('meta[name=description]').count(), 1, 'one description, not two');
      await page.fill('#field-login', 'nobody@example.org');
      await page.fill('#field-password', 'Not-the-right-one-2025');
      await Promise.all([page.waitForNavigation(), page.press('#field-password', 'Enter')]);
      t.same(
        await page.evaluate(() => ({
          role: document.activeElement?.getAttribute('role'),
          text: document.activeElement?.textContent?.trim(),
        })),
        { role: 'alert', text: (await page.textContent('[role=alert]'))!.trim() },
        'focus is on the error',
      );
      await checkA11y(t, page, 'sign-in error (ar)', { allImpacts: true });
      for (const path of ['/', '/signup', '/verify', '/courses/learning-city', '/modules/m1-concept']) {
        await page.goto(path);
        t.ok((await page.getAttribute('meta[name=description]', 'content'))?.trim(), `${path} has a meta description`);
      }
      await context.close();
    },
  );
}
