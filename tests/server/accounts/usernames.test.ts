// Usernames instead of email: sign-up with either (at least one), sign-in with either in one field, the username rules.
import t from 'tap';
import { suggestUsername, usernameProblem } from '../../../server/modules/accounts/usernames.ts';
import { build, GOOD_PASSWORD, sessionCookie, uniqueEmail } from '../../helpers/app.ts';

const app = await build(t);
const signup = (payload: object) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: 'Sokha Chan', password: GOOD_PASSWORD, ...payload },
  });
const login = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { password: GOOD_PASSWORD, ...payload } });

t.test('username rules: 3-32 letters in any script, digits, . _ -; starting with a letter or digit', async (t) => {
  for (const ok of ['sokha', 'Sokha.Chan', 'li_wei-2', '王芳芳', 'សុខា', 'مريم', 'anh.nguyễn'])
    t.equal(usernameProblem(ok.normalize('NFC')), null, ok);
  t.equal(usernameProblem('ab')?.code, 'auth.username_length');
  t.equal(usernameProblem('a'.repeat(33))?.code, 'auth.username_length');
  for (const bad of ['-sokha', 'so kha', 'sokha@x', 'so/kha', '.abc'])
    t.equal(usernameProblem(bad)?.code, 'auth.username_invalid', bad);
  t.match(suggestUsername('Nguyễn Văn An'), /^nguyenvanan-\d{4}$/);
  t.match(suggestUsername('王芳'), /^user-\d{4}$/, 'no Latin letters: a typable stem');
  t.match(suggestUsername('王芳', 6), /^user-\d{6}$/, 'more digits when asked');
});

t.test('a person signs up with a username and no email, and signs in with it in any case', async (t) => {
  const res = await signup({ username: 'Sokha.Chan' });
  t.equal(res.statusCode, 201);
  t.same({ email: res.json().email, username: res.json().username }, { email: null, username: 'Sokha.Chan' });
  const byUsername = await login({ login: 'sokha.chan' });
  t.equal(byUsername.statusCode, 200);
  t.equal(byUsername.json().id, res.json().id);
  t.ok(sessionCookie(byUsername));
});

t.test(
  'a person signs up with email and username; either signs them in (also through the older `email` field)',
  async (t) => {
    const email = uniqueEmail();
    const res = await signup({ email, username: 'both-ways' });
    t.equal(res.statusCode, 201);
    t.equal((await login({ login: email.toUpperCase() })).statusCode, 200);
    t.equal((await login({ login: 'BOTH-WAYS' })).statusCode, 200);
    t.equal((await login({ email: 'both-ways' })).statusCode, 200);
  },
);

t.test('sign-up without email or username is refused (400), saying to give one', async (t) => {
  const res = await signup({});
  t.equal(res.statusCode, 400);
  t.equal(res.json().error.code, 'auth.identifier_required');
  t.equal((await signup({ email: '' })).json().error.code, 'auth.identifier_required');
});

t.test('a taken username (ignoring case) is refused with 409; a bad one with 400 and nothing created', async (t) => {
  t.equal((await signup({ username: 'taken.name' })).statusCode, 201);
  const clash = await signup({ username: 'TAKEN.NAME' });
  t.equal(clash.statusCode, 409);
  t.equal(clash.json().error.code, 'auth.username_taken');
  const bad = await signup({ username: 'no spaces', email: uniqueEmail() });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'auth.username_invalid');
  t.match(bad.json().error.message, /letters, digits/);
});

t.test('a wrong password or unknown username gives the same 401', async (t) => {
  await signup({ username: 'careful' });
  const wrong = await login({ login: 'careful', password: 'not-the-password-1' });
  const unknown = await login({ login: 'nobody-here' });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  t.equal(wrong.json().error.message, unknown.json().error.message);
});

t.test(
  'sign-in attempts are limited per account, counted together whether typed as username or email (429)',
  async (t) => {
    const email = uniqueEmail();
    await signup({ username: 'limited-one', email });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await login({ login: i % 2 ? 'Limited-One' : email, password: `wrong-password-${i}` })).statusCode,
      );
    t.equal(statuses.filter((s) => s === 401).length, 10);
    t.equal(statuses.at(-1), 429);
  },
);
