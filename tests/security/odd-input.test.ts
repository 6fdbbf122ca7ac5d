// Issue 13, point 6: requests an outside probe found answering 500, each now a 4xx a person can act on,
import { randomUUID } from 'node:crypto';
// in the usual shape {error:{code,message}}; and the pages built on them answer 4xx too.
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { registerErrorHandler } from '../../server/http/error-handler.ts';
import { build, GOOD_PASSWORD, userWithRole } from '../helpers/app.ts';

const app = await build(t, { web: true });
const admin = await userWithRole(app, 'admin');
const learner = await userWithRole(app, 'learner', { name: 'Nul Tester' });
const as = (
  cookie: string | undefined,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  more: { payload?: string | object; headers?: Record<string, string> } = {},
) =>
  app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...more.headers },
    ...(more.payload !== undefined ? { payload: more.payload } : {}),
  });

function isError(
  t: Test,
  res: { statusCode: number; json: () => { error?: { code?: unknown; message?: unknown } } },
  status: number,
  code?: string,
) {
  t.equal(res.statusCode, status, 'status');
  const { error } = res.json();
  t.type(error?.code, 'string', 'a code');
  t.type(error?.message, 'string', 'a message');
  if (code) t.equal(error?.code, code);
}

t.test(
  'a NUL character in a sign-in name is a 400 that names the field; the person can still sign in after',
  async (t) => {
    const res = await as(undefined, 'POST', '/api/auth/login', { payload: { login: 'a\u0000b', password: 'x' } });
    isError(t, res, 400, 'request.invalid');
    t.match(res.json().error.message, /body\.login contains the character U\+0000 \(NUL\)/);
    t.same(
      res.json().error.details.map((d: { field: string }) => d.field),
      ['body.login'],
    );
    const ok = await as(undefined, 'POST', '/api/auth/login', {
      payload: { login: learner.email, password: GOOD_PASSWORD },
    });
    t.equal(ok.statusCode, 200, 'a normal sign-in still works');
  },
);

t.test('NUL in a path id or a search is a 400 for anyone', async (t) => {
  isError(t, await as(undefined, 'GET', '/api/courses/%00'), 400, 'request.invalid');
  isError(t, await as(undefined, 'GET', '/api/modules/a%00b?locale=en'), 400, 'request.invalid');
  isError(t, await as(learner.cookie, 'POST', '/api/quizzes/%00/attempts'), 400, 'request.invalid');
  isError(t, await as(admin.cookie, 'GET', '/api/admin/users?q=%00'), 400, 'request.invalid');
  const events = await as(learner.cookie, 'POST', '/api/progress/events', {
    payload: {
      events: [
        {
          id: '8c0c5b5e-4a39-4d43-9b6d-6c1f8f0a3f10',
          type: 'lesson.opened',
          lessonId: 'm1-l1\u0000',
          at: new Date().toISOString(),
        },
      ],
    },
  });
  isError(t, events, 400, 'request.invalid');
  t.match(events.json().error.message, /body\.events\.0\.lessonId contains the character U\+0000/);
});

t.test('an admin asking for page 99999999999999999999 of the people list gets a 400, page 1 still works', async (t) => {
  for (const page of ['99999999999999999999', '1e308', '100001']) {
    const res = await as(admin.cookie, 'GET', `/api/admin/users?page=${page}`);
    isError(t, res, 400, 'request.invalid');
    t.match(res.json().error.message, /querystring\.page/, `page=${page} names the parameter`);
  }
  t.equal(
    (await as(admin.cookie, 'GET', '/api/admin/users?page=100000')).statusCode,
    200,
    'the last allowed page is an empty page',
  );
});

t.test('an upload or captions form the multipart parser cannot read is a 400, whoever sends it', async (t) => {
  const form = '--b0undary\r\nContent-Disposition: form-data; name="locale"\r\n\r\nen\r\n--b0undary--\r\n';
  const cases: [string, string, string][] = [
    ['/api/admin/media', 'multipart/form-data', form],
    ['/api/admin/media', 'multipart/form-data; boundary=', form],
    ['/api/admin/media', `multipart/form-data; boundary=${'b'.repeat(300)}`, form],
    ['/api/admin/media/8c0c5b5e-4a39-4d43-9b6d-6c1f8f0a3f10/captions', 'multipart/form-data', form],
    [
      '/api/admin/media/8c0c5b5e-4a39-4d43-9b6d-6c1f8f0a3f10/captions',
      'multipart/form-data; boundary=b0undary',
      form.slice(0, 30),
    ],
  ];
  for (const [url, contentType, payload] of cases) {
    const res = await as(admin.cookie, 'POST', url, { payload, headers: { 'content-type': contentType } });
    isError(t, res, 400, 'media.form_unreadable');
  }
  // A learner sending a broken form to an admin route still gets a 4xx, never a 500 (the form is read before the role check).
  const learnerRes = await as(learner.cookie, 'DELETE', '/api/admin/media/8c0c5b5e-4a39-4d43-9b6d-6c1f8f0a3f10', {
    payload: 'a=b',
    headers: { 'content-type': 'multipart/form-data; boundary=' },
  });
  t.ok(learnerRes.statusCode >= 400 && learnerRes.statusCode < 500, `learner: ${learnerRes.statusCode}`);
  t.type(learnerRes.json().error.code, 'string');
});

t.test(
  'a correctly signed session whose subject is not a user id is no one: 401, and the cookie is cleared',
  async (t) => {
    for (const sub of ['not-a-uuid', 'a\u0000b', '']) {
      const cookie = `lca_session=${app.jwt.sign({ sub, sid: randomUUID() }, { expiresIn: '1h' })}`;
      const res = await as(cookie, 'GET', '/api/me');
      isError(t, res, 401, 'auth.session_invalid');
      t.ok(
        res.cookies.some((c) => c.name === 'lca_session' && c.value === ''),
        'the bad cookie is cleared',
      );
      t.equal((await as(cookie, 'GET', '/api/courses')).statusCode, 200, 'a public route still answers for them');
    }
  },
);

t.test('pages with NUL in the address answer 400 (not 500), signed out and signed in', async (t) => {
  for (const url of ['/courses/%00', '/lessons/%00', '/modules/%00', '/modules/%00/handout']) {
    for (const cookie of [undefined, learner.cookie]) {
      const res = await as(cookie, 'GET', url, { headers: { accept: 'text/html' } });
      t.equal(res.statusCode, 400, `${url} ${cookie ? 'signed in' : 'signed out'}`);
    }
  }
  t.equal(
    (await as(learner.cookie, 'GET', '/quizzes/%00', { headers: { accept: 'text/html' } })).statusCode,
    400,
    'a quiz page (signed in only)',
  );
  t.equal(
    (await as(admin.cookie, 'GET', '/admin/users?q=%00', { headers: { accept: 'text/html' } })).statusCode,
    400,
    'admin search with NUL',
  );
  t.equal(
    (await as(admin.cookie, 'GET', '/admin/users?page=1e308', { headers: { accept: 'text/html' } })).statusCode,
    400,
    'admin list, page 1e308',
  );
});

t.test('a value the database refuses (SQLSTATE class 22) that got past validation is a 400, not a 500', async (t) => {
  // The last line of defence, on the database this run uses: a route that hands the database a malformed uuid.
  const probe = Fastify({ logger: false });
  registerErrorHandler(probe);
  probe.get('/cast', async () => app.database.db.execute("select 'not-a-uuid'::uuid"));
  t.teardown(() => probe.close());
  const res = await probe.inject({ method: 'GET', url: '/cast' });
  isError(t, res, 400, 'request.invalid_value');
  t.notMatch(res.body, /uuid|select/i, 'no SQL in the answer');
});
