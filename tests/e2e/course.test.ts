// Reading the course by keyboard in English, French and Chinese; a lesson at 320 px has no horizontal scroll.
import t from 'tap';
import { browserAvailable, checkA11y, launch, newContext, startServer, tabTo } from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';

if (browserAvailable(t)) {
  const { baseURL } = await startServer(t);
  const browser = await launch(t);

  for (const [locale, courseTitle] of [
    ['en', 'Building a Learning City'],
    ['fr', null],
    ['zh', null],
  ] as const) {
    t.test(`${locale}: course page, module page, then a lesson and the next one, by keyboard`, async (t) => {
      const context = await newContext(browser, baseURL, { locale, extraHTTPHeaders: { 'accept-language': locale } });
      const page = await context.newPage();
      await page.goto('/courses/learning-city');
      t.equal(await page.getAttribute('html', 'lang'), locale);
      const h1 = (await page.textContent('h1'))!;
      if (courseTitle) t.equal(h1, courseTitle);
      else t.not(h1, 'Building a Learning City', 'course title is translated');
      t.equal(await page.locator('.module-list > li').count(), 8);
      await checkA11y(t, page, `course (${locale})`);

      await page.focus('.module-list > li:nth-child(2) h3 a');
      await Promise.all([page.waitForURL('**/modules/m2-planning'), page.keyboard.press('Enter')]);
      await checkA11y(t, page, `module (${locale})`);
      t.ok((await page.locator('h2').count()) >= 3, 'objectives, lessons, activity sections');
      // The Guidelines' action points of the planning area, in this language, each naming the point it comes from.
      const checklist = contentBundle().modules.find((mod) => mod.id === 'm2-planning')!.checklist!;
      const items = page.locator('[data-checklist] li');
      t.equal(await items.count(), checklist.items.en.length, 'one checkbox per recorded action point');
      const cite = {
        en: '(Guidelines, area 1, point 2)',
        fr: '(Lignes directrices, domaine 1, point 2)',
        zh: '(《建设学习型城市指南》，第1领域，第2点)',
      }[locale];
      t.equal(
        (await items.nth(1).textContent())?.replace(/\s+/g, ' ').trim(),
        `${(checklist.items[locale] ?? checklist.items.en)[1].text} ${cite}`,
        'the item reads in this language and cites area 1, point 2',
      );
      t.equal(
        await page.locator('[data-checklist] [data-checklist-partial]').count(),
        checklist.complete ? 0 : 1,
        'a partial list says so',
      );

      await page.focus('.lesson-list li:first-child a');
      await Promise.all([page.waitForURL('**/lessons/m2-why-a-plan'), page.keyboard.press('Enter')]);
      t.ok((await page.locator('.prose h2').count()) >= 1, 'lesson has headings');
      t.equal((await page.locator('.key-points li').count()) >= 3, true, 'key points box');
      const text = (await page.textContent('article'))!;
      if (locale === 'zh') t.match(text, /[\u4e00-\u9fff]/);
      t.notMatch(text, /course is not yet available in your language/);
      // A translation is machine-assisted until a reviewer marks its file `translation: reviewed`.
      const reviewed =
        locale === 'en' ||
        contentBundle()
          .lessons.find((l) => l.id === 'm2-why-a-plan')!
          .reviewedLocales.includes(locale);
      const notReviewed = {
        en: '',
        fr: 'Traduction assistée par machine, pas encore relue.',
        zh: '机器辅助翻译，尚未经过审校。',
      }[locale];
      if (reviewed) t.equal(await page.locator('[data-not-reviewed]').count(), 0, 'no review notice');
      else
        t.equal(
          (await page.locator('article [data-not-reviewed]').textContent())?.trim(),
          notReviewed,
          'the lesson says it is not yet reviewed',
        );
      await checkA11y(t, page, `lesson (${locale})`);

      await tabTo(page, (el) => el.tag === 'a' && /Next|Suivant|下一/.test(el.text), 200);
      await Promise.all([page.waitForURL('**/lessons/m2-writing-the-plan'), page.keyboard.press('Enter')]);
      t.pass('moved to the next lesson with the keyboard');
      await context.close();
    });
  }

  t.test(
    'a person whose language has no course translation reads English with a note; a Khmer reader reads Khmer',
    async (t) => {
      const context = await newContext(browser, baseURL, {
        locale: 'ru',
        extraHTTPHeaders: { 'accept-language': 'ru' },
      });
      const page = await context.newPage();
      await page.goto('/lessons/m1-what-is-a-learning-city');
      t.equal(await page.getAttribute('html', 'lang'), 'ru', 'the interface is in Russian');
      t.equal(await page.getAttribute('.prose', 'lang'), 'en', 'the lesson is marked as English');
      t.equal(await page.locator('[role=note]').count(), 1, 'a note says the translation is not available');
      await checkA11y(t, page, 'lesson (ru UI, en content)');
      await context.close();

      const km = await newContext(browser, baseURL, { locale: 'km', extraHTTPHeaders: { 'accept-language': 'km' } });
      const kmPage = await km.newPage();
      await kmPage.goto('/lessons/m1-what-is-a-learning-city');
      t.equal(await kmPage.getAttribute('html', 'lang'), 'km', 'the interface is in Khmer');
      t.equal(await kmPage.textContent('h1'), 'តើទីក្រុងសិក្សាជាអ្វី?', 'the lesson title is in Khmer');
      t.not(await kmPage.getAttribute('.prose', 'lang'), 'en', 'the lesson is not marked as English');
      t.equal(
        await kmPage.locator('[role=note]:not([data-not-reviewed])').count(),
        0,
        'no note about a missing translation',
      );
      t.equal(
        await kmPage.locator('[role=note][data-not-reviewed]').count(),
        1,
        'a note says the Khmer translation is not yet reviewed',
      );
      await checkA11y(t, kmPage, 'lesson (km)');
      await km.close();
    },
  );

  t.test('a lesson at 320 px wide has no horizontal scroll; the handout prints', async (t) => {
    const context = await newContext(browser, baseURL, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/lessons/m1-global-network', '/courses/learning-city', '/modules/m7-funding', '/']) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      t.equal(overflow, 0, `${path}: no horizontal scroll at 320 px`);
    }
    await page.goto('/modules/m3-involvement/handout');
    t.ok((await page.locator('.handout-lesson').count()) >= 4, 'every lesson and the activity are in the handout');
    const activity = page.locator('.handout-lesson', { has: page.locator('#h-activity') });
    t.match(
      await activity.textContent(),
      /Masking tape to hang the templates/,
      "the handout lists the activity's materials",
    );
    t.ok((await activity.locator('.prose table').count()) >= 3, 'the handout prints the output template to fill in');
    await checkA11y(t, page, 'handout');
    // The planning handout ends with the Guidelines checklist to tick in the room (plain checkboxes: no script needed).
    await page.goto('/modules/m2-planning/handout');
    const box = page.locator('[data-checklist] [data-checklist-item="1.1"] input[type=checkbox]');
    t.equal(await box.isChecked(), false);
    await page
      .locator('[data-checklist]')
      .getByText('City leaders and representatives have named the main issues')
      .click();
    t.equal(await box.isChecked(), true, "clicking an item's text ticks its box");
    t.match(await page.locator('[data-checklist]').textContent(), /\(Guidelines, area 1, point 3\)/);
    await checkA11y(t, page, 'handout with the Guidelines checklist');
    const pdf = await (await browser.newContext()).newPage().then(async (p) => {
      await p.goto(`${baseURL}/modules/m3-involvement/handout`);
      return p.pdf({ format: 'A4' });
    });
    t.ok(pdf.length > 10_000, 'the handout prints to a real PDF');
    await context.close();
  });
}
