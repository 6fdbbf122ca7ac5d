// A learner sees their username on the account page and adds an email there; later, having forgotten the password,
// they ask for a link on the sign-in page, get it by mail (a real SMTP server receives it), choose a new password
// and sign in with it; the session left open elsewhere is ended. Without a mail server, the page says whom to ask.
// Forms are submitted with the keyboard; axe-core on every page; each page fits 360 px with no sideways scroll.
import t from 'tap';
import type { Page } from 'playwright-core';
import { GOOD_PASSWORD, sessionCookie } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { resetLinkIn, startSmtpServer } from '../helpers/smtp.ts';

const PHONE = { viewport: { width: 360, height: 740 } };

async function fitsPhone(t: { equal: (a: unknown, b: unknown, m: string) => unknown }, page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  t.equal(overflow, 0, `${label}: no sideways scroll at 360 px`);
}

if (browserAvailable(t)) {
  const browser = await launch(t);

  t.test(
    'learner: username on the account page, adds an email, forgets the password, resets it by mail and signs in',
    async (t) => {
      const smtp = await startSmtpServer(t);
      const { app, baseURL } = await startServer(t, {
        mail: { smtpUrl: smtp.url, from: 'Academy <academy@example.org>' },
      });
      const signup = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { name: 'Dara Kim', username: 'dara.kim', password: GOOD_PASSWORD },
      });
      t.equal(signup.statusCode, 201, signup.body);
      sessionCookie(signup);

      // Signed in on a first device: the account page names the username, and an email is added there.
      const first = await newContext(browser, baseURL, PHONE);
      const page = await first.newPage();
      await page.goto('/signin');
      await page.fill('#field-login', 'dara.kim');
      await page.fill('#field-password', GOOD_PASSWORD);
      await submitWith(page, '#field-password', '**/learning');
      await page.goto('/account');
      t.equal((await page.textContent('[data-testid=account-username]'))?.trim(), 'dara.kim', 'the username is shown');
      await checkA11y(t, page, 'account page');
      await fitsPhone(t, page, 'account page');
      await page.fill('#field-email', 'dara@example.org');
      await page.fill('#field-emailPassword', 'not-my-password');
      await submitWith(page, '#field-emailPassword', '**/account?/email');
      t.match(
        await page.textContent('#field-emailPassword-error'),
        /current password is not right/,
        'a wrong password is said next to its field',
      );
      t.equal(await page.inputValue('#field-email'), 'dara@example.org', 'the typed email is kept');
      await checkA11y(t, page, 'account page with an error');
      await page.fill('#field-emailPassword', GOOD_PASSWORD);
      await submitWith(page, '#field-emailPassword', '**/account?saved=email');
      t.match(await page.textContent('[role=status]'), /Your email has been saved/);
      t.equal(await page.inputValue('#field-email'), 'dara@example.org');

      // Another device, password forgotten.
      const second = await newContext(browser, baseURL, PHONE);
      const other = await second.newPage();
      await other.goto('/signin');
      await other.focus('a[href="/signin/forgot"]');
      await Promise.all([other.waitForURL('**/signin/forgot'), other.keyboard.press('Enter')]);
      await checkA11y(t, other, 'forgot password page');
      await fitsPhone(t, other, 'forgot password page');
      await other.fill('#field-email', 'dara@example.org');
      await submitWith(other, '#field-email', '**/signin/forgot?done=sent');
      t.match(await other.textContent('[role=status]'), /If an account uses this email, a link/);

      const mail = await smtp.mailFor('dara@example.org');
      const { link } = resetLinkIn(mail);
      const url = new URL(link);
      await other.goto(url.pathname + url.search);
      await checkA11y(t, other, 'choose a new password page');
      await fitsPhone(t, other, 'choose a new password page');
      await other.fill('#field-password', 'short');
      await submitWith(other, '#field-password', /\/signin\/reset/);
      t.match(await other.textContent('#field-password-error'), /at least 10 characters/);
      await other.fill('#field-password', 'River-city-lanterns-2027');
      await submitWith(other, '#field-password', '**/signin?done=password-reset');
      t.match(await other.textContent('[role=status]'), /Your password has been changed/);
      await checkA11y(t, other, 'sign-in page after the reset');
      await other.fill('#field-login', 'dara@example.org');
      await other.fill('#field-password', 'River-city-lanterns-2027');
      await submitWith(other, '#field-password', '**/learning');

      // The link is used up, and the first device was signed out.
      await other.goto(url.pathname + url.search);
      await other.fill('#field-password', 'Another-new-passphrase-1');
      await submitWith(other, '#field-password', /\/signin\/reset/);
      t.match(await other.textContent('[role=alert]'), /not valid or has already been used/);
      t.equal(await other.locator('a[href="/signin/forgot"]').count(), 1, 'and offers to ask for a new link');
      await page.goto('/account');
      t.match(page.url(), /\/signin\?redirectTo=/, 'the device signed in before the reset is signed out');
      await first.close();
      await second.close();
    },
  );

  t.test('without a mail server, "Forgot your password?" says whom to ask and how', async (t) => {
    const { baseURL } = await startServer(t);
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    await page.goto('/signin');
    await page.focus('a[href="/signin/forgot"]');
    await Promise.all([page.waitForURL('**/signin/forgot'), page.keyboard.press('Enter')]);
    const text = (await page.textContent('main'))!;
    t.match(text, /does not send email/);
    t.match(text, /ask your facilitator/);
    t.match(text, /ask an admin of this site/);
    t.equal(await page.locator('input[type=email]').count(), 0, 'no email form that could not work');
    t.equal(await page.locator('a[href="/signin/code"]').count(), 1, 'a way to use the slip they will get');
    await checkA11y(t, page, 'forgot password page without mail');
    await fitsPhone(t, page, 'forgot password page without mail');
    await context.close();
  });
}
