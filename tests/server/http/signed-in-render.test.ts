// A signed-in lesson page is the same, to the byte, for everyone who sees the same data (the lesson, their status,
// their menu, their language), so its render is kept and shared (web/src/lib/server/signed-in-render.ts): what two
// learners, a learner who finished, a facilitator, a reader in French and an editor importing new content each see.
// An answer from a kept render carries `x-render: shared`. The cookies are the ones a browser keeps after signing up.
import t from 'tap';
import zlib from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { lessonProgress } from '../../../server/db/schema.ts';
import { importContent } from '../../../server/modules/catalog/catalog.import.ts';
import { build, signUp, userWithRole, type TestUser } from '../../helpers/app.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t, { web: true });
const LESSON = 'm2-why-a-plan';
const browserCookies = (user: TestUser) => `${user.cookie}; lca_user=${user.id}`;
const page = (user: TestUser | null, url = `/lessons/${LESSON}`, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'GET',
    url,
    headers: { accept: 'text/html', ...(user ? { cookie: browserCookies(user) } : {}), ...headers },
  });
const finished = /<p class="success" role="status">/; // "You have finished this lesson", not the hidden one
const finishForm = /action="\?\/complete"/;

async function openedBy(user: TestUser) {
  const [row] = await app.database.db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, user.id), eq(lessonProgress.lessonId, LESSON)));
  return row;
}

t.test('two learners in the same state: the second is answered from the first one’s render', async (t) => {
  const ana = await signUp(app, { name: 'Ana' });
  const bo = await signUp(app, { name: '王博' });
  const first = await page(ana);
  t.equal(first.statusCode, 200);
  t.equal(first.headers['x-render'], undefined, 'the first learner’s page is rendered');
  const second = await page(bo);
  t.equal(second.statusCode, 200);
  t.equal(second.headers['x-render'], 'shared', 'the second one’s comes from the kept render');
  t.equal(second.body, first.body, 'the same page');
  t.match(second.body, finishForm, 'with the form to finish the lesson');
  t.notMatch(second.body, finished);
  t.match(second.body, /data-signed-in=""/, 'saying someone is signed in');
  t.notOk(second.body.includes(ana.id) || second.body.includes(bo.id), 'but not who: the page carries no one’s id');
  t.equal(second.headers['set-cookie'], undefined, 'no cookie to set: the browser has its own');
  t.ok(await openedBy(bo), 'the second learner’s opening is recorded all the same');
  t.ok(await openedBy(ana));

  const reload = await page(bo, `/lessons/${LESSON}`, { 'cache-control': 'no-cache' });
  t.equal(reload.headers['x-render'], undefined, 'a forced reload is rendered afresh');
  t.equal(reload.body, first.body);

  const br = await page(bo, `/lessons/${LESSON}`, { 'accept-encoding': 'gzip, br' });
  t.equal(br.headers['content-encoding'], 'br', 'compressed as the browser accepts');
  t.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), first.body);
  t.match(br.headers.vary, /accept-encoding/);
});

t.test('a room opening the lesson at the same moment: one render, everyone answered from it', async (t) => {
  const room = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(app, { name: `Participant ${i}` })));
  const lesson = 'm2-writing-the-plan'; // not opened yet by anyone in this file
  const pages = await Promise.all(room.map((learner) => page(learner, `/lessons/${lesson}`)));
  t.same(
    pages.map((p) => p.statusCode),
    room.map(() => 200),
  );
  t.equal(pages.filter((p) => p.headers['x-render'] === undefined).length, 1, 'one page rendered');
  t.equal(pages.filter((p) => p.headers['x-render'] === 'shared').length, 9, 'nine answered from it');
  t.equal(new Set(pages.map((p) => p.body)).size, 1, 'the same page for all');
  for (const learner of room) {
    const [row] = await app.database.db
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, learner.id), eq(lessonProgress.lessonId, lesson)));
    t.ok(row, `${learner.name}'s opening is recorded`);
  }
});

t.test('a learner in another state, role or language gets their own page', async (t) => {
  const done = await signUp(app, { name: 'Done' });
  const fresh = await signUp(app, { name: 'Fresh' });
  await page(fresh); // a render kept for a learner who has not finished
  const complete = await app.inject({
    method: 'POST',
    url: '/api/progress/events',
    headers: { cookie: done.cookie },
    payload: {
      events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: LESSON, at: new Date().toISOString() }],
    },
  });
  t.equal(complete.statusCode, 200, complete.body);
  const donePage = await page(done);
  t.equal(donePage.headers['x-render'], undefined, 'finished: rendered for that state');
  t.match(donePage.body, finished, 'says the lesson is finished');
  t.notMatch((await page(fresh)).body, finished, 'and the other learner’s page still does not');

  const facilitator = await userWithRole(app, 'facilitator');
  await page(fresh);
  const facilitatorPage = await page(facilitator);
  t.equal(facilitatorPage.headers['x-render'], undefined, 'a facilitator: rendered for that role');
  t.match(facilitatorPage.body, /href="\/workshops"/, 'with the workshops in the menu');
  t.notMatch((await page(fresh)).body, /href="\/workshops"/, 'which a learner’s menu does not have');

  const french = await signUp(app, { name: 'Élise', locale: 'fr' });
  const frenchPage = await page(french);
  t.match(frenchPage.body, /<html lang="fr"/, 'a French speaker: in French');
  t.equal(frenchPage.headers['x-render'], undefined);
  t.match((await page(fresh)).body, /<html lang="en"/, 'and the others in English');
});

t.test('the id cookie follows the session, and a page with a cookie to set is rendered', async (t) => {
  const ana = await signUp(app, { name: 'Ana Two' });
  const bo = await signUp(app, { name: 'Bo Two' });
  await page(ana);
  const mixed = await page(null, `/lessons/${LESSON}`, { cookie: `${bo.cookie}; lca_user=${ana.id}` });
  t.match(String(mixed.headers['set-cookie']), new RegExp(`lca_user=${bo.id}`), 'the cookie names who is signed in');
  t.notMatch(String(mixed.headers['set-cookie']), /HttpOnly/i, 'readable by the page scripts');
  t.equal(mixed.headers['x-render'], undefined, 'rendered, so the cookie is sent with it');
  const signOut = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: bo.cookie } });
  t.match(String(signOut.headers['set-cookie']), /lca_user=;/, 'signing out clears it');
});

t.test('a lesson that does not exist is a 404 for a signed-in learner too', async (t) => {
  const ana = await signUp(app, { name: 'Ana Three' });
  const res = await page(ana, '/lessons/no-such-lesson');
  t.equal(res.statusCode, 404);
  t.equal(res.headers['x-render'], undefined);
});

t.test('new content reaches the next signed-in learner at once', async (t) => {
  const ana = await signUp(app, { name: 'Ana Four' });
  const bo = await signUp(app, { name: 'Bo Four' });
  await page(ana);
  const bundle = contentBundle();
  const lessons = bundle.lessons.map((l) =>
    l.id === LESSON ? { ...l, html: { ...l.html, en: `${l.html.en}<p>Revised for signed-in readers.</p>` } } : l,
  );
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-signed-in`, lessons });
  const after = await page(bo);
  t.equal(after.headers['x-render'], undefined, 'rendered again');
  t.match(after.body, /Revised for signed-in readers/);
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-signed-in-restored` });
  t.notMatch((await page(bo)).body, /Revised for signed-in readers/, 'and back');
});
