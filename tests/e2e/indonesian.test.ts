// Indonesian as an interface language: a browser asking for it gets it (html lang="id", the manifest too), the
// language switcher offers "Bahasa Indonesia", translated lessons are shown in Indonesian and marked so, and
// workshop dates and country names are written by Intl in Indonesian. Every page passes axe.
import t from 'tap';
import { GOOD_PASSWORD, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const indonesian = { locale: 'id-ID', extraHTTPHeaders: { 'accept-language': 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7' } };

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

  t.test('the Indonesian pages fit 320 px wide with no sideways scroll (the longer words and the switcher included)', async (t) => {
    const context = await newContext(browser, baseURL, { ...indonesian, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/', '/signin', '/signup', '/courses/learning-city', '/modules/m2-planning', '/lessons/m1-what-is-a-learning-city', '/verify', '/workshops/join']) {
      await page.goto(path);
      t.equal(await page.getAttribute('html', 'lang'), 'id', `${path}: in Indonesian`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      t.equal(overflow, 0, `${path}: no horizontal scroll at 320 px`);
    }
    await context.close();
  });

  t.test('the course is in Indonesian: a translated lesson is marked lang="id", with no fallback note and the Indonesian city-example box', async (t) => {
    const context = await newContext(browser, baseURL, indonesian);
    const page = await context.newPage();
    await page.goto('/lessons/m1-what-is-a-learning-city');
    t.equal(await page.getAttribute('html', 'lang'), 'id');
    t.equal((await page.textContent('article h1'))?.trim(), 'Apa itu kota pembelajar?', 'the lesson title is in Indonesian');
    t.equal(await page.getAttribute('article h1', 'lang'), 'id', 'and marked as Indonesian');
    t.equal(await page.$eval('.prose p', (el) => el.closest('[lang]')?.getAttribute('lang')), 'id', 'the lesson text is marked as Indonesian');
    t.equal(await page.locator('[role=note]').count(), 0, 'no note about a missing translation');
    await checkA11y(t, page, 'lesson (id)');

    await page.goto('/lessons/m4-example-cork');
    t.match(await page.textContent('blockquote.city-example'), /Contoh kota: Cork \(Irlandia\)/, 'the city example opens with the Indonesian marker and gets the example box');
    await context.close();
  });

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
      title: 'Lokakarya kota pembelajar, Surabaya', city: 'Surabaya', country: 'ID', locale: 'id', timeZone: 'Asia/Jakarta',
      startsOn: '2027-08-17', endsOn: '2027-08-19',
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
    const day = (iso: string) => new Intl.DateTimeFormat('id', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    t.equal(day('2027-08-17'), '17 Agu 2027', 'Intl writes Indonesian month names');
    const text = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    t.ok(text.includes(`${day('2027-08-17')} sampai ${day('2027-08-19')}`), 'the workshop dates, in Indonesian');
    t.ok(text.includes('Indonesia'), 'the country name from Intl.DisplayNames');
    t.ok(text.includes('Belum dimulai'), 'the phase in Indonesian');
    await checkA11y(t, page, 'workshop page (id)');

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [`/workshops/${workshop.id}`, `/workshops/${workshop.id}/dashboard`, `/workshops/${workshop.id}/participants`, '/workshops', '/learning', '/account']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      t.equal(overflow, 0, `${path}: no horizontal scroll at 320 px (signed in, Indonesian)`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto('/workshops');
    const list = (await page.textContent('main'))!.replace(/\s+/g, ' ');
    t.ok(list.includes(`${day('2027-08-17')} sampai ${day('2027-08-19')}`), 'the list of workshops writes the dates in Indonesian too');
    await checkA11y(t, page, 'workshops list (id)');
    await context.close();
  });
}
