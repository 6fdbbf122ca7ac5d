// The join page names the workshop (title, city, dates, facilitators) before the person joins, signed out or in;
// an unknown code says so. axe-core on each page, 360 px wide with no sideways scroll, forms by keyboard.
import t from 'tap';
import { userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test('a person with a join link sees which workshop it is, signs up, comes back and joins', async (t) => {
    const owner = await userWithRole(app, 'facilitator', { name: 'Sophea Chan' });
    const w = await newWorkshop(app, owner, { title: 'Kampot learning city lab' });
    const context = await newContext(browser, baseURL, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`/join?code=${w.joinCode}`);
    const preview = page.locator('section.preview');
    t.equal(await preview.locator('h2').textContent(), 'Kampot learning city lab');
    t.match(await preview.textContent(), /Kampot, Cambodia/);
    t.match(await preview.textContent(), /Facilitated by\s*Sophea Chan/);
    await checkA11y(t, page, 'join page, signed out');
    t.equal(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      0,
      'fits 360 px',
    );

    await page.focus('a.button:not(.secondary)');
    await Promise.all([page.waitForURL('**/signup?**'), page.keyboard.press('Enter')]);
    await page.fill('#field-name', 'Lina Learner');
    await page.fill('#field-email', 'lina@example.org');
    await page.fill('#field-password', 'Learning-city-2025!');
    await submitWith(page, '#field-password', /\/join\?code=/);
    t.equal(
      await page.locator('section.preview h2').textContent(),
      'Kampot learning city lab',
      'named again once signed in',
    );
    await checkA11y(t, page, 'join page, signed in');
    await submitWith(page, '#field-code', /\/workshops\/.+\?done=joined/);
    await context.close();
  });

  t.test('an unknown code says so on the join page', async (t) => {
    const context = await newContext(browser, baseURL, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto('/join?code=ZZZZ-ZZZZ');
    t.match(await page.textContent('[role=alert]'), /No workshop has this code/);
    t.equal(await page.locator('section.preview').count(), 0);
    await checkA11y(t, page, 'join page, unknown code');
    await context.close();
  });
}
