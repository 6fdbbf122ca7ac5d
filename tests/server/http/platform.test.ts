import fs from 'node:fs';
import t from 'tap';
import { build } from '../../helpers/app.ts';
import { testDbKind } from '../../helpers/db.ts';
import { API_TYPES_FILE, apiTypes } from '../../../scripts/api-types.ts';

const app = await build(t);

t.test('health names the database in use', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/health' });
  t.equal(res.statusCode, 200);
  t.same(
    res.json(),
    { status: 'ok', db: testDbKind(), database: 'up', version: '0.1.0', worker: 0 },
    'one process: worker 0',
  );
});

t.test('the OpenAPI document is generated from route schemas', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.ok(doc.openapi.startsWith('3.'));
  for (const path of [
    '/api/auth/signup',
    '/api/auth/login',
    '/api/me',
    '/api/admin/users',
    '/api/admin/users/{id}',
    '/api/health',
  ])
    t.ok(doc.paths[path], path);
  t.ok(doc.paths['/api/auth/signup'].post.responses['409'], 'error responses are documented');
  const docs = await app.inject({ method: 'GET', url: '/api/docs' });
  t.ok([200, 302].includes(docs.statusCode), 'docs are browsable');
});

t.test('unknown API routes answer JSON 404', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
  t.equal(res.statusCode, 404);
  t.equal(res.json().error.code, 'not_found');
});

t.test('responses carry a strict CSP and security headers, and are compressed', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
  t.match(res.headers['content-security-policy'], /default-src 'self'/);
  t.match(res.headers['content-security-policy'], /frame-ancestors 'none'/);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.equal(res.headers['content-encoding'], 'br');
  const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
  t.equal(gz.headers['content-encoding'], 'gzip');
});

t.test('every route has an operationId, unique in the OpenAPI document', async (t) => {
  // Not operations: the docs pages' routes, and wildcards (static files, the JSON 404 for unknown API paths).
  const ours = app.registeredRoutes.filter(
    (r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && !r.url.includes('*'),
  );
  t.ok(ours.length > 90, 'the routes were recorded');
  for (const r of ours) t.ok(r.operationId, `${r.method} ${r.url} has an operationId`);
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ids = Object.values<Record<string, { operationId?: string }>>(doc.paths).flatMap((ops) =>
    Object.values(ops).map((op) => op.operationId),
  );
  t.same(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
    'no operationId is used twice',
  );
  t.notOk(ids.includes(undefined), 'every documented operation has one');
});

t.test(
  "the web's API types are generated from this document (run `npm run api:types` after changing a route schema)",
  async (t) => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    t.ok(fs.readFileSync(API_TYPES_FILE, 'utf8') === (await apiTypes(doc)), `${API_TYPES_FILE} is up to date`);
  },
);

t.test('every API route declares a response schema for its success status', async (t) => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const [path, ops] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses ?? {}).filter((c) => c.startsWith('2'));
      t.ok(codes.length > 0, `${method.toUpperCase()} ${path} documents its success response`);
    }
  }
});
