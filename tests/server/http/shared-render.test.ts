// The course's own pages (home, course, module, lesson) rendered once and reused for a second by every visitor
// without a session (server/http/shared-render-cache.ts): what an anonymous reader, a signed-in learner, a reader in
// another language and an editor importing new content each see. An answer from the kept render carries `Age`.
import t from 'tap';
import zlib from 'node:zlib';
import { importContent } from '../../../server/modules/catalog/catalog.import.ts';
import { build } from '../../helpers/app.ts';
import { contentBundle } from '../../helpers/db.ts';
import { newLearner } from '../../helpers/factories.ts';

const app = await build(t, { web: true });
const LESSON = 'm2-why-a-plan';
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

/** A page rendered, then asked again at once: the second answer, or null if the machine took a second in between. */
async function renderThenRevisit(url: string, headers: Record<string, string> = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await get(url, { ...headers, 'cache-control': 'no-cache' }); // renders (and keeps) a fresh one
    const started = Date.now();
    const again = await get(url, headers);
    if (Date.now() - started < 900) return { first, again };
  }
  throw new Error('three revisits each took a second: the machine is too loaded to tell');
}

t.test('an anonymous reader coming right after another gets the same page from the kept render', async (t) => {
  for (const url of ['/', '/courses/learning-city', '/modules/m2-planning', `/lessons/${LESSON}`]) {
    const { first, again } = await renderThenRevisit(url);
    t.equal(first.statusCode, 200, url);
    t.equal(first.headers.age, undefined, `${url}: the first visitor's page is rendered`);
    t.match(first.headers['cache-control'], /public.*s-maxage=1/, `${url}: marked for shared caches`);
    t.equal(again.statusCode, 200);
    t.equal(again.headers.age, '0', `${url}: the next one is answered from the kept render`);
    t.equal(again.body, first.body, `${url}: the same page`);
    t.equal(again.headers['content-type'], first.headers['content-type']);
    t.ok(again.headers['content-security-policy'], `${url}: with the same security headers`);
  }
});

t.test('readers arriving together while the page renders wait for that render', async (t) => {
  const url = `/lessons/${LESSON}?room=${Date.now()}`; // an address nobody has read yet
  const pages = await Promise.all(Array.from({ length: 10 }, () => get(url)));
  t.same(
    pages.map((p) => p.statusCode),
    pages.map(() => 200),
  );
  t.equal(pages.filter((p) => p.headers.age === undefined).length, 1, 'one render');
  t.equal(pages.filter((p) => p.headers.age === '0').length, 9, 'nine answered from it');
  t.equal(new Set(pages.map((p) => p.body)).size, 1);
  const french = await Promise.all([get(url, { cookie: 'locale=fr' }), get(url)]);
  t.match(french[0].body, /<html lang="fr"/, 'a reader in another language does not get that render');
  t.match(french[1].body, /<html lang="en"/);
});

t.test('a signed-in learner never gets the anonymous render, and nobody gets theirs', async (t) => {
  const learner = await newLearner(app);
  const signedInMenu = /action="\/signout"/;
  await renderThenRevisit(`/lessons/${LESSON}`);
  const own = await get(`/lessons/${LESSON}`, { cookie: learner.cookie });
  t.equal(own.headers.age, undefined, 'rendered for the learner');
  t.match(own.body, signedInMenu, 'with their own menu (sign out)');
  t.notMatch(own.headers['cache-control'] ?? '', /public/, 'not marked for shared caches');
  const next = await get(`/lessons/${LESSON}`);
  t.notMatch(next.body, signedInMenu, 'the next anonymous reader does not get the learner’s page');
  t.equal(next.headers.age, '0', 'but the kept anonymous one');
  t.equal(
    (await get(`/lessons/${LESSON}`, { cookie: 'lca_session=not-a-valid-token' })).headers.age,
    undefined,
    'a visitor whose session cookie is not valid is rendered for, not answered from the kept page',
  );
});

t.test('a reader who chose another language, or whose browser asks for one, gets that language', async (t) => {
  const { again: english } = await renderThenRevisit(`/lessons/${LESSON}`);
  t.match(english.body, /<html lang="en"/);
  const { first: french, again: frenchAgain } = await renderThenRevisit(`/lessons/${LESSON}`, {
    cookie: 'locale=fr',
  });
  t.match(french.body, /<html lang="fr"/, 'the language cookie');
  t.equal(frenchAgain.headers.age, '0', 'also kept, separately');
  t.match(frenchAgain.body, /<html lang="fr"/);
  const arabic = await get(`/lessons/${LESSON}`, { 'accept-language': 'ar' });
  t.match(arabic.body, /<html lang="ar" dir="rtl"/, 'the browser’s language');
  t.match((await get(`/lessons/${LESSON}`)).body, /<html lang="en"/, 'and English again for the others');
});

t.test('compressed as the browser accepts, revalidated with the ETag', async (t) => {
  const { first, again } = await renderThenRevisit(`/lessons/${LESSON}`);
  const br = await get(`/lessons/${LESSON}`, { 'accept-encoding': 'gzip, br' });
  t.equal(br.headers['content-encoding'], 'br');
  t.match(br.headers.vary, /accept-encoding/);
  t.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), first.body, 'the same page, compressed');
  const gzip = await get(`/lessons/${LESSON}`, { 'accept-encoding': 'gzip' });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(zlib.gunzipSync(gzip.rawPayload).toString(), first.body);
  const etag = again.headers.etag as string;
  t.ok(etag, 'an ETag');
  const unchanged = await get(`/lessons/${LESSON}`, { 'if-none-match': etag });
  t.equal(unchanged.statusCode, 304, 'unchanged: 304');
  t.equal(unchanged.body, '');
});

t.test('new content reaches the next anonymous reader at once', async (t) => {
  await renderThenRevisit(`/lessons/${LESSON}`);
  const bundle = contentBundle();
  const lessons = bundle.lessons.map((l) =>
    l.id === LESSON ? { ...l, html: { ...l.html, en: `${l.html.en}<p>Revised for the kept render.</p>` } } : l,
  );
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-kept-render`, lessons });
  const after = await get(`/lessons/${LESSON}`);
  t.equal(after.headers.age, undefined, 'rendered again');
  t.match(after.body, /Revised for the kept render/);
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-kept-render-restored` });
  t.notMatch((await get(`/lessons/${LESSON}`)).body, /Revised for the kept render/, 'and back');
});

t.test('pages that are not the course’s content are never kept', async (t) => {
  for (const url of ['/signin', '/verify', '/no-such-page']) {
    await get(url);
    const again = await get(url);
    t.equal(again.headers.age, undefined, url);
    t.notMatch(again.headers['cache-control'] ?? '', /public/, url);
  }
});
