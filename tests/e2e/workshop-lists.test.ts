// On a phone (360 px), a facilitator of a Khmer workshop pastes a tab-separated list from a spreadsheet and a plain list
// of names; the slips print in Khmer (or the language the list gave), each with a QR code to the sign-in page and an
// address that never breaks; the list says who has not used their slip; the poster speaks Khmer too.
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

  const clickAndWait = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  t.test('pasted lists, slips and poster in the workshop language, and who has not used their slip', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', {
      name: 'Lists Facilitator',
      email: 'lists@example.org',
    });
    const w = await newWorkshop(app, facilitator, { title: 'សិក្ខាសាលា CLC កំពត', locale: 'km' });
    const host = await (await newContext(browser, baseURL, phone)).newPage();
    await host.goto('/signin');
    await host.fill('#field-login', 'lists@example.org');
    await host.fill('#field-password', GOOD_PASSWORD);
    await submitWith(host, '#field-password', '**/learning');

    await host.goto(`/workshops/${w.id}/participants`);
    await checkA11y(t, host, 'participants page at 360 px');
    t.ok(await noSidewaysScroll(host), 'participants page: no sideways scroll at 360 px');

    // A paste from a spreadsheet: tabs between the cells, a header in its own capitals.
    await host.fill('#import-csv', 'Name\tEmail\tLocale\nSok Dara\t\t\nفاطمة الزهراء\t\tar\n');
    await clickAndWait(host, 'form[action="?/import"] button[type=submit]');
    t.match(await host.textContent('[role=status]'), /2 people taken in from the list/);
    t.equal(
      await host.evaluate(() => document.activeElement?.getAttribute('role')),
      'status',
      'the result has the focus, so it is read first',
    );
    t.same(await host.locator('.slip-name').allTextContents(), ['Sok Dara', 'فاطمة الزهراء']);
    t.same(
      await host
        .locator('.slip')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('lang'), el.getAttribute('dir')])),
      [
        ['km', 'ltr'],
        ['ar', 'rtl'],
      ],
      "the workshop's language, or the one the list gave",
    );
    t.match(await host.locator('.slip').nth(0).textContent(), /ឈ្មោះអ្នកប្រើ/, 'the Khmer slip says "Username" in Khmer');
    t.match(await host.locator('.slip').nth(1).textContent(), /اسم المستخدم/, 'the Arabic slip says it in Arabic');
    t.notMatch(
      await host.locator('.slip').nth(0).textContent(),
      /Username|One-time code/,
      'not in the facilitator’s English',
    );
    t.match(
      await host.textContent('#slips-heading'),
      /Sign-in slips/,
      'the page around the slips stays in the facilitator’s language',
    );

    // A plain list of names: no header, Khmer and Arabic.
    await host.fill('#import-csv', 'ស្រីមុំ ចាន់\nسوك دارا\n');
    await clickAndWait(host, 'form[action="?/import"] button[type=submit]');
    t.match(await host.textContent('[role=status]'), /2 people taken in from the list/);
    const slips = host.locator('.slip');
    t.same(await host.locator('.slip-name').allTextContents(), ['ស្រីមុំ ចាន់', 'سوك دارا']);
    t.same(await slips.evaluateAll((els) => els.map((el) => el.getAttribute('lang'))), ['km', 'km']);
    t.equal(await host.locator('.slip .slip-qr svg').count(), 2, 'a QR code on each slip');
    t.same(
      await host
        .locator('.slip-qr')
        .evaluateAll((els) =>
          els.map((el) => el.getAttribute('role') === 'img' && /QR/.test(el.getAttribute('aria-label') ?? '')),
        ),
      [true, true],
      'each QR code is named',
    );
    const url = host.locator('.slip-url').first();
    t.equal((await url.textContent())!.trim(), '127.0.0.1/signin/code');
    t.same(
      await url.evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.whiteSpace, s.wordBreak, s.overflowWrap];
      }),
      ['nowrap', 'keep-all', 'normal'],
      'the address may not break',
    );
    t.ok(
      await url.evaluate(
        (el) =>
          el.getClientRects().length === 1 &&
          el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).fontSize) &&
          el.getBoundingClientRect().right <= el.closest('.slip')!.getBoundingClientRect().right,
      ),
      'one line, inside the slip',
    );
    await checkA11y(t, host, 'Khmer slips at 360 px');
    t.ok(await noSidewaysScroll(host), 'slips: no sideways scroll at 360 px');
    const username = (await slips.nth(0).locator('dd').nth(0).textContent())!.trim();
    const code = (await slips.nth(0).locator('dd').nth(1).textContent())!.trim();

    // The list says who has not used their slip; using one takes that person off it.
    await host.goto(`/workshops/${w.id}/participants`);
    t.match(await host.textContent('#unused-heading'), /Slips not used yet \(4\)/);
    t.match(await host.textContent('.unused'), /ស្រីមុំ ចាន់/);
    await checkA11y(t, host, 'participants page with unused slips');

    // The slip's QR code opens the sign-in page with the username filled in; a made-up value is not put in the form.
    const person = await (await newContext(browser, baseURL, phone)).newPage();
    await person.goto(`/signin/code?username=${encodeURIComponent(username)}`);
    t.equal(await person.inputValue('#field-username'), username, 'the username from the QR code');
    await person.fill('#field-code', code);
    await person.fill('#field-password', 'Sala-rien-Kampot-2026');
    await submitWith(person, '#field-password', '**/learning');
    for (const bad of ['<script>alert(1)</script>', 'a b c', 'x'.repeat(300)]) {
      await person.goto(`/signin/code?username=${encodeURIComponent(bad)}`);
      t.equal(await person.inputValue('#field-username'), '', `not filled with ${bad.slice(0, 20)}`);
    }
    await host.goto(`/workshops/${w.id}/participants`);
    t.match(await host.textContent('#unused-heading'), /Slips not used yet \(3\)/);
    t.notMatch(await host.textContent('.unused'), /ស្រីមុំ ចាន់/, 'the person who used theirs is off the list');

    // The poster for the room: Khmer, with an address that does not break.
    await host.goto(`/workshops/${w.id}/poster`);
    t.equal(await host.getAttribute('.poster', 'lang'), 'km');
    t.match(await host.textContent('.poster'), /ចូលរួមសិក្ខាសាលានេះ/);
    t.equal(await host.locator('.poster .url').evaluate((el) => getComputedStyle(el).whiteSpace), 'nowrap');
    t.equal(await host.locator('.poster .url').evaluate((el) => el.getClientRects().length), 1);
    await checkA11y(t, host, 'Khmer poster at 360 px');
    t.ok(await noSidewaysScroll(host), 'poster: no sideways scroll at 360 px');

    // The dashboard offers the workbook, and it is one. (Checked on a wide screen: its tables at 360 px are the phone
    // layout's work, which scrolls the totals table sideways.)
    const desk = await newContext(browser, baseURL);
    await desk.addCookies(await host.context().cookies());
    const dashboard = await desk.newPage();
    await dashboard.goto(`/workshops/${w.id}/dashboard`);
    const xlsx = await dashboard.request.get(
      (await dashboard.getAttribute(`a[href$="/export.xlsx"]`, 'href')) as string,
    );
    t.equal(xlsx.status(), 200);
    t.same([...(await xlsx.body()).subarray(0, 2)], [0x50, 0x4b], 'an .xlsx (zip) file');
    await checkA11y(t, dashboard, 'dashboard with the .xlsx link');
  });
}
