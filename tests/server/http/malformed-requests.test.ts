// Requests Fastify refuses before any route runs (bad percent-encoding, too-long path segments) and the body
// errors every route shares: all answer the usual { error: { code, message } } with the usual security headers.
import t from 'tap';
import { build } from '../../helpers/app.ts';

const app = await build(t);

/** What a browser needs to treat the answer safely, whatever went wrong. */
const SECURITY_HEADERS = {
  'content-security-policy': /default-src 'self'.*frame-ancestors 'none'/,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

for (const url of [
  '/api/%',
  '/api/%zz',
  '/api/courses/%E0%A4%A',
  '/%',
  '/courses/%E0%A4%A',
  '/lessons/%',
  '/verify/%c0%af?x=1',
]) {
  t.test(`a bad address ${url} answers 400 in the usual shape with the security headers`, async (t) => {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], /application\/json/);
    const body = res.json();
    t.same(Object.keys(body), ['error']);
    t.equal(body.error.code, 'request.bad_url');
    t.match(body.error.message, /address is not valid/);
    t.notMatch(res.body, /FST_ERR|statusCode/, 'no framework internals');
    t.match(res.headers, SECURITY_HEADERS, 'security headers');
  });
}

const bodies: Array<[string, Record<string, string>, string, number, string]> = [
  ['broken JSON', { 'content-type': 'application/json' }, '{"login": "a",', 400, 'request.malformed_json'],
  ['an empty JSON body', { 'content-type': 'application/json' }, '', 400, 'request.empty_body'],
  [
    'a content type the API does not take',
    { 'content-type': 'application/x-www-form-urlencoded' },
    'login=a&password=b',
    415,
    'request.unsupported_media_type',
  ],
  [
    'a body over the limit',
    { 'content-type': 'application/json' },
    JSON.stringify({ login: 'a'.repeat(2 * 1024 * 1024), password: 'x' }),
    413,
    'request.too_large',
  ],
];
for (const [what, headers, payload, status, code] of bodies) {
  t.test(`${what} answers ${status} in the usual shape with the security headers`, async (t) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers, payload });
    t.equal(res.statusCode, status);
    t.same(Object.keys(res.json()), ['error']);
    t.equal(res.json().error.code, code);
    t.ok(res.json().error.message.length > 20, 'a sentence a person can act on');
    t.match(res.headers, SECURITY_HEADERS, 'security headers');
  });
}
