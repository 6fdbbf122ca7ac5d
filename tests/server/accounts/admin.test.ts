import t from 'tap';
import { build, GOOD_PASSWORD, injectAs, sessionCookie, uniqueEmail, userWithRole } from '../../helpers/app.ts';
import { newAdmin, newLearner } from '../../helpers/factories.ts';

const app = await build(t);

t.test('admin lists people, searchable and paged; learner gets 403; anonymous 401', async (t) => {
  const admin = await newAdmin(app, { name: 'Ada Admin' });
  await newLearner(app, { name: '张伟' });
  await newLearner(app, { name: 'Zhang Wei' });
  const all = await injectAs(app, admin, { method: 'GET', url: '/api/admin/users?pageSize=2' });
  t.equal(all.statusCode, 200);
  t.equal(all.json().items.length, 2);
  t.ok(all.json().total >= 3);
  t.notOk('passwordHash' in all.json().items[0], 'no hash leaks');
  const search = await injectAs(app, admin, { method: 'GET', url: `/api/admin/users?q=${encodeURIComponent('张')}` });
  t.same(
    search.json().items.map((u: { name: string }) => u.name),
    ['张伟'],
  );
  const learner = await newLearner(app);
  const denied = await injectAs(app, learner, { method: 'GET', url: '/api/admin/users' });
  t.equal(denied.statusCode, 403);
  t.equal(denied.json().error.code, 'auth.forbidden');
  const anon = await app.inject({ method: 'GET', url: '/api/admin/users' });
  t.equal(anon.statusCode, 401);
  const badPage = await injectAs(app, admin, { method: 'GET', url: '/api/admin/users?pageSize=1000' });
  t.equal(badPage.statusCode, 400);
});

t.test('admin makes a person a facilitator; the change applies at once; a learner cannot', async (t) => {
  const admin = await newAdmin(app);
  const person = await newLearner(app);
  const denied = await injectAs(app, person, {
    method: 'PATCH',
    url: `/api/admin/users/${person.id}`,
    payload: { role: 'admin' },
  });
  t.equal(denied.statusCode, 403, 'learner cannot promote themself');
  const ok = await injectAs(app, admin, {
    method: 'PATCH',
    url: `/api/admin/users/${person.id}`,
    payload: { role: 'facilitator' },
  });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().role, 'facilitator');
  const me = await injectAs(app, person, { method: 'GET', url: '/api/me' });
  t.equal(me.json().role, 'facilitator', 'same session sees the new role');
  const unknown = await injectAs(app, admin, {
    method: 'PATCH',
    url: '/api/admin/users/00000000-0000-4000-8000-000000000000',
    payload: { role: 'facilitator' },
  });
  t.equal(unknown.statusCode, 404);
  const badRole = await injectAs(app, admin, {
    method: 'PATCH',
    url: `/api/admin/users/${person.id}`,
    payload: { role: 'king' },
  });
  t.equal(badRole.statusCode, 400);
  const badId = await injectAs(app, admin, {
    method: 'PATCH',
    url: '/api/admin/users/not-a-uuid',
    payload: { role: 'facilitator' },
  });
  t.equal(badId.statusCode, 400);
});

t.test('a demoted admin loses admin access immediately', async (t) => {
  const a = await newAdmin(app);
  const b = await newAdmin(app);
  await injectAs(app, a, { method: 'PATCH', url: `/api/admin/users/${b.id}`, payload: { role: 'learner' } });
  const res = await injectAs(app, b, { method: 'GET', url: '/api/admin/users' });
  t.equal(res.statusCode, 403);
});

t.test('first-admin setup: needs the printed token, works once', async (t) => {
  const fresh = await build(t);
  t.same((await fresh.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: true });
  const token = fresh.setupTokens.issue();
  const body = { name: 'سارة', email: uniqueEmail('admin'), password: GOOD_PASSWORD };
  const wrong = await fresh.inject({ method: 'POST', url: '/api/setup', payload: { ...body, token: 'x'.repeat(32) } });
  t.equal(wrong.statusCode, 403);
  t.equal(wrong.json().error.code, 'setup.bad_token');
  const ok = await fresh.inject({ method: 'POST', url: '/api/setup', payload: { ...body, token } });
  t.equal(ok.statusCode, 201);
  t.equal(ok.json().role, 'admin');
  const me = await fresh.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(ok) } });
  t.equal(me.json().name, 'سارة');
  const again = await fresh.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { ...body, email: uniqueEmail(), token },
  });
  t.equal(again.statusCode, 409);
  t.same((await fresh.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: false });
});

t.test('the only admin cannot demote themself', async (t) => {
  const fresh = await build(t);
  const only = await userWithRole(fresh, 'admin');
  const res = await injectAs(fresh, only, {
    method: 'PATCH',
    url: `/api/admin/users/${only.id}`,
    payload: { role: 'learner' },
  });
  t.equal(res.statusCode, 409);
  t.equal(res.json().error.code, 'auth.last_admin');
});
