// A person signs up, signs out and signs in again by keyboard alone, in English (without JavaScript) and in Arabic.
import t from 'tap';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  checkA11y,
  launch,
  newContext,
  signUpInBrowser,
  startServer,
  tabTo,
} from '../helpers/browser.ts';

if (browserAvailable(t)) {
  const { baseURL } = await startServer(t);
  const browser = await launch(t);

  async function signUpByKeyboard(page: Page, name: string, email: string, password: string) {
    await tabTo(page, (el) => el.name === 'name');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab'); // past the optional username
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  t.test('without JavaScript, forms post and redirect: sign up lands on my learning', async (t) => {
    const context = await newContext(browser, baseURL, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signUpInBrowser(page, { name: '张伟', email: 'zhang.wei@example.org', password: 'Xuexi-chengshi-2025' });
    t.match(await page.textContent('main'), /张伟/);
    await context.close();
  });

  t.test('English: sign up, my learning, sign out, sign in, all by keyboard', async (t) => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto('/');
    t.equal(await page.getAttribute('html', 'lang'), 'en');
    t.equal(await page.getAttribute('html', 'dir'), 'ltr');
    t.match(await page.textContent('h1'), /learning city/i);
    await checkA11y(t, page, 'home (en)');

    await page.keyboard.press('Tab');
    t.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      'Skip to main content',
      'first Tab reaches the skip link',
    );

    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Sign up');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/signup');
    await checkA11y(t, page, 'sign up (en)');

    // A common password is refused with a clear message; what was typed (except the password) is kept.
    await signUpByKeyboard(page, 'Nguyễn Thị Minh Khai', 'minh.khai@example.org', 'password123');
    await page.waitForSelector('[role=alert]');
    t.match(await page.textContent('[role=alert]'), /common/);
    t.equal(await page.inputValue('#field-name'), 'Nguyễn Thị Minh Khai', 'name kept after an error');
    t.equal(await page.getAttribute('#field-password', 'aria-invalid'), 'true', 'the password field is marked invalid');
    await checkA11y(t, page, 'sign up with error (en)');

    await page.focus('#field-password');
    await page.keyboard.type('Lifelong-learning-2025');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/learning');
    t.equal(await page.textContent('h1'), 'My learning');
    t.match(await page.textContent('main'), /Nguyễn Thị Minh Khai/);
    t.match(await page.textContent('main'), /not started a course yet/);
    await checkA11y(t, page, 'my learning (en)');

    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Sign out');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/signin?signedOut');
    t.match(await page.textContent('[role=status]'), /signed out/);
    await checkA11y(t, page, 'sign in (en)');

    await tabTo(page, (el) => el.name === 'login');
    await page.keyboard.type('minh.khai@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lifelong-learning-2025');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/learning');
    t.match(await page.textContent('main'), /Nguyễn Thị Minh Khai/);
    await context.close();
  });

  t.test('Arabic: the whole page is right-to-left; sign up and sign in by keyboard', async (t) => {
    const context = await newContext(browser, baseURL, { locale: 'ar', extraHTTPHeaders: { 'accept-language': 'ar' } });
    const page = await context.newPage();
    await page.goto('/signup');
    t.equal(await page.getAttribute('html', 'lang'), 'ar');
    t.equal(await page.getAttribute('html', 'dir'), 'rtl');
    t.not(await page.textContent('h1'), 'Create your account', 'the heading is translated');
    await checkA11y(t, page, 'sign up (ar)');
    await signUpByKeyboard(page, 'فاطمة الزهراء', 'fatima@example.org', 'Madinat-al-taallum-2025');
    await page.waitForURL('**/learning');
    t.match(await page.textContent('main'), /فاطمة الزهراء/);
    t.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
    await checkA11y(t, page, 'my learning (ar)');
    await tabTo(
      page,
      (el) => el.tag === 'button' && el.name === null && el.type === 'submit' && !!el.text && el.text !== 'English',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/signin?signedOut');
    await checkA11y(t, page, 'sign in (ar)');
    await page.focus('#field-login');
    await page.keyboard.type('fatima@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Madinat-al-taallum-2025');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/learning');
    await context.close();
  });

  t.test('the language switcher works by keyboard and is remembered', async (t) => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto('/');
    await tabTo(page, (el) => el.tag === 'select');
    await page.selectOption('#lang-select', 'fr');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    t.equal(await page.getAttribute('html', 'lang'), 'fr');
    t.equal(
      await page.textContent('h1'),
      'Bâtir une ville apprenante, étape par étape',
      'the home page is now in French',
    );
    await page.goto('/signin');
    t.equal(await page.getAttribute('html', 'lang'), 'fr', 'kept on the next page');
    await checkA11y(t, page, 'sign in (fr)');
    await context.close();
  });
}
