// Phones and the live dashboard (issue 14 items 4 and 9): no page a facilitator or admin uses scrolls sideways at 320
// or 360 px, the header folds into a menu that opens by keyboard, and the dashboard refreshes without moving the reader.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { BrowserContext, Page } from 'playwright-core';
import { userWithRole, type TestUser } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, tabTo } from '../helpers/browser.ts';
import { dayFromToday, newParticipant, newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const admin = await userWithRole(app, 'admin', { name: 'Dara Administrator' });
  const adminKm = await userWithRole(app, 'admin', { name: 'សុខា អ្នកគ្រប់គ្រង', locale: 'km' });
  const adminAr = await userWithRole(app, 'admin', { name: 'ليلى المديرة', locale: 'ar' });
  const workshop = await newWorkshop(app, admin, {
    title: 'Learning city capacity-building workshop for municipal planners, Kampot province',
  });
  const as = (u: TestUser, method: 'POST', url: string, payload: object) =>
    app.inject({ method, url, headers: { cookie: u.cookie }, payload });
  for (const moduleId of ['m1-concept', 'm2-planning']) {
    const res = await as(admin, 'POST', `/api/workshops/${workshop.id}/assignments`, {
      moduleId,
      dueOn: dayFromToday(2),
      dueTime: '17:00',
    });
    if (res.statusCode !== 201) throw new Error(`assignment not made: ${res.body}`);
  }
  const names = [
    'Chanthou Sreyneang Vannarith',
    'Bopha Kimsour',
    'Nguyễn Thị Minh Khai',
    'Sokunthea Rattanak',
    'Phalla Virak',
    'Dara Sophal',
  ];
  const participants: TestUser[] = [];
  for (const name of names) participants.push(await newParticipant(app, workshop, { name }));
  const finishLesson = (u: TestUser, lessonId: string) =>
    as(u, 'POST', '/api/progress/events', {
      events: [{ id: randomUUID(), type: 'lesson.completed', lessonId, at: new Date().toISOString() }],
    });
  await finishLesson(participants[1], 'm1-what-is-a-learning-city');

  async function signedIn(
    user: TestUser,
    viewport: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, baseURL, {
      viewport,
      isMobile: viewport.width < 600,
      hasTouch: viewport.width < 600,
    });
    await context.addCookies([{ name: 'lca_session', value: user.cookie.split('=')[1], url: baseURL }]);
    return { context, page: await context.newPage() };
  }

  const pages = [
    ['home', '/'],
    ['course', '/courses/learning-city'],
    ['lesson', '/lessons/m1-what-is-a-learning-city'],
    ['workshops list and create form', '/workshops'],
    ['workshop page', `/workshops/${workshop.id}`],
    ['dashboard', `/workshops/${workshop.id}/dashboard`],
    ['people (admin users)', '/admin/users'],
    ['admin media', '/admin/media'],
  ];

  for (const width of [320, 360]) {
    t.test(`at ${width} px no page scrolls sideways and the header stays small`, async (t) => {
      const { context, page } = await signedIn(admin, { width, height: 740 });
      for (const [name, path] of pages) {
        await page.goto(path);
        // The edit form is the widest part of the workshop page: measure it open.
        if (name === 'workshop page')
          await page.evaluate(() =>
            document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true)),
          );
        const { scrollWidth, innerWidth, header } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          header: document.querySelector('.site-header')!.getBoundingClientRect().height,
        }));
        // A phone browser zooms out to show a too-wide page (innerWidth grows with it): compare with the screen's width.
        t.ok(
          scrollWidth <= width && innerWidth === width,
          `${name}: page is ${scrollWidth} px wide on a ${width} px screen`,
        );
        t.ok(header < 120, `${name}: header is ${header} px tall`);
        t.comment(`${name}: header ${header} px at ${width}x740`);
      }
      // The People table: each person's role select and Save button are on screen.
      await page.goto('/admin/users');
      const save = await page.locator('form[action="?/role"] button').first().boundingBox();
      t.ok(save && save.x >= 0 && save.x + save.width <= width, 'the Save button is on screen');
      await context.close();
    });
  }

  t.test(
    'the header menu opens by keyboard on a phone and holds the navigation and the language switcher',
    async (t) => {
      const { context, page } = await signedIn(admin, { width: 360, height: 740 });
      await page.goto('/courses/learning-city');
      t.notOk(await page.locator('.site-nav a[href="/learning"]').isVisible(), 'navigation folded away at first');
      t.notOk(await page.locator('#lang-select').isVisible(), 'so is the language switcher');
      await tabTo(page, (el) => el.tag === 'summary');
      await page.keyboard.press('Enter');
      t.ok(await page.locator('.site-nav a[href="/learning"]').isVisible(), 'Enter opens the menu');
      t.ok(await page.locator('#lang-select').isVisible(), 'the language switcher is in it');
      await page.keyboard.press('Tab');
      t.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('href')),
        '/courses/learning-city',
        'Tab goes into the menu',
      );
      await tabTo(page, (el) => el.tag === 'select', 12);
      t.pass('the language switcher is reachable by keyboard');
      t.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= 360 && window.innerWidth === 360),
        'the open menu fits the screen',
      );
      await checkA11y(t, page, 'course page with the menu open');
      await page.keyboard.press('Shift+Tab');
      await page.focus('.site-menu > summary');
      await page.keyboard.press('Enter');
      t.notOk(await page.locator('.site-nav a[href="/learning"]').isVisible(), 'Enter closes it again');
      await context.close();

      const wide = await signedIn(admin, { width: 1280, height: 800 });
      await wide.page.goto('/courses/learning-city');
      t.ok(
        await wide.page.locator('.site-nav a[href="/learning"]').isVisible(),
        'on a wide screen the navigation is in the bar',
      );
      t.ok(await wide.page.locator('#lang-select').isVisible(), 'and so is the language switcher');
      t.notOk(await wide.page.locator('.site-menu > summary').isVisible(), 'no Menu button there');
      await wide.context.close();
    },
  );

  t.test(
    "the workshop form lists current countries and zones by name: typing 'Vietnam' picks VN and its zone",
    async (t) => {
      const { context, page } = await signedIn(admin, { width: 1280, height: 800 });
      await page.goto('/workshops');
      const codes = await page.$$eval('#field-country option', (os) => os.map((o) => (o as HTMLOptionElement).value));
      t.equal(codes.filter(Boolean).length, 249, 'the 249 current ISO 3166-1 countries');
      for (const retired of ['VD', 'FX', 'DD', 'UK', 'YU', 'CS', 'BU'])
        t.notOk(codes.includes(retired), `no ${retired}`);
      await page.focus('#field-country');
      await page.keyboard.type('Vietnam');
      t.equal(await page.inputValue('#field-country'), 'VN', "typing 'Vietnam' selects VN");
      const zones = await page.$$eval('#field-timeZone option', (os) =>
        os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']),
      );
      t.notOk(
        zones.some(([id]) => id === 'Asia/Saigon'),
        'no Asia/Saigon',
      );
      t.same(
        zones.find(([id]) => id === 'Asia/Ho_Chi_Minh'),
        ['Asia/Ho_Chi_Minh', 'Vietnam — Ho Chi Minh (UTC+07:00, Indochina Time)'],
        'country, city, offset and name',
      );
      await page.focus('#field-timeZone');
      await page.keyboard.type('Vietnam');
      t.equal(await page.inputValue('#field-timeZone'), 'Asia/Ho_Chi_Minh', 'typing a country finds its zone');

      // A city that is not the zone's own name part, typed without accents, and a city in the middle of a label.
      t.ok(
        await page.locator('#field-timeZone-search').isVisible(),
        'with JavaScript, a search box above the time zones',
      );
      await page.fill('#field-timeZone-search', 'ho chi');
      t.equal(await page.inputValue('#field-timeZone'), 'Asia/Ho_Chi_Minh', "typing 'ho chi' selects Ho Chi Minh");
      await page.fill('#field-timeZone-search', 'sao paulo');
      t.equal(
        await page.inputValue('#field-timeZone'),
        'America/Sao_Paulo',
        "'sao paulo' (no accent) selects São Paulo",
      );
      await page.fill('#field-timeZone-search', 'phnom');
      const visible = await page.$$eval('#field-timeZone option', (os) =>
        os.filter((o) => !(o as HTMLOptionElement).hidden).map((o) => (o as HTMLOptionElement).value),
      );
      t.same(visible, ['Asia/Phnom_Penh'], 'only the matching zones stay in the list');
      await page.waitForFunction(() => document.getElementById('field-timeZone-matches')!.textContent!.includes('1'));
      t.pass('the number of matches is announced');
      await page.press('#field-timeZone-search', 'Enter');
      t.equal(
        await page.evaluate(() => document.activeElement!.id),
        'field-timeZone',
        'Enter moves to the list instead of submitting the form',
      );
      await page.fill('#field-timeZone-search', '');
      t.equal(
        await page.$$eval('#field-timeZone option', (os) => os.filter((o) => (o as HTMLOptionElement).hidden).length),
        0,
        'clearing the search shows every zone again',
      );
      await checkA11y(t, page, 'workshop form with the time-zone search', { allImpacts: true });
      await context.close();
    },
  );

  t.test(
    'the dashboard keeps names and Overall in view, folds the analysis per quiz, and refreshes without moving the reader',
    async (t) => {
      const desk = await signedIn(admin, { width: 1280, height: 800 });
      await desk.page.goto(`/workshops/${workshop.id}/dashboard`);
      const overall = await desk.page.locator('.grid thead th').last().boundingBox();
      t.ok(
        overall && overall.x + overall.width <= 1280,
        `Overall is on screen at 1280 px (right edge ${overall && overall.x + overall.width})`,
      );
      await desk.context.close();

      const { context, page } = await signedIn(admin, { width: 360, height: 740 });
      await page.goto(`/workshops/${workshop.id}/dashboard`);
      t.equal(await page.locator('details.item-analysis').count(), 2, 'one analysis per quiz');
      t.equal(await page.locator('details.item-analysis[open]').count(), 0, 'folded until the reader opens one');
      const grid = page.locator('#live .table-wrap').first();
      const scrollable = await grid.evaluate((el) => el.scrollWidth - el.clientWidth);
      t.ok(scrollable >= 300, `the participant table scrolls within its own region (${scrollable} px)`);
      await grid.evaluate((el) => (el.scrollLeft = 300));
      await grid.focus();
      const stuck = await page.evaluate(() => {
        const region = document.querySelector('#live .table-wrap')!.getBoundingClientRect();
        const name = document.querySelector('.grid tbody th')!.getBoundingClientRect();
        const total = [...document.querySelectorAll('.grid tbody tr:first-child td')].pop()!.getBoundingClientRect();
        return { nameIn: name.left >= region.left - 1, overallIn: total.right <= region.right + 1 };
      });
      t.ok(stuck.nameIn && stuck.overallIn, 'scrolled sideways, the name and Overall columns stay in view');
      const analysis = page.locator('details.item-analysis summary');
      if (await analysis.count()) await analysis.first().click();
      await grid.focus();

      // Someone finishes a lesson; the page's refresh (forced now, as when the tab comes back into view) shows it.
      await finishLesson(participants[0], 'm1-what-is-a-learning-city');
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page.waitForFunction(
        () => /Chanthou[\s\S]*?In progress/.test(document.querySelector('.grid tbody')?.textContent ?? ''),
        null,
        { timeout: 20_000 },
      );
      t.pass('the refresh shows the new progress');
      t.equal(await grid.evaluate((el) => el.scrollLeft), 300, 'the table keeps its sideways scroll');
      t.equal(await page.evaluate(() => document.activeElement?.id), 'grid-region', 'focus stays where it was');
      t.equal(await page.locator('details.item-analysis[open]').count(), 1, 'the opened analysis stays open');
      await context.close();
    },
  );

  for (const [user, locale] of [
    [admin, 'en'],
    [adminKm, 'km'],
    [adminAr, 'ar'],
  ] as const) {
    t.test(`axe finds nothing at all on the dashboard and workshop page in ${locale}`, async (t) => {
      const { context, page } = await signedIn(user, { width: 360, height: 740 });
      await page.goto(`/workshops/${workshop.id}/dashboard`);
      t.equal(await page.evaluate(() => document.documentElement.lang), locale);
      // The line between the sticky name column and the columns scrolling under it is on the side they scroll from.
      const divider = await page.$eval(
        '.grid tbody .name',
        (el, locale) => {
          const { left, right } = el.getBoundingClientRect();
          const table = el.closest('.table-wrap')!.getBoundingClientRect();
          return {
            shadow: getComputedStyle(el).boxShadow,
            atStart: locale === 'ar' ? Math.abs(right - table.right) < 2 : Math.abs(left - table.left) < 2,
          };
        },
        locale,
      );
      t.ok(divider.atStart, `the name column is at the reading start (${locale})`);
      t.match(
        divider.shadow,
        locale === 'ar' ? /\) 1px 0px 0px/ : /\) -1px 0px 0px/,
        `its divider faces the scrolling columns (${divider.shadow})`,
      );
      await checkA11y(t, page, `dashboard (${locale})`, { allImpacts: true });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await checkA11y(t, page, `dashboard with the analysis open (${locale})`, { allImpacts: true });
      await page.goto(`/workshops/${workshop.id}`);
      // "Module 1: <English title>" inside UI text in another script: the title is isolated (first strong isolate … pop).
      const assignment = (await page.locator('a[href^="/modules/"]').first().textContent())!;
      t.match(assignment, /\u2068[^\u2069]+\u2069/, `the module title is isolated in "${assignment}"`);
      await checkA11y(t, page, `workshop page (${locale})`, { allImpacts: true });
      await context.close();
    });
  }
}
