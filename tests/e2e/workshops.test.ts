// A facilitator creates a workshop and assigns module 1; a participant in another browser joins by code (signing up
// on the way), finishes a lesson; the facilitator's open dashboard shows it by itself, without a reload.
import t from 'tap';
import { userWithRole, GOOD_PASSWORD } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { dayFromToday } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test('create a workshop, join by code in another browser, and watch the dashboard update itself', async (t) => {
    const facilitator = await userWithRole(app, 'facilitator', {
      name: 'Sokha Facilitator',
      email: 'sokha@example.org',
    });
    const host = await (await newContext(browser, baseURL)).newPage();
    await host.goto('/signin');
    await host.fill('#field-login', facilitator.email);
    await host.fill('#field-password', GOOD_PASSWORD);
    await submitWith(host, '#field-password', '**/learning');
    t.equal(await host.locator('.site-nav a[href="/workshops"]').count(), 1, 'facilitators see Workshops in the menu');

    await host.goto('/workshops');
    await checkA11y(t, host, 'workshops list and create form');
    await host.fill('#field-title', 'CLC capacity-building workshop, Kampot');
    await host.fill('#field-city', 'Kampot');
    await host.selectOption('#field-country', 'KH');
    await host.selectOption('#field-locale', 'km');
    await host.selectOption('#field-timeZone', 'Asia/Phnom_Penh');
    await host.fill('#field-startsOn', dayFromToday(-1));
    await host.fill('#field-endsOn', dayFromToday(3));
    await submitWith(host, '#field-title', /\/workshops\/[0-9a-f-]{36}$/);
    const workshopUrl = host.url();
    const code = (await host.textContent('.join-code'))!.trim();
    t.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/, 'the join code, large and grouped');
    t.equal(await host.locator('.qr svg').count(), 1, 'the QR code is inline SVG');
    await checkA11y(t, host, 'workshop page (facilitator)');

    await host.selectOption('#assign-module', 'm1-concept');
    await submitWith(host, '#assign-due-on', /done=assigned/);
    t.match(await host.textContent('.assignment-list'), /Module 1/);
    await checkA11y(t, host, 'workshop page with an assignment');

    await host.goto(`${workshopUrl}/poster`);
    t.equal((await host.textContent('.poster .code'))!.trim(), code);
    await checkA11y(t, host, 'poster');

    await host.goto(`${workshopUrl}/dashboard`);
    t.match(await host.textContent('#live'), /Nobody has joined yet/);
    await checkA11y(t, host, 'empty dashboard');

    // The participant, in another browser context, has no account yet.
    const guestContext = await newContext(browser, baseURL, { viewport: { width: 360, height: 740 }, isMobile: true });
    const guest = await guestContext.newPage();
    await guest.goto(`/join?code=${code}`);
    await checkA11y(t, guest, 'join page (signed out)');
    await guest.focus('a.button[href^="/signup"]');
    await Promise.all([guest.waitForURL('**/signup?redirectTo=**'), guest.keyboard.press('Enter')]);
    await guest.fill('#field-name', 'សុខ សុភា');
    await guest.fill('#field-email', 'sophea.kampot@example.org');
    await guest.fill('#field-password', 'Tikrong-rien-sot-2025');
    await submitWith(guest, '#field-password', `**/join?code=${code}`);
    t.equal(await guest.inputValue('#field-code'), code, 'back on the join page with the code filled in');
    await checkA11y(t, guest, 'join page (signed in)');
    await submitWith(guest, '#field-code', /\/workshops\/.*done=joined/);
    t.match(await guest.textContent('main'), /You have joined this workshop/);
    t.match(await guest.textContent('main'), /Sokha Facilitator/, "the facilitators' names");
    t.notMatch(await guest.textContent('main'), new RegExp(code), 'no join code for participants');
    await checkA11y(t, guest, 'workshop page (participant)');

    await guest.goto('/lessons/m1-what-is-a-learning-city');
    await checkA11y(t, guest, 'lesson');
    await guest.focus('.finish button');
    await Promise.all([guest.waitForNavigation(), guest.keyboard.press('Enter')]);

    await guest.goto('/learning');
    t.match(
      await guest.textContent('#my-workshops-heading + section, section[aria-labelledby="my-workshops-heading"]'),
      /Module 1.*In progress/s,
      'My learning lists the workshop and my status',
    );
    await checkA11y(t, guest, 'my learning with a workshop');

    // The dashboard has been open all along: its script refreshes it within 15 seconds, no reload.
    await host.waitForFunction(
      () => /សុខ សុភា[\s\S]*In progress/.test(document.getElementById('live')?.textContent ?? ''),
      null,
      { timeout: 25_000 },
    );
    t.pass('the dashboard shows the participant in progress without a reload');
    t.match(await host.textContent('#live'), /Showing 1 of 1 participants/);
    t.match(
      await host.textContent('#live'),
      /Discrimination compares the share right among the top third/,
      'the item analysis explains the discrimination index',
    );
    t.match(
      await host.locator('#live table').last().textContent(),
      /Too few attempts/,
      'no index before three attempts',
    );
    await checkA11y(t, host, 'dashboard with a participant');
    await guestContext.close();
  });
}
