// A learner who completed the course gets her certificate; anyone verifies it, the signature even on the device alone.
import t from 'tap';
import { completeCourse, signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer } from '../helpers/browser.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test('get the certificate from the course page, download it, and verify it online and on the device', async (t) => {
    const learner = await signUp(app, { name: 'សុខ សុភា', email: 'sophea.cert@example.org' });
    await completeCourse(app, learner);
    const context = await newContext(browser, baseURL);
    await context.addCookies([{ name: 'lca_session', value: learner.cookie.split('=')[1], url: baseURL }]);
    const page = await context.newPage();
    await page.goto('/courses/learning-city');
    t.match(await page.textContent('[role=status]'), /completed the course/);
    await page.focus('form[action="?/certificate"] button');
    await Promise.all([page.waitForURL('**/certificates/**'), page.keyboard.press('Enter')]);
    t.match(await page.textContent('main'), /សុខ សុភា/);
    await checkA11y(t, page, 'certificate');
    const pdf = await page.request.get((await page.getAttribute('a[href$="/pdf"]', 'href')) as string);
    t.equal(pdf.headers()['content-type'], 'application/pdf');
    const certId = page.url().split('/').pop()!;
    const verifyUrl = (
      await app.inject({ method: 'GET', url: `/api/certificates/${certId}`, headers: { cookie: learner.cookie } })
    ).json().verifyUrl as string;

    // An employer opens the QR link (anonymous).
    const employer = await newContext(browser, baseURL);
    const check = await employer.newPage();
    const requests: string[] = [];
    check.on('request', (r) => requests.push(r.url()));
    await check.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, ''));
    await check.waitForSelector('[data-result].success');
    t.match(await check.textContent('main'), /Valid: this certificate was issued/);
    t.match(await check.textContent('[data-result]'), /signed by Learning Cities Academy/);
    t.notOk(
      requests.some((u) => u.includes('/api/')),
      'the signature check made no network request',
    );
    await checkA11y(t, check, 'verify (valid)');

    // A copy with an edited name is not valid on the device.
    const [base, payload] = verifyUrl.split('#p=');
    const [body, sig] = payload.split('.');
    const text = Buffer.from(body, 'base64url').toString('utf8').replace('សុខ សុភា', 'Someone Else');
    await check.goto(`${base.replace(/^https?:\/\/[^/]+/, '')}#p=${Buffer.from(text).toString('base64url')}.${sig}`);
    await check.waitForSelector('[data-result].alert');
    t.match(await check.textContent('[data-result]'), /Not valid/);
    await checkA11y(t, check, 'verify (tampered)');

    // A facilitator's phone that opened the verify page once checks a certificate with no network at all.
    await check.evaluate(() => navigator.serviceWorker.ready);
    await employer.setOffline(true);
    await check.goto('about:blank');
    await check.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, ''));
    await check.waitForSelector('[data-result].success');
    t.match(
      await check.textContent('[data-result]'),
      /signed by Learning Cities Academy/,
      'valid, with the network off',
    );
    t.match(await check.textContent('[role=note]'), /offline/);
    t.match(await check.textContent('main'), /សុខ សុភា/);
    await checkA11y(t, check, 'verify (offline)');
    await check.goto(`${base.replace(/^https?:\/\/[^/]+/, '')}#p=${Buffer.from(text).toString('base64url')}.${sig}`);
    await check.waitForSelector('[data-result].alert');
    t.match(await check.textContent('[data-result]'), /Not valid/, 'an edited copy is not valid offline either');
    await employer.setOffline(false);

    // Someone without a camera pastes the QR text into the verify page (no JavaScript needed).
    const noJs = await newContext(browser, baseURL, { javaScriptEnabled: false });
    const paste = await noJs.newPage();
    await paste.goto('/verify');
    await paste.fill('#code', verifyUrl);
    await Promise.all([paste.waitForURL(`**/verify/${certId}**`), paste.press('#code', 'Enter')]);
    t.match(await paste.textContent('main'), /Valid: this certificate was issued/);
    await paste.goto('/verify?code=not+a+code');
    t.match(await paste.textContent('.field-error'), /not a certificate code/);
    await noJs.close();

    // An admin revokes it from the admin page; the online check then says revoked, with the reason.
    const admin = await userWithRole(app, 'admin');
    const adminContext = await newContext(browser, baseURL);
    await adminContext.addCookies([{ name: 'lca_session', value: admin.cookie.split('=')[1], url: baseURL }]);
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/admin/certificates');
    await checkA11y(t, adminPage, 'admin: revoke a certificate');
    await adminPage.fill('#field-id', certId);
    await adminPage.fill('#field-reason', 'issued by mistake');
    await Promise.all([adminPage.waitForLoadState(), adminPage.press('#field-reason', 'Enter')]);
    await adminPage.waitForSelector('.success');
    t.match(await adminPage.textContent('.success'), /is revoked/);
    await check.goto(`/verify/${certId}`);
    t.match(await check.textContent('main'), /Revoked on [A-Z][a-z]+ \d{1,2}, \d{4}: issued by mistake/);
    await checkA11y(t, check, 'verify (revoked)');
    await adminContext.close();
    await context.close();
    await employer.close();
  });
}
