// The shared render cache's rules, with an explicit clock: what is kept (only renders a page marked public, never one
// that sets a cookie), for whom (the same URL, host and `vary` headers, no session), for how long (s-maxage, or until
// this process imports content), and in which encoding it is sent.
import t from 'tap';
import zlib from 'node:zlib';
import { contentEpoch, contentImported } from '../../../server/modules/catalog/content-epoch.ts';
import { encodeOnce, matchesEtag, SharedRenderCache } from '../../../server/http/shared-render-cache.ts';

const SHARED = {
  'cache-control': 'public, max-age=0, s-maxage=1',
  vary: 'cookie, accept-language',
  etag: '"abc"',
  'content-type': 'text/html',
};
const page = (html: string) => Buffer.from(`<!doctype html><p>${html}</p>${' '.repeat(2000)}`);
const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers: { host: 'lca.test', ...headers } });

function cacheAt(start = 1_000_000) {
  let now = start;
  const cache = new SharedRenderCache(contentEpoch, 3, () => now);
  return { cache, tick: (ms: number) => void (now += ms) };
}

t.test('a render marked public is answered from the cache for its s-maxage, then rendered again', async (t) => {
  const { cache, tick } = cacheAt();
  t.equal(cache.lookup(req('/lessons/a')), undefined, 'nothing before the first render');
  cache.store(req('/lessons/a'), 200, new Headers(SHARED), page('A'));
  const hit = cache.lookup(req('/lessons/a'));
  t.same(hit?.body, page('A'));
  t.equal(hit && cache.age(hit), '0');
  tick(999);
  t.ok(cache.lookup(req('/lessons/a')), 'still fresh just before one second');
  tick(1);
  t.equal(cache.lookup(req('/lessons/a')), undefined, 'expired at s-maxage');
  t.equal(cache.size, 0, 'and dropped');
});

t.test('requests differing in a vary header, the host or the query get their own render', async (t) => {
  const { cache } = cacheAt();
  cache.store(req('/lessons/a', { cookie: 'locale=fr' }), 200, new Headers(SHARED), page('fr'));
  t.equal(cache.lookup(req('/lessons/a')), undefined, 'no locale cookie: not the French page');
  t.equal(cache.lookup(req('/lessons/a', { cookie: 'locale=ar' })), undefined);
  t.equal(cache.lookup(req('/lessons/a', { cookie: 'locale=fr', 'accept-language': 'de' })), undefined);
  t.equal(cache.lookup(req('/lessons/a?x=1', { cookie: 'locale=fr' })), undefined);
  t.equal(cache.lookup({ url: '/lessons/a', headers: { host: 'evil.test', cookie: 'locale=fr' } }), undefined);
  t.same(cache.lookup(req('/lessons/a', { cookie: 'locale=fr' }))?.body, page('fr'));
});

t.test('nothing personal or unmarked is kept', async (t) => {
  const { cache } = cacheAt();
  const withCookie = new Headers(SHARED);
  withCookie.append('set-cookie', 'lca_session=; Max-Age=0');
  cache.store(req('/a'), 200, withCookie, page('a'));
  cache.store(req('/b'), 200, new Headers({ ...SHARED, 'cache-control': 'private, s-maxage=1' }), page('b'));
  cache.store(req('/c'), 200, new Headers({ 'content-type': 'text/html' }), page('c'));
  cache.store(req('/d'), 404, new Headers(SHARED), page('d'));
  cache.store(req('/e'), 200, new Headers({ ...SHARED, vary: '*' }), page('e'));
  cache.store(req('/f'), 200, new Headers({ ...SHARED, 'cache-control': 'public, max-age=60' }), page('f'));
  t.equal(cache.size, 0);
  const get = { method: 'GET', ...req('/a') };
  t.notOk(SharedRenderCache.mayKeep(get, true), 'a request with a session is never kept');
  t.notOk(SharedRenderCache.mayAnswer(get, true), 'nor answered');
  t.notOk(SharedRenderCache.mayKeep({ method: 'POST', ...req('/a') }, false), 'nor a form post');
  const reload = { method: 'GET', ...req('/a', { 'cache-control': 'no-cache' }) };
  t.notOk(SharedRenderCache.mayAnswer(reload, false), 'a forced reload is rendered again');
  t.ok(SharedRenderCache.mayKeep(reload, false), 'and what it rendered kept');
  t.ok(SharedRenderCache.mayAnswer(get, false));
});

t.test('an import of content by this process makes every kept render stale at once', async (t) => {
  const { cache } = cacheAt();
  cache.store(req('/lessons/a'), 200, new Headers(SHARED), page('A'));
  contentImported();
  t.equal(cache.lookup(req('/lessons/a')), undefined);
});

t.test('bounded: the least recently used render goes first', async (t) => {
  const { cache } = cacheAt();
  for (const url of ['/1', '/2', '/3']) cache.store(req(url), 200, new Headers(SHARED), page(url));
  t.ok(cache.lookup(req('/1')), 'used again: now the most recent');
  cache.store(req('/4'), 200, new Headers(SHARED), page('4'));
  t.equal(cache.size, 3);
  t.equal(cache.lookup(req('/2')), undefined, 'the least recently used went');
  t.ok(cache.lookup(req('/1')));
  t.ok(cache.lookup(req('/4')));
});

t.test('sent compressed as the request accepts, compressed once per render', async (t) => {
  const { cache } = cacheAt();
  cache.store(req('/a'), 200, new Headers(SHARED), page('A'));
  const hit = cache.lookup(req('/a'))!;
  const br = encodeOnce(hit, 'gzip, deflate, br');
  t.equal(br.encoding, 'br');
  t.same(zlib.brotliDecompressSync(br.body), page('A'));
  t.equal(encodeOnce(hit, 'br').body, br.body, 'the same buffer the second time');
  const gzip = encodeOnce(hit, 'gzip');
  t.equal(gzip.encoding, 'gzip');
  t.same(zlib.gunzipSync(gzip.body), page('A'));
  t.same(encodeOnce(hit, undefined), { body: page('A') }, 'no Accept-Encoding: as it is');
  t.same(encodeOnce(hit, 'identity'), { body: page('A') });
  t.same(
    hit.headers.find(([name]) => name === 'vary'),
    ['vary', 'cookie, accept-language, accept-encoding'],
    'Vary names Accept-Encoding',
  );
});

t.test('If-None-Match matches a weak or strong form of the tag, in a list, or *', async (t) => {
  t.ok(matchesEtag('"abc"', '"abc"'));
  t.ok(matchesEtag('"x", W/"abc"', '"abc"'));
  t.ok(matchesEtag('*', '"abc"'));
  t.notOk(matchesEtag('"abd"', '"abc"'));
  t.notOk(matchesEtag(undefined, '"abc"'));
  t.notOk(matchesEtag('"abc"', undefined));
});

t.test(
  'requests arriving while an identical one renders wait for it, and render their own if it is not kept',
  async (t) => {
    const { cache } = cacheAt();
    t.equal(cache.waitForRender(req('/lessons/a')), undefined, 'nothing under way: go on at once');
    const done = cache.rendering(req('/lessons/a'));
    const waiting = cache.waitForRender(req('/lessons/a'));
    t.ok(waiting, 'an identical request waits');
    t.equal(
      cache.waitForRender(req('/lessons/a', { cookie: 'locale=fr' })),
      undefined,
      'one in another language does not',
    );
    t.equal(cache.waitForRender(req('/lessons/b')), undefined, 'nor one for another page');
    const second = cache.rendering(req('/lessons/a'));
    second(); // a second renderer (a forced reload) does not end the first one's wait
    t.ok(cache.waitForRender(req('/lessons/a')));
    cache.store(req('/lessons/a'), 200, new Headers(SHARED), page('A'));
    done();
    t.same((await waiting)?.body, page('A'), 'answered from the render kept');

    const notKept = cache.rendering(req('/lessons/c'));
    const waitingForPrivate = cache.waitForRender(req('/lessons/c'))!;
    cache.store(req('/lessons/c'), 200, new Headers({ 'cache-control': 'private' }), page('private'));
    notKept();
    t.equal(await waitingForPrivate, undefined, 'a render not kept: the waiting request renders its own');
    t.equal(cache.waitForRender(req('/lessons/c')), undefined, 'and nothing is under way any more');
  },
);
