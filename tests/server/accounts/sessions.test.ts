// Sessions live in the database: signing out, a password change or a reset ends them even for a copied cookie;
// a token without an expiry, a session id or a proper person id is refused (401, never 500).
import t from 'tap';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../server/db/schema.ts';
import { build, GOOD_PASSWORD, injectAs, sessionCookie } from '../../helpers/app.ts';
import { newAdmin, newLearner } from '../../helpers/factories.ts';

const app = await build(t);
const admin = await newAdmin(app);

const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
const login = (loginName: string, password = GOOD_PASSWORD) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });
const tokenOf = (cookie: string) => cookie.slice('lca_session='.length);
const sidOf = (cookie: string) => app.jwt.decode<{ sid: string }>(tokenOf(cookie))!.sid;

t.test('a cookie copied before signing out no longer works after it (401)', async (t) => {
  const user = await newLearner(app);
  const copy = user.cookie;
  t.equal((await me(copy)).statusCode, 200);
  const out = await injectAs(app, user, { method: 'POST', url: '/api/auth/logout' });
  t.equal(out.statusCode, 204);
  const res = await me(copy);
  t.equal(res.statusCode, 401);
  t.equal(res.json().error.code, 'auth.session_invalid');
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode,
    204,
    'signing out without a cookie is fine',
  );
});

t.test('signing out on one device leaves the others signed in', async (t) => {
  const user = await newLearner(app);
  const phone = sessionCookie(await login(user.email));
  await injectAs(app, user, { method: 'POST', url: '/api/auth/logout' });
  t.equal((await me(phone)).statusCode, 200);
});

t.test(
  'a password change signs out every other device and copied cookie; the device that changed it stays signed in',
  async (t) => {
    const user = await newLearner(app);
    const copy = user.cookie;
    const otherDevice = sessionCookie(await login(user.email));
    const res = await injectAs(app, user, {
      method: 'PUT',
      url: '/api/me/password',
      payload: { currentPassword: GOOD_PASSWORD, newPassword: 'a-brand-new-passphrase' },
    });
    t.equal(res.statusCode, 204, res.body);
    const here = sessionCookie(res);
    t.equal((await me(here)).statusCode, 200, 'this device, with the cookie it was just given');
    t.equal((await me(copy)).statusCode, 401, 'the copy made before');
    t.equal((await me(otherDevice)).statusCode, 401, 'the other device');
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not-the-password', newPassword: 'another-new-passphrase' },
    });
    t.equal(wrong.statusCode, 400);
    t.equal((await me(here)).statusCode, 200, 'a refused change signs nobody out');
  },
);

t.test('an admin reset signs the person out everywhere; using the slip signs out the rest too', async (t) => {
  const learner = await newLearner(app);
  const reset = await injectAs(app, admin, { method: 'POST', url: `/api/admin/users/${learner.id}/sign-in-code` });
  t.equal(reset.statusCode, 201, reset.body);
  t.equal((await me(learner.cookie)).statusCode, 401, 'signed out by the reset');
  const laptop = sessionCookie(await login(learner.email));
  t.equal((await me(laptop)).statusCode, 200, 'the old password works until the slip is used');
  const used = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in-code',
    payload: { username: learner.email, code: reset.json().slips[0].code, password: 'chosen-from-the-slip' },
  });
  t.equal(used.statusCode, 200, used.body);
  t.equal((await me(laptop)).statusCode, 401, 'signed out by using the slip');
  t.equal((await me(sessionCookie(used))).statusCode, 200);
});

t.test('a token signed with the app key but without an expiry is refused (401)', async (t) => {
  const user = await newLearner(app);
  const forever = app.jwt.sign({ sub: user.id, sid: sidOf(user.cookie) });
  t.equal(app.jwt.decode<{ exp?: number }>(forever)!.exp, undefined, 'the token really has no exp');
  const res = await me(`lca_session=${forever}`);
  t.equal(res.statusCode, 401);
  t.equal(res.json().error.code, 'auth.session_invalid');
});

t.test(
  'the session is read from its cookie only: the same valid token as a Bearer header signs nobody in',
  async (t) => {
    const user = await newLearner(app);
    const token = user.cookie.replace(/^lca_session=/, '');
    const alone = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    t.equal(alone.statusCode, 401, 'the header alone');
    const beside = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}`, cookie: 'lca_session=not-a-token' },
    });
    t.equal(beside.statusCode, 401, 'the header beside a cookie that is not a session');
    t.equal((await me(user.cookie)).statusCode, 200, 'as a cookie it works');
  },
);

t.test('a signed token whose sub or sid is not a UUID, or that has no sid, is a 401 (not a 500)', async (t) => {
  const user = await newLearner(app);
  const sid = sidOf(user.cookie);
  const tokens = {
    'sub not a UUID': app.jwt.sign({ sub: "x' or 1=1", sid }, { expiresIn: '1h' }),
    'sub a number': app.jwt.sign({ sub: 42, sid } as never, { expiresIn: '1h' }),
    'sid not a UUID': app.jwt.sign({ sub: user.id, sid: 'nope' }, { expiresIn: '1h' }),
    'no sid': app.jwt.sign({ sub: user.id } as never, { expiresIn: '1h' }),
    "someone else's session": app.jwt.sign({ sub: admin.id, sid }, { expiresIn: '1h' }),
  };
  for (const [what, token] of Object.entries(tokens)) {
    const res = await me(`lca_session=${token}`);
    t.equal(res.statusCode, 401, what);
    t.equal(res.json().error.code, 'auth.session_invalid', what);
  }
  t.equal((await me(user.cookie)).statusCode, 200, 'the real cookie still works');
});

t.test('an expired session row is refused, and removed when that person next signs in', async (t) => {
  const user = await newLearner(app);
  const db = app.database.db;
  await db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(sessions.id, sidOf(user.cookie)));
  t.equal((await me(user.cookie)).statusCode, 401);
  t.equal((await login(user.email)).statusCode, 200);
  const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
  t.equal(rows.length, 1, 'only the new session is left');
  t.ok(rows.every((r) => r.expiresAt > new Date()));
});
