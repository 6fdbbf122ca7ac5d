// On a phone (360 px): in a facilitator's workshop a learner forms the team for their city, a colleague joins it with
// the team code, they rate actions in several areas of the learning-city self-assessment (one area per page, radio
// groups, by keyboard too), and the team's profile shows the chart and the table with the right averages; a second,
// dated assessment puts both dates side by side. axe (all impacts) on every page; no sideways scroll.
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { dayFromToday, joinAs, newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  type Tap = Parameters<typeof checkA11y>[0] & Pick<typeof t, 'ok'>;
  const check = async (t: Tap, page: Page, label: string) => {
    await checkA11y(t, page, label, { allImpacts: true });
    t.ok(await noSidewaysScroll(page), `${label}: no sideways scroll at 360 px`);
  };

  async function signIn(email: string) {
    const page = await (await newContext(browser, baseURL, phone)).newPage();
    await page.goto('/signin');
    await page.fill('#field-login', email);
    await page.fill('#field-password', GOOD_PASSWORD);
    await submitWith(page, '#field-password', '**/learning');
    return page;
  }
  const clickAndWait = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  /** The profile table as [area, ...one cell per assessment] rows. */
  const profileRows = (page: Page) =>
    page.locator('.profile table tbody tr:not(:first-child)').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));

  t.test('a city team forms, rates, and compares two dated assessments', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', { name: 'Fatou Facilitator' });
    const workshop = await newWorkshop(app, facilitator, { title: 'Learning cities workshop' });
    const lina = await signUp(app, { name: 'Lina Learner', email: 'lina.teams@example.org' });
    const chan = await signUp(app, { name: 'Chan Colleague', email: 'chan.teams@example.org' });
    await joinAs(app, lina, workshop.joinCode);
    await joinAs(app, chan, workshop.joinCode);

    // Lina forms the team from the workshop page.
    const page = await signIn(lina.email);
    await page.goto(`/workshops/${workshop.id}`);
    await clickAndWait(page, `a[href="/teams?workshop=${workshop.id}"]`);
    await check(t, page, 'city team page (in a workshop)');
    await page.fill('#team-city', 'Kampot');
    await page.selectOption('#team-country', 'KH');
    await clickAndWait(page, 'form[action="?/create"] button[type=submit]');
    t.match(page.url(), /\/teams\/[0-9a-f-]{36}$/);
    const teamUrl = new URL(page.url()).pathname;
    t.match(await page.textContent('h1'), /Kampot, Cambodia/);
    const code = (await page.textContent('.code'))!.trim();
    t.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await check(t, page, 'team page, no assessment yet');

    // Chan joins by the code, from My learning, typing it in lower case.
    const colleague = await signIn(chan.email);
    await clickAndWait(colleague, 'a[href="/teams"]');
    await colleague.fill('#team-code', code.toLowerCase());
    await submitWith(colleague, '#team-code', `**${teamUrl}`);
    t.same(await colleague.locator('#team-members + ul li').allTextContents(), ['Lina Learner', 'Chan Colleague']);

    // Lina starts last year's assessment (dated a year ago) and rates area 1, partly by keyboard.
    const yearAgo = dayFromToday(-365);
    await page.reload();
    await page.fill('#assessed-on', yearAgo);
    await clickAndWait(page, 'form[action="?/start"] button[type=submit]');
    t.match(page.url(), /\/assess\//);
    const assessUrl = new URL(page.url()).pathname;
    await check(t, page, 'assessment page, area 1');
    t.equal(await page.locator('fieldset.action').count(), 4, 'area 1 has its 4 actions');
    await page.focus('input[name="rating-1.1"][value="0"]');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // radio group: arrows move the choice
    t.ok(await page.isChecked('input[name="rating-1.1"][value="3"]'), 'rated 3 by keyboard');
    await page.check('input[name="rating-1.2"][value="1"]');
    await page.fill('#evidence-1\\.2', 'Ward councils meet monthly');
    await page.fill('#lead-1\\.2', 'Mayor’s office');
    await clickAndWait(page, 'button[name=next][value="1"]');
    t.match(await page.textContent('h1'), /Area 2 of 12/, 'save and next goes to area 2');
    await page.check('input[name="rating-2.1"][value="4"]');
    await clickAndWait(page, 'button[name=next][value="0"]');
    t.match(await page.textContent('[role=status]'), /Saved/);

    // Chan rates area 4 at the same time; a bad link is refused with a message and nothing of it is saved.
    await colleague.goto(`${assessUrl}?area=4`);
    await colleague.check('input[name="rating-4.1"][value="2"]');
    await colleague.check('input[name="rating-4.2"][value="3"]');
    await colleague.fill('#link-4\\.2', 'javascript:alert(1)');
    await clickAndWait(colleague, 'button[name=next][value="0"]');
    t.match(await colleague.textContent('[role=alert]'), /https:\/\//, 'the link is refused, saying what a link must be');
    await check(t, colleague, 'assessment page with an error');
    await colleague.fill('#link-4\\.2', 'https://example.org/kampot-preschools');
    await clickAndWait(colleague, 'button[name=next][value="0"]');
    t.match(await colleague.textContent('[role=status]'), /Saved/);
    t.match(await colleague.locator('fieldset.action').nth(1).textContent(), /Changed by Chan Colleague/);

    // The profile: chart and table, area 1 = (3+1)/2, area 2 = 4, area 4 = (2+3)/2.
    await page.goto(teamUrl);
    t.equal(await page.locator('.profile svg[role=img]').count(), 1, 'the chart is there, server-rendered');
    const rows = await profileRows(page);
    t.same(rows.length, 12, 'a row per area');
    t.match(rows[0], [/^1\. /, /^2\.0 \(2 of 4 rated\)$/]);
    t.match(rows[1], [/^2\. /, /^4\.0 \(1 of 6 rated\)$/]);
    t.match(rows[3], [/^4\. /, /^2\.5 \(2 of 5 rated\)$/]);
    t.match(rows[11], [/^12\. /, /^not rated$/]);
    t.same(await page.locator('.profile table th[scope=colgroup]').allTextContents(), ['Wider benefits', 'Major building blocks', 'Fundamental conditions']);
    await check(t, page, 'team profile, one assessment');

    // Layla, a member who reads Arabic, sees the same profile right to left, the framework in Arabic; axe clean.
    const layla = await signUp(app, { name: 'ليلى حداد', email: 'layla.teams@example.org', locale: 'ar' });
    await joinAs(app, layla, workshop.joinCode);
    t.equal((await app.inject({ method: 'POST', url: '/api/teams/join', headers: { cookie: layla.cookie }, payload: { code } })).statusCode, 201);
    const arabic = await signIn(layla.email);
    await arabic.goto(teamUrl);
    const direction = (selector: string) => arabic.$eval(selector, (el) => ({ dir: getComputedStyle(el).direction, lang: el.closest('[lang]')?.getAttribute('lang') }));
    t.same(await direction('h1'), { dir: 'rtl', lang: 'ar' }, 'the team page is Arabic, right to left');
    const arRows = await profileRows(arabic);
    t.match(arRows[0][0], /^1\. تمكين الأفراد/, 'area 1 in Arabic');
    t.same(await direction('.profile table tbody tr:nth-child(2) th'), { dir: 'rtl', lang: 'ar' }, 'an area title: Arabic, right to left');
    const outside = await arabic.$eval('.profile svg', (svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].filter((el) => { const b = el.getBoundingClientRect(); return b.left < box.left - 1 || b.right > box.right + 1; }).map((el) => el.textContent);
    });
    t.same(outside, [], 'the chart is mirrored: every label inside the drawing');
    await check(t, arabic, 'team profile (ar)');
    await arabic.goto(`${assessUrl}?area=10`);
    t.match(await arabic.textContent('fieldset.action legend'), /مدينة تعلّم/, 'the actions in Arabic, with UNESCO\'s term');
    t.same(await direction('fieldset.action legend span[lang]'), { dir: 'rtl', lang: 'ar' });
    await check(t, arabic, 'assessment page, area 10 (ar)');
    await arabic.context().close();

    // A year on: a second assessment, dated today; both dates side by side.
    await page.fill('#assessed-on', dayFromToday(0));
    await clickAndWait(page, 'form[action="?/start"] button[type=submit]');
    await page.check('input[name="rating-1.1"][value="4"]');
    await clickAndWait(page, 'button[name=next][value="0"]');
    await page.goto(teamUrl);
    const headers = await page.locator('.profile thead th').allTextContents();
    const day = (d: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    t.same(headers, ['Area', day(yearAgo), day(dayFromToday(0))], 'both dates, oldest first');
    t.match((await profileRows(page))[0], [/^1\. /, /^2\.0 /, /^4\.0 \(1 of 4 rated\)$/]);
    t.match(await page.textContent('.profile figcaption'), new RegExp(`${day(yearAgo)}.*${day(dayFromToday(0))}`), 'the chart legend names both dates');
    await check(t, page, 'team profile, two assessments');
    // For a person to look at (TEAMS_SCREENSHOT=path.png): how the chart reads on a phone.
    if (process.env.TEAMS_SCREENSHOT) await page.locator('section[aria-labelledby=team-profile]').screenshot({ path: process.env.TEAMS_SCREENSHOT });
  });
}
