// An admin resets a person's password from the people page (a printable slip); the person uses the slip and the page
// after signing in tells them, once and in their language, who reset it and when. axe-core on every page.
import t from 'tap';
import { passwordResets } from '../../server/db/schema.ts';
import { signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer } from '../helpers/browser.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test('admin resets a password by keyboard; the person sees who and when at their next sign-in, once', async (t) => {
    await userWithRole(app, 'admin', {
      name: 'نور الإدارة',
      email: 'nour.admin@example.org',
      password: 'Admin-of-the-academy-1',
    });
    await signUp(app, { name: 'Camille Martin', email: 'camille@example.org', locale: 'fr' });

    const adminContext = await newContext(browser, baseURL);
    const admin = await adminContext.newPage();
    await admin.goto('/signin');
    await admin.fill('#field-login', 'nour.admin@example.org');
    await admin.fill('#field-password', 'Admin-of-the-academy-1');
    await Promise.all([admin.waitForURL('**/learning'), admin.press('#field-password', 'Enter')]);
    await admin.goto('/admin/users?q=Camille');
    await checkA11y(t, admin, 'people with reset buttons');
    t.equal(
      await admin.locator('button', { hasText: 'Reset password' }).count(),
      1,
      'a button for the learner, none for the admin',
    );
    await admin.focus('button[aria-label="Reset password for Camille Martin"]');
    await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
    t.match(await admin.textContent('[role=status]'), /signed out on every device/);
    t.equal(
      await admin.textContent('.slip dd[dir=ltr]'),
      'camille@example.org',
      'the slip says what to type with the code',
    );
    const code = (await admin.textContent('.slip .code'))!.trim();
    t.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await checkA11y(t, admin, 'people with a reset slip');
    await adminContext.close();

    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto('/signin/code');
    await page.fill('#field-username', 'camille@example.org');
    await page.fill('#field-code', code);
    await page.fill('#field-password', 'Nouveau-mot-de-passe-2026');
    await Promise.all([page.waitForURL('**/learning'), page.press('#field-password', 'Enter')]);

    const [reset] = await app.database.db.select().from(passwordResets);
    const day = new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(reset.createdAt);
    const notice = page.locator('[role=status].reset-notice');
    t.equal(await page.getAttribute('html', 'lang'), 'fr', "in the person's language");
    t.equal(
      await notice.textContent(),
      `Votre mot de passe a été réinitialisé par نور الإدارة le ${day}. Si vous ne l'avez pas demandé, prévenez un administrateur.`,
    );
    t.equal(await notice.locator('bdi').textContent(), 'نور الإدارة', 'the name is isolated');
    await checkA11y(t, page, 'my learning with the reset notice');

    await page.reload();
    t.equal(await page.locator('.reset-notice').count(), 0, 'shown once');
    await context.close();
  });
}
