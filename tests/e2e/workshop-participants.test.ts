// A facilitator sets a join window, adds participants from a CSV (a refused list first, with its lines), prints slips;
// a participant without email uses their slip once (no JavaScript); a lost slip is replaced; someone is removed;
// a person signs up with a username only and signs in with it.
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { newWorkshop } from '../helpers/workshops.ts';
import { toLocalDateTime } from '../../server/modules/workshops/join-window.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  const clickAndWait = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };

  t.test('join window, CSV import with slips, using a slip once, reissue and remove', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', { name: 'Dara Facilitator', email: 'dara@example.org' });
    const w = await newWorkshop(app, facilitator, { title: 'Kampot CLC managers' });
    const host = await (await newContext(browser, baseURL)).newPage();
    await host.goto('/signin');
    await host.fill('#field-login', 'DARA@example.org');
    await host.fill('#field-password', GOOD_PASSWORD);
    await submitWith(host, '#field-password', '**/learning');

    // Join window: opens tomorrow; a person trying to join today is told when.
    await host.goto(`/workshops/${w.id}`);
    await host.click('summary:has(#edit-heading)');
    const opens = toLocalDateTime(new Date(Date.now() + 86_400_000), 'Asia/Phnom_Penh')!;
    await host.fill('#field-joinFrom', opens);
    await checkA11y(t, host, 'workshop page with the edit form open');
    await clickAndWait(host, 'form[action="?/edit"] button[type=submit]');
    t.match(await host.textContent('.join-box'), `Joining opens ${opens.replace('T', ' ')} (Asia/Phnom_Penh)`);
    const early = await (await newContext(browser, baseURL)).newPage();
    await early.goto('/signup');
    await early.fill('#field-name', 'Early Bird');
    await early.fill('#field-username', 'early.bird');
    await early.fill('#field-password', GOOD_PASSWORD);
    await submitWith(early, '#field-password', '**/learning');
    await early.goto(`/join?code=${w.joinCode}`);
    await early.focus('#field-code');
    await Promise.all([early.waitForNavigation(), early.keyboard.press('Enter')]);
    await early.waitForSelector('[role=alert]');
    t.match(
      await early.textContent('[role=alert]'),
      `not open yet (opens ${opens.replace('T', ' ')} (Asia/Phnom_Penh))`,
    );
    await host.click('summary:has(#edit-heading)');
    await host.fill('#field-joinFrom', '');
    await clickAndWait(host, 'form[action="?/edit"] button[type=submit]');
    t.notMatch(await host.textContent('.join-box'), 'Joining opens');

    // A list with problems is refused whole, each problem with its line.
    await host.click(`a[href="/workshops/${w.id}/participants"]`);
    await host.waitForURL(`**/workshops/${w.id}/participants`);
    await checkA11y(t, host, 'participants page (empty)');
    await host.fill('#import-csv', 'name,email,locale\n王芳,,zh\n ,x@example.org,en\nسارة,,xx\n');
    await clickAndWait(host, 'form[action="?/import"] button[type=submit]');
    const problems = await host.textContent('.problems');
    t.match(problems, /line 3: the name is empty/);
    t.match(problems, /line 4: unknown language "xx"/);
    const focused = await host.evaluate(() => ({
      role: document.activeElement?.getAttribute('role'),
      text: document.activeElement?.textContent ?? '',
    }));
    t.equal(focused.role, 'alert', `an error message has the focus, so it is read first: "${focused.text.trim()}"`);
    t.match(await host.textContent('main'), /No participants yet/, 'nobody was added');
    t.match(await host.inputValue('#import-csv'), /王芳/, 'the list is kept to fix');
    await checkA11y(t, host, 'participants page with a refused list');

    // The fixed list, uploaded as a file (UTF-8 with a byte-order mark, as spreadsheets save it).
    const csv = 'name,email,locale\n王芳,,zh\nសុខ សុភា,,km\nسارة أحمد,,ar\nJoão Lopes,joao@example.org,es\n';
    await host.fill('#import-csv', '');
    await host.setInputFiles('#import-file', {
      name: 'participants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
    });
    await clickAndWait(host, 'form[action="?/import"] button[type=submit]');
    t.match(await host.textContent('[role=status]'), /4 people taken in from the list; 0 were already participants/);
    const slips = host.locator('.slip');
    t.equal(await slips.count(), 4, 'a slip for each new person');
    t.same(
      await host.locator('.slip-name').allTextContents(),
      ['王芳', 'សុខ សុភា', 'سارة أحمد', 'João Lopes'],
      'names in every script',
    );
    await checkA11y(t, host, 'participants page with slips');
    const khmer = slips.nth(1);
    const username = (await khmer.locator('dd').nth(0).textContent())!.trim();
    const code = (await khmer.locator('dd').nth(1).textContent())!.trim();
    t.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    // Printed: only the slips, two across, each kept whole.
    await host.emulateMedia({ media: 'print' });
    t.equal(await host.locator('#list-heading').isVisible(), false, 'the list is not printed');
    t.equal(await host.locator('.site-header').isVisible(), false, 'the site header is not printed');
    t.equal(await slips.first().isVisible(), true);
    t.equal(
      await host.$eval('.slips', (el) => getComputedStyle(el).gridTemplateColumns.split(' ').length),
      2,
      'two slips across',
    );
    t.equal(await slips.first().evaluate((el) => getComputedStyle(el).breakInside), 'avoid');
    // On A4 (190 mm between the margins, at 96 px/in) with the Khmer labels, each username and code stays on one line.
    const viewport = host.viewportSize()!;
    await host.setViewportSize({ width: 718, height: 1000 });
    const lines = await slips.locator('dd').evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size;
      }),
    );
    t.same(
      lines,
      Array(2 * (await slips.count())).fill(1),
      'each username and code is printed on one line (it is typed from paper)',
    );
    await host.setViewportSize(viewport);
    await host.emulateMedia({ media: 'screen' });

    // axe-core needs JavaScript, so the pages the participant uses without it are checked here first.
    const checker = await (await newContext(browser, baseURL)).newPage();
    await checker.goto('/signin/code');
    await checkA11y(t, checker, 'sign in with a slip');
    await checker.goto('/signup');
    await checkA11y(t, checker, 'sign up with email or username');
    await checker.goto('/signin');
    await checkA11y(t, checker, 'sign in with email or username');

    // The participant, without JavaScript, uses the slip: username + code + password, once.
    const guestContext = await newContext(browser, baseURL, { javaScriptEnabled: false });
    const guest = await guestContext.newPage();
    await guest.goto(`/join?code=${w.joinCode}`);
    await guest.click('a[href^="/signin/code"]');
    await guest.waitForURL('**/signin/code?redirectTo=**');
    await guest.fill('#field-username', username);
    await guest.fill('#field-code', code.toLowerCase());
    await guest.fill('#field-password', 'Sala-rien-Kampot-2026');
    await submitWith(guest, '#field-password', `**/join?code=${w.joinCode}`);
    await submitWith(guest, '#field-code', /\/workshops\/.*done=joined/);
    t.match(
      await guest.textContent('main'),
      /Kampot CLC managers/,
      'signed in from the join link, and in the workshop',
    );
    await guest.goto('/learning');
    t.match(await guest.textContent('main'), /Kampot CLC managers/, 'the workshop is on My learning');
    await guestContext.clearCookies();
    await guest.goto('/signin/code');
    await guest.fill('#field-username', username);
    await guest.fill('#field-code', code);
    await guest.fill('#field-password', 'Another-password-2026');
    await guest.press('#field-password', 'Enter');
    await guest.waitForSelector('[role=alert]');
    t.match(await guest.textContent('[role=alert]'), /already been used/, 'a second use is refused, saying why');
    await guest.goto('/signin');
    await guest.fill('#field-login', username);
    await guest.fill('#field-password', 'Sala-rien-Kampot-2026');
    await submitWith(guest, '#field-password', '**/learning');
    t.pass('signs in later with username and password');
    await guestContext.close();

    // A lost slip: a new one, and the list shows how each person signs in.
    await host.goto(`/workshops/${w.id}/participants`);
    t.equal(
      await host.locator('button[aria-label="New slip for សុខ សុភា"]').count(),
      0,
      'no new slip from a facilitator once the person chose a password',
    );
    await clickAndWait(host, 'button[aria-label="New slip for 王芳"]');
    t.equal(await host.locator('.slip').count(), 1);
    t.equal((await host.textContent('.slip-name'))!.trim(), '王芳');

    // Removing a participant.
    await host.goto(`/workshops/${w.id}/participants`);
    await clickAndWait(host, 'button[aria-label="Remove João Lopes from the workshop"]');
    t.match(await host.textContent('[role=status]'), /participant was removed/);
    t.notMatch(await host.textContent('table'), /João Lopes/);
    t.match(await host.textContent('table'), /王芳/);
    await checkA11y(t, host, 'participants page after a removal');
  });

  t.test('without JavaScript, a person signs up with a username and no email, and signs in with it', async (t) => {
    const context = await newContext(browser, baseURL, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/signup');
    await page.fill('#field-name', 'Nguyễn Thị Hoa');
    await page.fill('#field-username', 'hoa.nguyen');
    await page.fill('#field-password', 'Thanh-pho-hoc-tap-2026');
    await submitWith(page, '#field-password', '**/learning');
    await context.clearCookies();
    await page.goto('/signin');
    await page.fill('#field-login', 'Hoa.Nguyen');
    await page.fill('#field-password', 'Thanh-pho-hoc-tap-2026');
    await submitWith(page, '#field-password', '**/learning');
    t.match(await page.textContent('main'), /Nguyễn Thị Hoa/);
    await context.close();
  });
}
