// The course in the languages of the people it was made for (Vietnamese, Indonesian, Khmer): in each, one learner
// on a 360 px phone reads a lesson in that language (marked with its lang), takes and passes a quiz in it, and gets
// the certificate page and PDF in it (the Khmer and Vietnamese text in the PDF's own fonts); the Khmer module page
// says its video is narrated in English with Khmer captions. The rest of the course is completed through the API.
// Also Indonesian as an interface language: a browser asking for it gets it (html lang="id", the manifest too), the
// language switcher offers "Bahasa Indonesia", and workshop dates and country names are written by Intl in
// Indonesian. Every page passes axe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, completeCourse, signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';
import { renderTinyTutorial, tempMediaDir } from '../helpers/media.ts';
import { newWorkshop } from '../helpers/workshops.ts';
import { readCatalog } from '../../scripts/i18n-compile.ts';
import { PDF_LABELS } from '../../server/modules/certificates/labels.ts';
import { documentLanguage } from '../../server/modules/certificates/pdf-glyphs.ts';

if (browserAvailable(t)) {
  // Module 5's tutorial gets a tiny Khmer render (eSpeak has no Khmer voice: English narration, Khmer captions).
  const mediaDir = tempMediaDir(t);
  await renderTinyTutorial(mediaDir, 'm5-tutorial', ['km']);
  const { app, baseURL } = await startServer(t, { mediaDir });
  const browser = await launch(t);
  const bundle = contentBundle();
  const messages = readCatalog();
  const mod = bundle.modules.find((m) => m.id === 'm5-accessibility')!;
  const quiz = bundle.quizzes.find((q) => q.id === mod.quizId)!;
  const lesson = bundle.lessons.find((l) => l.id === mod.lessonIds[0])!;
  const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-course-languages-'));
  t.teardown(() => fs.rmSync(pdfDir, { recursive: true, force: true }));

  /** The nearest language of the first element matching `selector`. */
  const langOf = (page: Page, selector: string) =>
    page.$eval(selector, (el) => el.closest('[lang]')?.getAttribute('lang') ?? null);
  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  /** On a phone the quiz shows one question per screen: answers each rightly by keyboard, pressing "Next question" between. */
  async function answerAllRightly(page: Page) {
    const drawn = await page.locator('fieldset').evaluateAll((els) => els.map((e) => e.id.replace(/^q-/, '')));
    for (const [i, qid] of drawn.entries()) {
      if (i > 0) {
        await page.focus('.question-nav button:not(.secondary)');
        await page.keyboard.press('Enter');
      }
      const q = quiz.questions.find((x) => x.id === qid)!;
      if (q.type === 'ordering') {
        for (const [n, optionId] of q.answer.entries()) {
          await page.focus(`#o-${qid}-${optionId}`);
          await page.keyboard.press(String(n + 1));
        }
      } else {
        for (const optionId of q.answer) {
          await page.focus(`#c-${qid}-${optionId}`);
          await page.keyboard.press('Space');
        }
      }
    }
    while (await page.locator('.question-nav button:not(.secondary):visible').count()) {
      await page.focus('.question-nav button:not(.secondary)');
      await page.keyboard.press('Enter');
    }
  }

  const learners = [
    {
      locale: 'vi',
      name: 'Nguyễn Thị Hương',
      script: /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/u,
      font: 'NotoSans-',
    },
    { locale: 'id', name: 'Siti Nurhaliza Rahman', script: /\p{Script=Latin}/u, font: 'NotoSans-' },
    { locale: 'km', name: 'សុខ ចាន់ស្រីមុំ', script: /\p{Script=Khmer}/u, font: 'NotoSansKhmer-' },
  ];
  for (const { locale, name, script, font } of learners) {
    t.test(
      `${locale}: a learner reads a lesson, passes a quiz and prints her certificate in her language, at 360 px, axe clean`,
      async (t) => {
        const learner = await signUp(app, { name, locale });
        await completeCourse(app, learner, { exceptQuizzes: [quiz.id] });
        const context = await newContext(browser, baseURL, {
          locale,
          viewport: { width: 360, height: 740 },
          isMobile: true,
          hasTouch: true,
        });
        await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
        const page = await context.newPage();
        const msg = (key: string, params: Record<string, string | number> = {}) =>
          messages[locale][key].replace(/\{(\w+)\}/g, (_, p) => String(params[p]));

        await page.goto(`/lessons/${lesson.id}`);
        t.equal(await page.getAttribute('html', 'lang'), locale, 'the interface is in the language');
        t.equal((await page.textContent('article h1'))?.trim(), lesson.title[locale], 'the lesson title, translated');
        t.match(lesson.title[locale], script);
        t.equal(await langOf(page, 'article h1'), locale, 'marked with its language');
        t.equal(await langOf(page, '.prose p'), locale, 'the lesson text is marked with its language');
        t.match(await page.textContent('.prose'), script, 'and written in it');
        t.equal(
          await page.locator('[role=note]:not([data-not-reviewed])').count(),
          0,
          'no note about a missing translation',
        );
        t.equal(
          await page.locator('[role=note][data-not-reviewed]').count(),
          1,
          'a note says the translation is machine-assisted and not yet reviewed',
        );
        t.ok(await noSidewaysScroll(page), 'no sideways scroll');
        await checkA11y(t, page, `lesson (${locale})`);
        if (locale === 'id') {
          await page.goto('/lessons/m4-example-cork');
          t.match(
            await page.textContent('blockquote.city-example'),
            /Contoh kota: Cork \(Irlandia\)/,
            'the city example opens with the Indonesian marker and gets the example box',
          );
        }

        await page.goto(`/modules/${mod.id}`);
        if (locale === 'km') {
          t.equal(await page.getAttribute('video', 'lang'), 'km', 'the Khmer video');
          t.equal(await page.getAttribute('video track[default]', 'srclang'), 'km', 'with Khmer captions on');
          t.equal(
            (await page.textContent('[data-narration]'))?.trim(),
            msg('media.narration_other_language', { narration: 'អង់គ្លេស', captions: 'ខ្មែរ' }),
            'the page says the narration is in English, the captions in Khmer',
          );
        }
        t.ok(await noSidewaysScroll(page), 'no sideways scroll');
        await checkA11y(t, page, `module (${locale})`);

        await page.goto(`/quizzes/${quiz.id}`);
        await page.focus('form[action="?/start"] button');
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        t.equal(await langOf(page, 'fieldset .prompt'), locale, 'the questions are in the language');
        t.match(await page.textContent('fieldset .prompt'), script);
        await checkA11y(t, page, `quiz (${locale})`);
        await answerAllRightly(page);
        await page.focus('.actions button[type=submit]:not(.secondary)');
        await Promise.all([page.waitForURL('**/attempts/**'), page.keyboard.press('Enter')]);
        t.equal(
          (await page.textContent('[role=status]'))?.trim(),
          msg('quiz.result_passed', { pass: quiz.passMark }),
          'passed, said in the language',
        );
        t.ok(await noSidewaysScroll(page), 'no sideways scroll');
        await checkA11y(t, page, `quiz result (${locale})`);

        await page.goto('/courses/learning-city');
        await page.focus('form[action="?/certificate"] button');
        await Promise.all([page.waitForURL('**/certificates/**'), page.keyboard.press('Enter')]);
        t.equal(
          (await page.textContent('.facts div:nth-child(2) dd'))?.trim(),
          bundle.course.title[locale],
          'the course title as taken, translated',
        );
        t.equal(await langOf(page, '.facts div:nth-child(2) dd'), locale);
        t.match(await page.textContent('main'), name);
        t.ok(await noSidewaysScroll(page), 'no sideways scroll');
        await checkA11y(t, page, `certificate (${locale})`);

        const res = await page.request.get((await page.getAttribute('a[href$="/pdf"]', 'href'))!);
        t.equal(res.headers()['content-type'], 'application/pdf');
        const pdf = Buffer.from(await res.body());
        const file = path.join(pdfDir, `certificate-${locale}.pdf`);
        fs.writeFileSync(file, pdf);
        t.equal(documentLanguage(pdf), locale, 'the PDF says its language');
        t.ok(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).includes(name), 'the exact name in the PDF title');
        t.match(
          execFileSync('pdffonts', [file], { encoding: 'utf8' }),
          new RegExp(`${font}\\w+\\s+(CID )?TrueType.*\\byes\\s+yes`),
          `${font.slice(0, -1)} embedded (subset)`,
        );
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC');
        t.ok(text.includes(page.url().split('/').pop()!), 'the certificate number');
        if (locale === 'km') {
          // Poppler repeats the base consonant of a Khmer cluster from Typst's ToUnicode map: check the letters.
          for (const ch of new Set(name.replace(/\s/g, '')))
            t.ok(text.includes(ch), `Khmer letter ${ch} in the text layer`);
        } else {
          t.ok(text.includes(name), 'the exact name in the text layer');
          t.ok(
            text.includes(PDF_LABELS[locale].title),
            `the printed title in the language: ${PDF_LABELS[locale].title}`,
          );
        }
        await context.close();
      },
    );
  }
  const indonesian = {
    locale: 'id-ID',
    extraHTTPHeaders: { 'accept-language': 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7' },
  };

  t.test('a browser asking for Indonesian gets the Indonesian interface', async (t) => {
    const context = await newContext(browser, baseURL, indonesian);
    const page = await context.newPage();
    await page.goto('/');
    t.equal(await page.getAttribute('html', 'lang'), 'id', 'html lang="id"');
    t.equal(await page.getAttribute('html', 'dir'), 'ltr');
    t.equal((await page.textContent('h1'))?.trim(), 'Bangun kota pembelajar, langkah demi langkah');
    t.match(await page.textContent('footer'), /kota pembelajar/);
    const option = page.locator('#lang-select option[value="id"]');
    t.equal((await option.textContent())?.trim(), 'Bahasa Indonesia', 'the switcher names the language in Indonesian');
    t.equal(await option.getAttribute('lang'), 'id', 'and marks the name as Indonesian');
    t.equal(await page.inputValue('#lang-select'), 'id', 'Indonesian is the chosen language');
    await checkA11y(t, page, 'home (id)');

    t.equal(await page.getAttribute('link[rel="manifest"]', 'href'), '/manifest.webmanifest?locale=id');
    const manifest = await (await page.request.get('/manifest.webmanifest?locale=id')).json();
    t.equal(manifest.lang, 'id');
    t.equal(manifest.description, 'Pelajari cara membangun kota pembelajar, secara daring maupun luring.');
    const negotiated = await (await page.request.get('/manifest.webmanifest')).json();
    t.equal(negotiated.lang, 'id', 'the manifest without ?locale follows Accept-Language too');

    await page.goto('/signin');
    t.equal((await page.textContent('h1'))?.trim(), 'Masuk');
    await checkA11y(t, page, 'sign in (id)');
    await context.close();
  });

  t.test(
    'the Indonesian pages fit 320 px wide with no sideways scroll (the longer words and the switcher included)',
    async (t) => {
      const context = await newContext(browser, baseURL, { ...indonesian, viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      for (const path of [
        '/',
        '/signin',
        '/signup',
        '/courses/learning-city',
        '/modules/m2-planning',
        '/lessons/m1-what-is-a-learning-city',
        '/verify',
        '/workshops/join',
      ]) {
        await page.goto(path);
        t.equal(await page.getAttribute('html', 'lang'), 'id', `${path}: in Indonesian`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        t.equal(overflow, 0, `${path}: no horizontal scroll at 320 px`);
      }
      await context.close();
    },
  );

  t.test('an English reader switches to Bahasa Indonesia with the switcher (sent with Enter)', async (t) => {
    const context = await newContext(browser, baseURL, { extraHTTPHeaders: { 'accept-language': 'en' } });
    const page = await context.newPage();
    await page.goto('/courses/learning-city');
    t.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.selectOption('#lang-select', 'id');
    await page.focus('.lang-form button');
    await Promise.all([page.waitForURL('**/courses/learning-city'), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    t.equal(await page.getAttribute('html', 'lang'), 'id', 'the page comes back in Indonesian');
    t.match(await page.textContent('main'), /Mulai kursus/, 'the course page speaks Indonesian');
    await checkA11y(t, page, 'course (id)');
    await context.close();
  });

  t.test('workshop dates and places are written by Intl in Indonesian', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', { name: 'Dewi Lestari', locale: 'id' });
    const workshop = await newWorkshop(app, facilitator, {
      title: 'Lokakarya kota pembelajar, Surabaya',
      city: 'Surabaya',
      country: 'ID',
      locale: 'id',
      timeZone: 'Asia/Jakarta',
      startsOn: '2027-08-17',
      endsOn: '2027-08-19',
    });
    // The person's saved language wins over the browser's: this browser asks for English.
    const context = await newContext(browser, baseURL, { extraHTTPHeaders: { 'accept-language': 'en' } });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.fill('#field-login', facilitator.email);
    await page.fill('#field-password', GOOD_PASSWORD);
    await submitWith(page, '#field-password', '**/learning');
    await page.goto(`/workshops/${workshop.id}`);
    t.equal(await page.getAttribute('html', 'lang'), 'id');
    const day = (iso: string) =>
      new Intl.DateTimeFormat('id', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    t.equal(day('2027-08-17'), '17 Agu 2027', 'Intl writes Indonesian month names');
    const text = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    t.ok(text.includes(`${day('2027-08-17')} sampai ${day('2027-08-19')}`), 'the workshop dates, in Indonesian');
    t.ok(text.includes('Indonesia'), 'the country name from Intl.DisplayNames');
    t.ok(text.includes('Belum dimulai'), 'the phase in Indonesian');
    await checkA11y(t, page, 'workshop page (id)');

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [
      `/workshops/${workshop.id}`,
      `/workshops/${workshop.id}/dashboard`,
      `/workshops/${workshop.id}/participants`,
      '/workshops',
      '/learning',
      '/account',
    ]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      t.equal(overflow, 0, `${path}: no horizontal scroll at 320 px (signed in, Indonesian)`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto('/workshops');
    const list = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    t.ok(
      list.includes(`${day('2027-08-17')} sampai ${day('2027-08-19')}`),
      'the list of workshops writes the dates in Indonesian too',
    );
    await checkA11y(t, page, 'workshops list (id)');
    await context.close();
  });
}
