// On a phone (360 px): in a facilitator's workshop a learner forms the team for their city, a colleague joins it with
// the team code, they rate actions in several areas of the learning-city self-assessment (one area per page, radio
// groups, by keyboard too), and the team's profile shows the chart and the table with the right averages; a second,
// dated assessment puts both dates side by side. Then the action plan: two members fill one section at once (both
// kept, each field saying who changed it), a change typed offline is sent when the connection returns, and the PDF
// downloads with the city and the sections. The facilitator's dashboard shows both teams, with the plan's progress and
// the latest profile (its figures in a table), and the plan one link away. axe (all impacts) on every page; no sideways scroll.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { dayFromToday, joinAs, newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
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
    page
      .locator('.profile table tbody tr:not(:first-child)')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );

  t.test('a city team forms, rates, and compares two dated assessments', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', {
      name: 'Fatou Facilitator',
      email: 'fatou.teams@example.org',
    });
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
    t.match(
      await colleague.textContent('[role=alert]'),
      /https:\/\//,
      'the link is refused, saying what a link must be',
    );
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
    t.same(await page.locator('.profile table th[scope=colgroup]').allTextContents(), [
      'Wider benefits',
      'Major building blocks',
      'Fundamental conditions',
    ]);
    await check(t, page, 'team profile, one assessment');

    // Layla, a member who reads Arabic, sees the same profile right to left, the framework in Arabic; axe clean.
    const layla = await signUp(app, { name: 'ليلى حداد', email: 'layla.teams@example.org', locale: 'ar' });
    await joinAs(app, layla, workshop.joinCode);
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/api/teams/join',
          headers: { cookie: layla.cookie },
          payload: { code },
        })
      ).statusCode,
      201,
    );
    const arabic = await signIn(layla.email);
    await arabic.goto(teamUrl);
    const direction = (selector: string) =>
      arabic.$eval(selector, (el) => ({
        dir: getComputedStyle(el).direction,
        lang: el.closest('[lang]')?.getAttribute('lang'),
      }));
    t.same(await direction('h1'), { dir: 'rtl', lang: 'ar' }, 'the team page is Arabic, right to left');
    const arRows = await profileRows(arabic);
    t.match(arRows[0][0], /^1\. تمكين الأفراد/, 'area 1 in Arabic');
    t.same(
      await direction('.profile table tbody tr:nth-child(2) th'),
      { dir: 'rtl', lang: 'ar' },
      'an area title: Arabic, right to left',
    );
    const outside = await arabic.$eval('.profile svg', (svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')]
        .filter((el) => {
          const b = el.getBoundingClientRect();
          return b.left < box.left - 1 || b.right > box.right + 1;
        })
        .map((el) => el.textContent);
    });
    t.same(outside, [], 'the chart is mirrored: every label inside the drawing');
    await check(t, arabic, 'team profile (ar)');
    await arabic.goto(`${assessUrl}?area=10`);
    t.match(
      await arabic.textContent('fieldset.action legend'),
      /مدينة تعلّم/,
      "the actions in Arabic, with UNESCO's term",
    );
    t.same(await direction('fieldset.action legend span[lang]'), { dir: 'rtl', lang: 'ar' });
    await check(t, arabic, 'assessment page, area 10 (ar)');
    await arabic.context().close();
    // Starting another assessment a day later is refused: the page says which one to continue, and from when.
    await page.fill('#assessed-on', dayFromToday(-364));
    await clickAndWait(page, 'form[action="?/start"] button[type=submit]');
    t.match(
      await page.textContent('[role=alert]'),
      new RegExp(`${yearAgo}: continue that one`),
      'a second assessment the next day is refused, saying which one to continue',
    );
    t.equal(await page.locator('#next-assessment').count(), 0, 'a year on, the page does not hold a new one back');

    // A year on: a second assessment, dated today; both dates side by side.
    await page.fill('#assessed-on', dayFromToday(0));
    await clickAndWait(page, 'form[action="?/start"] button[type=submit]');
    await page.check('input[name="rating-1.1"][value="4"]');
    await clickAndWait(page, 'button[name=next][value="0"]');
    await page.goto(teamUrl);
    const headers = await page.locator('.profile thead th').allTextContents();
    const day = (d: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    t.same(headers, ['Area', day(yearAgo), day(dayFromToday(0))], 'both dates, oldest first');
    t.match((await profileRows(page))[0], [/^1\. /, /^2\.0 /, /^4\.0 \(1 of 4 rated\)$/]);
    t.match(
      await page.textContent('.profile figcaption'),
      new RegExp(`${day(yearAgo)}.*${day(dayFromToday(0))}`),
      'the chart legend names both dates',
    );
    await check(t, page, 'team profile, two assessments');
    // For a person to look at (TEAMS_SCREENSHOT=path.png): how the chart reads on a phone.
    if (process.env.TEAMS_SCREENSHOT)
      await page.locator('section[aria-labelledby=team-profile]').screenshot({ path: process.env.TEAMS_SCREENSHOT });

    // The action plan: Lina opens it from the team page and fills the vision; Chan, who opened the same section
    // before she saved, fills the principles: both are kept, each saying who changed it.
    await clickAndWait(page, `a[href="${teamUrl}/plan"]`);
    t.match(await page.textContent('main'), /0 of \d+ fields filled in/);
    await check(t, page, 'action plan overview');
    await clickAndWait(page, `a[href="${teamUrl}/plan/vision"]`);
    await colleague.goto(`${teamUrl}/plan/vision`);
    t.match(await page.textContent('h1'), /Vision and principles/);
    await page.locator('details summary').first().click();
    t.match(await page.locator('details .example').first().textContent(), /By 2030/, 'an example under each field');
    await check(t, page, 'plan section form');
    await page.fill('#f-vision', 'Kampot learns together, at every age.');
    await clickAndWait(page, 'form[action="?/save"] button[type=submit]');
    t.match(await page.textContent('[role=status].saved'), /Saved/);
    await colleague.fill('#f-principles', 'No one left out\nLearning in every commune');
    await clickAndWait(colleague, 'form[action="?/save"] button[type=submit]');
    t.equal(
      await colleague.inputValue('#f-vision'),
      'Kampot learns together, at every age.',
      "Lina's vision survived Chan's save of the same section",
    );
    t.equal(await colleague.inputValue('#f-principles'), 'No one left out\nLearning in every commune');
    const changed = await colleague.locator('.field .changed').allTextContents();
    t.match(changed[0], /Changed by Lina Learner/, 'who changed the vision, and when');
    t.match(changed[1], /Changed by Chan Colleague/);
    await check(t, colleague, 'plan section with changes');
    // For a person to look at (PLAN_SCREENSHOT=path.png): a plan section on a phone.
    if (process.env.PLAN_SCREENSHOT) await colleague.screenshot({ path: process.env.PLAN_SCREENSHOT, fullPage: true });

    // Offline, Chan's typing stays on the phone and is sent when the connection returns.
    await colleague.context().setOffline(true);
    await colleague.fill('#f-priorities', 'Adult literacy in the communes — Education office');
    await colleague.click('form[action="?/save"] button[type=submit]');
    t.match(
      await colleague.textContent('[data-draft-status]'),
      /offline/i,
      'the page says the change waits on the device',
    );
    await Promise.all([colleague.waitForNavigation(), colleague.context().setOffline(false)]);
    t.match(await colleague.textContent('[role=status].saved'), /Saved/, 'sent when back online');
    t.match(
      (await colleague.locator('.field .changed').allTextContents())[2],
      /Changed by Chan Colleague/,
      'the priorities are saved on the server, by Chan',
    );
    t.equal(await colleague.locator('[data-draft-status]').isHidden(), true, 'no draft left waiting');
    // Text typed and not saved (the tab closed, the phone restarted) comes back into the form, and the page says so.
    await colleague.fill('#f-timeline', '2027 — council approves the plan');
    await colleague.reload();
    t.equal(await colleague.inputValue('#f-timeline'), '2027 — council approves the plan', 'the unsaved text is back');
    t.match(await colleague.textContent('[data-draft-status]'), /not save/, 'and the page says it is not saved yet');

    // The plan as a document: the PDF downloads from the overview and has the city and the sections.
    await page.goto(`${teamUrl}/plan`);
    t.match(await page.textContent('main'), /3 of \d+ fields filled in/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/plan/document.pdf"]')]);
    // In the team's language, its workshop's (Khmer); pdftotext gives shaped Khmer out of order, so the title is
    // read from the PDF's metadata; what the team wrote (in English) reads as typed, and the sections are in Khmer.
    const title = /^ផែនការសកម្មភាពទីក្រុងសិក្សា — Kampot, /;
    t.match(download.suggestedFilename(), title, 'the file is named by its title');
    const pdf = await download.path();
    t.match(
      execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }),
      /Title:\s+ផែនការសកម្មភាពទីក្រុងសិក្សា — Kampot, /,
      'the PDF is the plan of Kampot',
    );
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    t.match(text, /Kampot learns together/, 'it has what the team wrote');
    t.notMatch(text, /Vision and principles/, "the sections' own texts are in Khmer, not English");
    t.match(text, /Adult literacy in the communes — Education office/, 'and the priorities');

    // The workshop's facilitator reads the section (no form) and comments on it; the team sees the comment.
    const fatou = await signIn(facilitator.email);
    await fatou.goto(`${teamUrl}/plan/vision`);
    t.equal(await fatou.locator('form[action="?/save"]').count(), 0, 'the facilitator reads, without a form to edit');
    t.match(await fatou.textContent('.readonly'), /Kampot learns together/);
    await fatou.fill('#comment-body', 'Name who leads each priority.');
    await clickAndWait(fatou, 'form[action="?/comment"] button[type=submit]');
    await check(t, fatou, 'plan section read by the facilitator, with a comment');
    await page.goto(`${teamUrl}/plan/vision`);
    t.match(
      await page.textContent('.comments'),
      /Name who leads each priority\.\s*Fatou Facilitator/,
      'the team sees the comment and who wrote it',
    );

    // The facilitator's dashboard: each team with its plan's progress and its latest profile, the plan one link away.
    await fatou.goto('/teams?workshop=' + workshop.id);
    await fatou.fill('#team-city', 'Kep');
    await fatou.selectOption('#team-country', 'KH');
    await clickAndWait(fatou, 'form[action="?/create"] button[type=submit]');
    await fatou.goto(`/workshops/${workshop.id}/dashboard`);
    const cards = fatou.locator('.team-list > li');
    t.same(
      (await cards.locator('h3').allTextContents()).map((x) => x.trim()),
      ['Kampot, Cambodia', 'Kep, Cambodia'],
      'both teams, by city',
    );
    const kampot = cards.first();
    t.match(
      await kampot.locator('.plan').textContent(),
      /Action plan: 0 of \d+ sections complete, 3 of \d+ fields filled in/,
    );
    t.match(
      await kampot.textContent(),
      new RegExp(`Self-assessment of ${day(dayFromToday(0)).replace(/[.]/g, '\\.')}.*Earlier: ${day(yearAgo)}`, 's'),
      'the latest profile, and the earlier date',
    );
    t.equal(await kampot.locator('svg[role=img]').count(), 1, 'a compact chart, server-rendered');
    await kampot.locator('details summary').click();
    const figures = await kampot
      .locator('table tbody tr:not(:first-child)')
      .evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()));
    t.equal(figures.length, 12, 'and its figures, an area a row');
    t.match(figures[0], /^1\. .*4\.0 \(1 of 4 rated\)$/);
    t.match(await cards.nth(1).textContent(), /Action plan: not started.*No self-assessment yet/s);
    await check(t, fatou, 'workshop dashboard with city teams');
    // For a person to look at (DASHBOARD_SCREENSHOT=path.png): the teams on the dashboard, on a phone.
    if (process.env.DASHBOARD_SCREENSHOT)
      await fatou
        .locator('section[aria-labelledby=teams-heading]')
        .screenshot({ path: process.env.DASHBOARD_SCREENSHOT });
    await clickAndWait(fatou, `a[href="${teamUrl}/plan"]`);
    t.match(await fatou.textContent('h1'), /Kampot/, 'the plan opens from the dashboard');

    // A read-only share link: shown once, opens the plan without an account, and stops working when revoked.
    await page.goto(`${teamUrl}/plan`);
    await clickAndWait(page, 'form[action="?/share"] button[type=submit]');
    const shareUrl = (await page.locator('[role=status] .link a').getAttribute('href'))!;
    t.match(shareUrl, /\/plan\/[A-Za-z0-9_-]{43}$/);
    await check(t, page, 'plan overview with a new share link');
    const visitor = await (await newContext(browser, baseURL, phone)).newPage();
    await visitor.goto(new URL(shareUrl).pathname);
    t.match(await visitor.textContent('h1'), /Kampot/, 'a visitor without an account reads the plan');
    t.match(await visitor.textContent('main'), /Kampot learns together/);
    t.equal(await visitor.locator('textarea').count(), 0, 'and cannot edit it');
    await check(t, visitor, 'shared plan, read by a visitor');
    await clickAndWait(page, 'form[action="?/revoke"] button[type=submit]');
    const gone = await visitor.goto(new URL(shareUrl).pathname);
    t.equal(gone?.status(), 404, 'a revoked link no longer opens the plan');
  });
}
