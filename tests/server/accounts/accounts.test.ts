import t from 'tap';
import { count } from 'drizzle-orm';
import { users } from '../../../server/db/schema.ts';
import { build, GOOD_PASSWORD, injectAs, sessionCookie, uniqueEmail } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';

const app = await build(t);
const userCount = async () => Number((await app.database.db.select({ n: count() }).from(users))[0].n);

t.test('a person signs up with a name in any script, is signed in, and sees it exactly as typed', async (t) => {
  for (const name of ['张伟', 'សុខ សុភា', 'فاطمة الزهراء', 'Nguyễn Thị Minh Khai']) {
    const email = uniqueEmail();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name, email, password: GOOD_PASSWORD },
    });
    t.equal(res.statusCode, 201, name);
    const cookie = res.cookies.find((c) => c.name === 'lca_session');
    t.ok(cookie?.httpOnly, 'session cookie is httpOnly');
    t.equal(cookie?.sameSite, 'Lax');
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(res) } });
    t.equal(me.statusCode, 200);
    t.same(me.json(), { id: res.json().id, name, email, username: null, role: 'learner', locale: 'en' });
  }
});

t.test('a decomposed name is stored NFC-normalised and trimmed', async (t) => {
  const decomposed = '  Nguye\u0302\u0303n  ';
  const user = await newLearner(app, { name: decomposed });
  t.equal(user.name, 'Nguyễn');
  t.equal(user.name, 'Nguye\u0302\u0303n'.normalize('NFC'));
});

t.test('sign out, then sign in again with any letter case of the email', async (t) => {
  const email = uniqueEmail('Case');
  await newLearner(app, { email });
  const out = await app.inject({ method: 'POST', url: '/api/auth/logout' });
  t.equal(out.statusCode, 204);
  const cleared = out.cookies.find((c) => c.name === 'lca_session');
  t.equal(cleared?.value, '', 'logout clears the cookie');
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: email.toUpperCase(), password: GOOD_PASSWORD },
  });
  t.equal(login.statusCode, 200);
  t.equal(login.json().email, email);
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(login) } });
  t.equal(me.statusCode, 200);
});

t.test('wrong email and wrong password get the same 401 message', async (t) => {
  const email = uniqueEmail();
  await newLearner(app, { email });
  const wrongPassword = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: 'not-the-password-1' },
  });
  const wrongEmail = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: uniqueEmail('nobody'), password: GOOD_PASSWORD },
  });
  t.equal(wrongPassword.statusCode, 401);
  t.equal(wrongEmail.statusCode, 401);
  t.same(wrongPassword.json(), wrongEmail.json());
  t.equal(wrongPassword.json().error.code, 'auth.invalid_credentials');
});

t.test('bad sign-up input gets a clear 4xx and writes no row', async (t) => {
  const taken = uniqueEmail();
  await newLearner(app, { email: taken });
  const before = await userCount();
  const cases: Array<{
    name: string;
    payload: string | object;
    status: number;
    code: string;
    mentions?: string;
    headers?: Record<string, string>;
  }> = [
    {
      name: 'malformed JSON',
      payload: '{"name": "x", ',
      status: 400,
      code: 'request.malformed_json',
      headers: { 'content-type': 'application/json' },
    },
    {
      name: 'neither email nor username',
      payload: { name: 'A', password: GOOD_PASSWORD },
      status: 400,
      code: 'auth.identifier_required',
      mentions: 'email or choose a username',
    },
    {
      name: 'wrong type',
      payload: { name: 42, email: uniqueEmail(), password: GOOD_PASSWORD },
      status: 400,
      code: 'request.invalid',
      mentions: 'body.name',
    },
    {
      name: 'unknown property',
      payload: { name: 'A', email: uniqueEmail(), password: GOOD_PASSWORD, isAdmin: true },
      status: 400,
      code: 'request.invalid',
      mentions: 'isAdmin',
    },
    {
      name: 'not an email',
      payload: { name: 'A', email: 'not-an-email', password: GOOD_PASSWORD },
      status: 400,
      code: 'request.invalid',
      mentions: 'email',
    },
    {
      name: 'email taken, other case',
      payload: { name: 'A', email: taken.toUpperCase(), password: GOOD_PASSWORD },
      status: 409,
      code: 'auth.email_taken',
    },
    {
      name: 'short password',
      payload: { name: 'A', email: uniqueEmail(), password: 'short1!' },
      status: 400,
      code: 'auth.password_too_short',
      mentions: '10 characters',
    },
    {
      name: 'common password',
      payload: { name: 'A', email: uniqueEmail(), password: 'password123' },
      status: 400,
      code: 'auth.password_common',
      mentions: 'common',
    },
    {
      name: 'name of only spaces',
      payload: { name: '    ', email: uniqueEmail(), password: GOOD_PASSWORD },
      status: 400,
      code: 'auth.name_required',
    },
    {
      name: 'name over 120 characters',
      payload: { name: 'ស'.repeat(121), email: uniqueEmail(), password: GOOD_PASSWORD },
      status: 400,
      code: 'auth.name_too_long',
    },
    {
      name: 'oversized body',
      payload: { name: 'A', email: uniqueEmail(), password: GOOD_PASSWORD, padding: 'x'.repeat(1_100_000) },
      status: 413,
      code: 'request.too_large',
    },
  ];
  for (const c of cases) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: c.payload as never,
      headers: c.headers,
    });
    t.equal(res.statusCode, c.status, `${c.name}: status`);
    const body = res.json();
    t.equal(body.error.code, c.code, `${c.name}: code`);
    t.ok(body.error.message.length > 10, `${c.name}: has a message`);
    if (c.mentions) t.match(body.error.message, c.mentions, `${c.name}: message names the problem`);
    t.notOk(
      res.cookies.find((x) => x.name === 'lca_session' && x.value),
      `${c.name}: not signed in`,
    );
  }
  t.equal(await userCount(), before, 'no row was written');
});

t.test('a name of exactly 120 characters in Khmer is accepted', async (t) => {
  const user = await newLearner(app, { name: 'ស'.repeat(120) });
  t.equal([...user.name].length, 120);
});

t.test('a tampered or expired cookie gets 401 and is cleared', async (t) => {
  const user = await newLearner(app);
  const [, token] = user.cookie.split('=');
  const [h, , s] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ sub: '00000000-0000-0000-0000-000000000000', iat: 1 })).toString(
    'base64url',
  );
  for (const bad of [`${h}.${forged}.${s}`, `${token}x`, 'garbage']) {
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `lca_session=${bad}` } });
    t.equal(res.statusCode, 401);
    t.equal(res.json().error.code, 'auth.session_invalid');
    t.equal(res.cookies.find((c) => c.name === 'lca_session')?.value, '', 'cookie cleared');
  }
  const { sid } = app.jwt.decode<{ sid: string }>(token)!;
  const expired = app.jwt.sign({ sub: user.id, sid }, { expiresIn: -10 } as never);
  const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `lca_session=${expired}` } });
  t.equal(res.statusCode, 401);
});

t.test('anonymous /api/me is 401 with a message', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/me' });
  t.equal(res.statusCode, 401);
  t.equal(res.json().error.code, 'auth.required');
});

t.test('a signed-in person changes their name and locale; bad locale is refused', async (t) => {
  const user = await newLearner(app);
  const ok = await injectAs(app, user, { method: 'PATCH', url: '/api/me', payload: { name: 'فاطمة', locale: 'ar' } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().name, 'فاطمة');
  t.equal(ok.json().locale, 'ar');
  const bad = await injectAs(app, user, { method: 'PATCH', url: '/api/me', payload: { locale: 'xx' } });
  t.equal(bad.statusCode, 400);
});

t.test('changing the password needs the current one', async (t) => {
  const user = await newLearner(app);
  const wrong = await injectAs(app, user, {
    method: 'PUT',
    url: '/api/me/password',
    payload: { currentPassword: 'wrong-password-x', newPassword: 'Another-good-pass-9' },
  });
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().error.code, 'auth.current_password_wrong');
  const ok = await injectAs(app, user, {
    method: 'PUT',
    url: '/api/me/password',
    payload: { currentPassword: GOOD_PASSWORD, newPassword: 'Another-good-pass-9' },
  });
  t.equal(ok.statusCode, 204);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: 'Another-good-pass-9' },
  });
  t.equal(login.statusCode, 200);
});

t.test('state-changing requests from another origin are refused', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers: { origin: 'https://evil.example' },
    payload: { name: 'A', email: uniqueEmail(), password: GOOD_PASSWORD },
  });
  t.equal(res.statusCode, 403);
  t.equal(res.json().error.code, 'request.cross_origin');
  const same = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers: { origin: 'http://localhost:3000' },
    payload: { name: 'A', email: uniqueEmail(), password: GOOD_PASSWORD },
  });
  t.equal(same.statusCode, 201, 'same origin is allowed');
});

t.test('sign-in is rate limited per account with Retry-After and a readable message', async (t) => {
  const email = uniqueEmail('target');
  await newLearner(app, { email });
  let last;
  for (let i = 0; i < 11; i++)
    last = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: `wrong-guess-${i}-x` },
    });
  t.equal(last!.statusCode, 429);
  t.ok(Number(last!.headers['retry-after']) > 0, 'Retry-After header');
  t.equal(last!.json().error.code, 'auth.rate_limited');
  t.match(last!.json().error.message, /wait/);
  const right = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: GOOD_PASSWORD },
  });
  t.equal(right.statusCode, 429, 'even the right password waits');
  const other = await newLearner(app);
  const otherLogin = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: other.email, password: GOOD_PASSWORD },
  });
  t.equal(otherLogin.statusCode, 200, 'other accounts are not affected');
});

t.test('passwords are stored as argon2id hashes', async (t) => {
  const user = await newLearner(app);
  const { findUserById } = await import('../../../server/modules/accounts/accounts.repository.ts');
  const row = await findUserById(app.database.db, user.id);
  t.match(row?.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

t.test('an opaque "null" origin is refused as cross-site, not a server error', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: 'null' },
    payload: { email: uniqueEmail(), password: GOOD_PASSWORD },
  });
  t.equal(res.statusCode, 403);
});
