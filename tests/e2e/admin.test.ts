// First-admin setup in the browser, making a person a facilitator, and changing one's own name and language.
import t from 'tap';
import { browserAvailable, checkA11y, launch, newContext, startServer, tabTo } from '../helpers/browser.ts';
import { signUp } from '../helpers/app.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test('the one-time setup link creates the admin, who makes a person a facilitator by keyboard', async (t) => {
    const person = await signUp(app, { name: 'Trần Văn Bình', email: 'binh@example.org' });
    const token = app.setupTokens.issue();
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto(`/setup?token=${token}`);
    await checkA11y(t, page, 'setup');
    await page.fill('#field-name', 'Ada Admin');
    await page.fill('#field-email', 'ada@example.org');
    await page.fill('#field-password', 'Admin-of-the-academy-1');
    await Promise.all([page.waitForURL('**/admin/users?created=1'), page.press('#field-password', 'Enter')]);
    await checkA11y(t, page, 'people');
    t.match(
      await page.textContent('[role=status]'),
      'Your admin account has been created. You are signed in as Ada Admin.',
      'the new admin is told it worked',
    );
    t.match(await page.textContent('table'), /Trần Văn Bình/);

    await page.focus('#user-search');
    await page.keyboard.type('Bình');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    t.equal(await page.locator('tbody tr').count(), 1, 'search finds the person');
    t.match(await page.textContent('main'), /\b1 person\b/, 'one person, not "1 people"');
    await page.focus(`#role-${person.id}`);
    await page.selectOption(`#role-${person.id}`, 'facilitator');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    t.match(
      await page.textContent('[role=status]'),
      'The role of Trần Văn Bình is now: Facilitator.',
      'says whose role changed, and to what',
    );
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: person.cookie } });
    t.equal(me.json().role, 'facilitator');

    const again = await context.newPage();
    await again.goto(`/setup?token=${token}`);
    t.match(await again.textContent('main'), /Setup is complete/, 'the link works once');
    await context.close();
  });

  t.test('a learner cannot open the people page', async (t) => {
    const learner = await signUp(app);
    const context = await newContext(browser, baseURL);
    await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
    const page = await context.newPage();
    const res = await page.goto('/admin/users');
    t.equal(res?.status(), 403);
    await context.close();
  });

  t.test('a person changes their name and language on the account page, by keyboard', async (t) => {
    const learner = await signUp(app, { name: 'Old Name' });
    const context = await newContext(browser, baseURL);
    await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
    const page = await context.newPage();
    await page.goto('/account');
    await checkA11y(t, page, 'account');
    await page.fill('#field-name', '张伟');
    await page.selectOption('#field-locale', 'zh');
    await page.focus('#field-locale');
    await tabTo(page, (el) => el.tag === 'button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    t.equal(await page.getAttribute('html', 'lang'), 'zh', 'the page is now in Chinese');
    t.equal(await page.inputValue('#field-name'), '张伟');
    await checkA11y(t, page, 'account (zh)');
    await context.close();
  });
}
