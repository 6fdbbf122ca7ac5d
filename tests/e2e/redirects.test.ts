// A sign-in link carrying a hostile redirectTo (an encoded tab, CR/LF, another origin) lands on this site, never elsewhere.
import t from 'tap';
import { browserAvailable, launch, newContext, signUpInBrowser, startServer } from '../helpers/browser.ts';

if (browserAvailable(t)) {
  const { baseURL } = await startServer(t);
  const browser = await launch(t);
  const origin = new URL(baseURL).origin;
  const person = { name: 'Redirect Tester', email: 'redirect.tester@example.org', password: 'Lifelong-learning-2025' };

  const context = await newContext(browser, baseURL);
  // Were we sent to the other site, show it instead of failing on DNS, so the test sees where it went.
  await context.route(
    (url) => url.hostname.endsWith('evil.example'),
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>evil</title><h1>evil</h1>' }),
  );
  const page = await context.newPage();
  await signUpInBrowser(page, person);

  for (const target of [
    '/%09/evil.example',
    '/%0D%0A/evil.example',
    '//evil.example',
    '/%5Cevil.example',
    'https://evil.example/',
    '/%E2%80%AE/evil.example',
  ]) {
    t.test(`already signed in, /signin?redirectTo=${target} stays on our origin without an error`, async (t) => {
      const res = await page.goto(`/signin?redirectTo=${target}`);
      t.ok(res && res.status() < 400, `status ${res?.status()}`);
      t.equal(new URL(page.url()).origin, origin, `landed on ${page.url()}`);
    });
  }

  t.test('the language form posted with a hostile redirectTo lands on our origin', async (t) => {
    await page.goto('/learning');
    // The form a page would post, with its hidden field changed to a hostile target.
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/learning'),
      page.evaluate(() => {
        const form = Object.assign(document.createElement('form'), { method: 'post', action: '/language' });
        for (const [name, value] of [
          ['locale', 'en'],
          ['redirectTo', '/\t/evil.example'],
        ])
          form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
        document.body.append(form);
        form.submit();
      }),
    ]);
    t.equal(new URL(page.url()).origin, origin, `landed on ${page.url()}`);
  });

  t.test('signing in from /signin?redirectTo=/%09/evil.example lands on our origin', async (t) => {
    await context.clearCookies();
    await page.goto('/signin?redirectTo=/%09/evil.example');
    await page.fill('#field-login', person.email);
    await page.fill('#field-password', person.password);
    await page.press('#field-password', 'Enter');
    await page.waitForLoadState('load');
    await page.waitForFunction(() => !location.pathname.startsWith('/signin'));
    t.equal(new URL(page.url()).origin, origin, `landed on ${page.url()}`);
    t.equal(new URL(page.url()).pathname, '/learning');
  });
}
