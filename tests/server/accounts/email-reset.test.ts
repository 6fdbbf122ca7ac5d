// "Forgot your password?" by email, against a real SMTP server receiving the mail: the same answer whether or not an
// account exists, limits per address and per network, a link that works once for an hour and signs the person out
// everywhere; and adding or changing an email on the account (current password required, another account's email refused).
import t from 'tap';
import { eq } from 'drizzle-orm';
import { passwordResetTokens, users } from '../../../server/db/schema.ts';
import { requestResetLink } from '../../../server/modules/accounts/password-reset-links.ts';
import { RESET_REQUEST_LIMITS } from '../../../server/modules/accounts/accounts.routes.ts';
import { build, GOOD_PASSWORD, sessionCookie, signUp, uniqueEmail } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { resetLinkIn, startSmtpServer } from '../../helpers/smtp.ts';

const smtp = await startSmtpServer(t);
const app = await build(t, { config: { mail: { smtpUrl: smtp.url, from: 'Academy <academy@example.org>' } } });
const NEW_PASSWORD = 'a-fresh-river-passphrase';

let addressCounter = 0;
/** Each test asks from its own network address, so the per-address limit of one test does not reach another. */
const newAddress = () => `10.1.0.${++addressCounter}`;
const askReset = (email: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email }, remoteAddress });
const confirm = (token: string, password = NEW_PASSWORD) =>
  app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } });
const login = (loginName: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
const changeEmail = (cookie: string, payload: object) =>
  app.inject({ method: 'PUT', url: '/api/me/email', headers: { cookie }, payload });

t.test('anyone: the sign-in page learns that reset links go by email here', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/auth/password-reset' });
  t.same(res.json(), { byEmail: true });
});

t.test(
  'person with an email: asks, gets the link by mail, sets a new password (argon2id); every session ends; the new password signs in',
  async (t) => {
    const user = await newLearner(app, { name: 'Dara Chan' });
    const otherDevice = sessionCookie(await login(user.email, GOOD_PASSWORD));
    const res = await askReset(user.email.toUpperCase(), newAddress());
    t.equal(res.statusCode, 202, res.body);
    const mail = await smtp.mailFor(user.email);
    t.match(mail.headers.from, /academy@example\.org/);
    t.equal(mail.subject, 'Choose a new password for Learning Cities Academy');
    t.match(mail.text, /Hello Dara Chan/);
    t.match(mail.text, /works once, for 60 minutes/);
    const { link, token } = resetLinkIn(mail);
    t.ok(link.startsWith('http://localhost:3000/signin/reset?token='), link);
    const [stored] = await app.database.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, user.id));
    t.not(stored.tokenHash, token, 'only a hash of the token is stored');
    t.notMatch(stored.tokenHash, token);

    const done = await confirm(token);
    t.equal(done.statusCode, 204, done.body);
    t.equal((await me(user.cookie)).statusCode, 401, 'the session that was open is ended');
    t.equal((await me(otherDevice)).statusCode, 401, 'and the other device too');
    t.equal((await login(user.email, GOOD_PASSWORD)).statusCode, 401, 'the old password no longer works');
    t.equal((await login(user.email, NEW_PASSWORD)).statusCode, 200, 'the new one does');
    const [row] = await app.database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    t.match(row.hash, /^\$argon2id\$/);
  },
);

t.test('anyone: a used link cannot be used again (400), and the password it set stays', async (t) => {
  const user = await newLearner(app);
  await askReset(user.email, newAddress());
  const { token } = resetLinkIn(await smtp.mailFor(user.email));
  t.equal((await confirm(token)).statusCode, 204);
  const again = await confirm(token, 'an-attackers-passphrase');
  t.equal(again.statusCode, 400);
  t.equal(again.json().error.code, 'auth.reset_link_invalid');
  t.equal((await login(user.email, NEW_PASSWORD)).statusCode, 200);
});

t.test("anyone: a wrong or made-up token is refused (400) and changes nobody's password", async (t) => {
  const user = await newLearner(app);
  await askReset(user.email, newAddress());
  const { token } = resetLinkIn(await smtp.mailFor(user.email));
  for (const wrong of [
    `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    'not-a-token',
    token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
  ]) {
    const res = await confirm(wrong);
    t.equal(res.statusCode, 400, wrong);
    t.equal(res.json().error.code, 'auth.reset_link_invalid');
    t.match(res.json().error.message, /Ask for a new one/);
  }
  t.equal((await login(user.email, GOOD_PASSWORD)).statusCode, 200, 'the password is unchanged');
  t.equal((await confirm(token)).statusCode, 204, 'the real link still works');
});

t.test('anyone: a link older than an hour has expired (410), then is gone (400)', async (t) => {
  const user = await newLearner(app);
  const mail = await requestResetLink(
    app.database.db,
    user.email,
    'http://localhost:3000',
    new Date(Date.now() - 61 * 60_000),
  );
  const { token } = resetLinkIn({ ...mail!, to: [user.email], from: '', headers: {} });
  const res = await confirm(token);
  t.equal(res.statusCode, 410, res.body);
  t.equal(res.json().error.code, 'auth.reset_link_expired');
  t.equal((await confirm(token)).statusCode, 400);
  t.equal((await login(user.email, GOOD_PASSWORD)).statusCode, 200, 'the password is unchanged');
});

t.test('anyone: a link 59 minutes old still works', async (t) => {
  const user = await newLearner(app);
  const mail = await requestResetLink(
    app.database.db,
    user.email,
    'http://localhost:3000',
    new Date(Date.now() - 59 * 60_000),
  );
  const { token } = resetLinkIn({ ...mail!, to: [user.email], from: '', headers: {} });
  t.equal((await confirm(token)).statusCode, 204);
});

t.test('person: asking again replaces the earlier link (the old one is refused)', async (t) => {
  const user = await newLearner(app);
  const address = newAddress();
  await askReset(user.email, address);
  const first = resetLinkIn(await smtp.mailFor(user.email)).token;
  await askReset(user.email, address);
  const second = resetLinkIn(await smtp.mailFor(user.email)).token;
  t.equal((await confirm(first)).statusCode, 400);
  t.equal((await confirm(second)).statusCode, 204);
});

t.test('anyone: a too-short new password is refused (400) and the link still works afterwards', async (t) => {
  const user = await newLearner(app);
  await askReset(user.email, newAddress());
  const { token } = resetLinkIn(await smtp.mailFor(user.email));
  const res = await confirm(token, 'short');
  t.equal(res.statusCode, 400);
  t.equal(res.json().error.code, 'auth.password_too_short');
  t.equal((await confirm(token)).statusCode, 204);
});

t.test('anyone: an email no account has gets the very same answer, and no mail is sent', async (t) => {
  const known = await newLearner(app);
  const unknown = uniqueEmail('nobody');
  const address = newAddress();
  const forUnknown = await askReset(unknown, address);
  const forKnown = await askReset(known.email, address);
  t.equal(forUnknown.statusCode, forKnown.statusCode);
  t.equal(forUnknown.body, forKnown.body);
  t.same(forUnknown.json(), { status: 'accepted' });
  await smtp.mailFor(known.email);
  t.same(smtp.mailsFor(unknown), [], 'no mail for the address nobody has');
});

t.test("anyone: the mail speaks the person's language", async (t) => {
  const user = await newLearner(app, { name: 'Amélie', locale: 'fr' });
  await askReset(user.email, newAddress());
  const mail = await smtp.mailFor(user.email);
  t.equal(mail.subject, 'Choisissez un nouveau mot de passe pour Learning Cities Academy');
  t.match(mail.text, /Bonjour Amélie/);
  t.equal(mail.headers['content-language'], 'fr');
  const ar = await newLearner(app, { name: 'ليلى', locale: 'ar' });
  await askReset(ar.email, newAddress());
  t.match((await smtp.mailFor(ar.email)).text, /مرحبًا ليلى/);
});

t.test(
  `anyone: more than ${RESET_REQUEST_LIMITS.perEmail.max} requests an hour for one email are refused (429), whether or not it has an account`,
  async (t) => {
    const known = await newLearner(app);
    for (const email of [known.email, uniqueEmail('nobody')]) {
      for (let i = 0; i < RESET_REQUEST_LIMITS.perEmail.max; i++)
        t.equal((await askReset(email, newAddress())).statusCode, 202);
      const res = await askReset(email, newAddress());
      t.equal(res.statusCode, 429, 'refused even from another network');
      t.equal(res.json().error.code, 'auth.rate_limited');
      t.ok(res.headers['retry-after']);
    }
    t.equal((await askReset(uniqueEmail('other'), newAddress())).statusCode, 202, 'another email is not held back');
  },
);

t.test(
  `anyone: more than ${RESET_REQUEST_LIMITS.perAddress.max} requests an hour from one network are refused (429)`,
  async (t) => {
    const address = newAddress();
    for (let i = 0; i < RESET_REQUEST_LIMITS.perAddress.max; i++)
      t.equal((await askReset(uniqueEmail('many'), address)).statusCode, 202);
    const res = await askReset(uniqueEmail('many'), address);
    t.equal(res.statusCode, 429);
    t.match(res.json().error.message, /password reset requests from this network/);
    t.equal((await askReset(uniqueEmail('many'), newAddress())).statusCode, 202, 'another network is not held back');
  },
);

t.test('anyone: a request without a proper email is refused (400)', async (t) => {
  const res = await askReset('not-an-email', newAddress());
  t.equal(res.statusCode, 400);
});

// ---- Adding or changing an email ----

t.test(
  'person: changes their email with their current password (200); signs in with it; a reset link then goes to the new address',
  async (t) => {
    const user = await newLearner(app);
    const newEmail = uniqueEmail('moved');
    const res = await changeEmail(user.cookie, { email: newEmail, currentPassword: GOOD_PASSWORD });
    t.equal(res.statusCode, 200, res.body);
    t.equal(res.json().email, newEmail);
    t.equal((await login(newEmail, GOOD_PASSWORD)).statusCode, 200);
    t.equal((await login(user.email, GOOD_PASSWORD)).statusCode, 401, 'the old email no longer signs in');
    await askReset(newEmail, newAddress());
    t.ok(resetLinkIn(await smtp.mailFor(newEmail)).token);
  },
);

t.test('person with a username only: adds an email, and can then reset by email', async (t) => {
  const signup = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: 'Sokha', username: `sokha${process.pid}`, password: GOOD_PASSWORD },
  });
  const cookie = sessionCookie(signup);
  const email = uniqueEmail('sokha');
  const res = await changeEmail(cookie, { email, currentPassword: GOOD_PASSWORD });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().username, `sokha${process.pid}`);
  await askReset(email, newAddress());
  t.equal((await confirm(resetLinkIn(await smtp.mailFor(email)).token)).statusCode, 204);
});

t.test('person: a wrong current password is refused (400) and the email stays', async (t) => {
  const user = await newLearner(app);
  const res = await changeEmail(user.cookie, { email: uniqueEmail('x'), currentPassword: 'not-my-password' });
  t.equal(res.statusCode, 400);
  t.equal(res.json().error.code, 'auth.current_password_wrong');
  t.equal((await me(user.cookie)).json().email, user.email);
});

t.test("person: another account's email is refused (409), in any case, without saying whose it is", async (t) => {
  const user = await newLearner(app);
  const other = await newLearner(app, { name: 'Someone Else' });
  const res = await changeEmail(user.cookie, { email: other.email.toUpperCase(), currentPassword: GOOD_PASSWORD });
  t.equal(res.statusCode, 409);
  t.equal(res.json().error.code, 'auth.email_in_use');
  t.notMatch(res.body, /Someone Else/);
  t.notMatch(res.body, other.id);
  t.equal((await me(user.cookie)).json().email, user.email);
});

t.test('person: their own email again (even in another case) is fine (200)', async (t) => {
  const user = await newLearner(app);
  t.equal((await changeEmail(user.cookie, { email: user.email, currentPassword: GOOD_PASSWORD })).statusCode, 200);
});

t.test('person: a malformed email is refused (400); not signed in is refused (401)', async (t) => {
  const user = await newLearner(app);
  t.equal((await changeEmail(user.cookie, { email: 'nope', currentPassword: GOOD_PASSWORD })).statusCode, 400);
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: '/api/me/email',
        payload: { email: uniqueEmail(), currentPassword: GOOD_PASSWORD },
      })
    ).statusCode,
    401,
  );
});

t.test('person: changing the email ends a reset link sent to the old address (400)', async (t) => {
  const user = await newLearner(app);
  await askReset(user.email, newAddress());
  const { token } = resetLinkIn(await smtp.mailFor(user.email));
  t.equal(
    (await changeEmail(user.cookie, { email: uniqueEmail('new'), currentPassword: GOOD_PASSWORD })).statusCode,
    200,
  );
  t.equal((await confirm(token)).statusCode, 400);
});

t.test(
  'without an SMTP server: the page is told to send people to a person, and a request is refused (404) saying whom to ask',
  async (t) => {
    const plain = await build(t);
    t.same((await plain.inject({ method: 'GET', url: '/api/auth/password-reset' })).json(), { byEmail: false });
    const user = await signUp(plain);
    const res = await plain.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
    t.equal(res.statusCode, 404);
    t.equal(res.json().error.code, 'auth.reset_by_email_off');
    t.match(res.json().error.message, /facilitator or an admin/);
  },
);
