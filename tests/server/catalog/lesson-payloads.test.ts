// The lesson API's hot path: a body built once per content version and language, revalidated with an ETag, and the
// person's part read in one query. Query counts are a budget (what a crowd opening one lesson costs the database).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { importContent } from '../../../server/modules/catalog/catalog.import.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { LessonPayloads } from '../../../server/modules/catalog/lesson-payloads.ts';
import { lessonForLearner, readLesson } from '../../../server/modules/learning/learning.service.ts';
import { build, injectAs, signUp } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle, queryLogOf } from '../../helpers/db.ts';

const app = await build(t);
const LESSON = 'm2-why-a-plan';
const OTHER_LESSON = 'm2-writing-the-plan';
const writesProgress = (statement: string) => /insert into "?progress_events/i.test(statement);
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const queriesOf = async (request: () => Promise<unknown>) => {
  const log = queryLogOf(app.database.db);
  log.start();
  await request();
  return log.stop();
};

t.test('a signed-in learner opening a lesson costs 2 queries; an anonymous reader at most 1', async (t) => {
  const learner = await newLearner(app);
  t.equal(
    (await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie })).statusCode,
    200,
    'first read: builds the body and enrols',
  );
  const signedIn = await queriesOf(() => get(`/api/lessons/${LESSON}`, { cookie: learner.cookie }));
  // The session check (which also reads the person), then status, enrolment and content version in one.
  t.ok(signedIn.length <= 2, `signed in: ${signedIn.length} queries (budget 2):\n${signedIn.join('\n')}`);
  // A LIMIT bound as a value ($n) kept Postgres planning the statement afresh at every reading (see literalLimit).
  for (const statement of signedIn) t.notMatch(statement, /\blimit \$\d/i, 'no LIMIT bound as a value');
  const anonymous = await queriesOf(() => get(`/api/lessons/${LESSON}?locale=fr`));
  const again = await queriesOf(() => get(`/api/lessons/${LESSON}?locale=fr`));
  t.ok(again.length <= 1, `anonymous, body already built: ${again.length} queries (budget 1):\n${again.join('\n')}`);
  t.ok(anonymous.length > again.length, 'the first reader in a language builds the body; the next one reuses it');
});

t.test('the database plans the signed-in lesson statement once, not at every reading', async (t) => {
  const learner = await newLearner(app);
  const actor = { id: learner.id, role: 'learner', locale: 'en' } as const;
  // One connection (a transaction holds one), as a busy server's pooled connections each read it over and over. The
  // embedded database keeps every statement by its text (server/db/pglite-statements.ts), Postgres the named ones.
  const { texts, plans } = await app.database.db.transaction(async (tx) => {
    const payloads = new LessonPayloads();
    await readLesson(tx as unknown as Db, payloads, actor, LESSON); // builds the body
    const statements = await queriesOf(async () => {
      for (let i = 0; i < 8; i++) await readLesson(tx as unknown as Db, payloads, actor, LESSON);
    });
    const texts = [...new Set(statements)];
    const result = await tx.execute(
      sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement = ${texts[0]}`,
    );
    return { texts, plans: (result as unknown as { rows: { generic: number; custom: number }[] }).rows };
  });
  t.equal(texts.length, 1, 'with the body built, a reading is one statement, the same each time');
  t.equal(plans.length, 1, 'the statement is prepared on the connection');
  // Postgres tries five custom plans, then keeps the generic one when it is no dearer: 8 readings, at least 3 generic.
  t.ok(plans[0].generic >= 3, `planned once and kept: ${plans[0].generic} generic, ${plans[0].custom} custom plans`);
});

t.test('a room reading a lesson nobody has read yet builds its body once', async (t) => {
  const room = await Promise.all(Array.from({ length: 10 }, () => newLearner(app)));
  const lessonReads = (statements: string[]) =>
    statements.filter((q) => /from "lessons" where \("lessons"\."id" = \$1/.test(q)).length;
  const statements = await queriesOf(() =>
    Promise.all(room.map((learner) => get(`/api/lessons/${OTHER_LESSON}?locale=vi`, { cookie: learner.cookie }))),
  );
  t.equal(lessonReads(statements), 1, 'the lesson read once for ten readers');
  const bodies = await Promise.all(
    room.map(async (learner) =>
      (await get(`/api/lessons/${OTHER_LESSON}?locale=vi`, { cookie: learner.cookie })).json(),
    ),
  );
  t.equal(new Set(bodies.map((b) => b.html)).size, 1, 'the same lesson for all');
  t.ok(bodies.every((b) => b.id === OTHER_LESSON));
  const unknown = await Promise.all(
    room.slice(0, 3).map((learner) => get('/api/lessons/no-such-lesson', { cookie: learner.cookie })),
  );
  t.same(
    unknown.map((r) => r.statusCode),
    [404, 404, 404],
    'a lesson that does not exist is a 404 for each of them',
  );
});

t.test("the served body is the lesson as the service gives it, with the reader's own status", async (t) => {
  const learner = await newLearner(app);
  const res = await get(`/api/lessons/${LESSON}?locale=zh`, { cookie: learner.cookie });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  const actor = { id: learner.id, role: 'learner' as const, locale: 'en' };
  t.same(res.json(), await lessonForLearner(app.database.db, actor, LESSON, 'zh'));
  t.equal(res.json().status, 'not_started', 'the API reads; the page records the opening');
  t.equal((await get(`/api/lessons/${LESSON}`)).json().status, null, 'anonymous: no status');
  t.equal((await get('/api/lessons/no-such-lesson')).statusCode, 404);
});

t.test('a reader revalidating an unchanged lesson gets 304 with no body; a new status gives a new ETag', async (t) => {
  const learner = await newLearner(app);
  const first = await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie });
  const etag = first.headers.etag as string;
  t.match(etag, /^W\/".+"$/, 'an ETag');
  t.match(first.headers['cache-control'], /private/, 'a personal response: not for shared caches');
  t.match(first.headers['cache-control'], /no-cache/, 'revalidated each time');
  const again = await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie, 'if-none-match': etag });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '');
  t.equal(again.headers.etag, etag);
  t.equal(
    (await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie, 'if-none-match': `"other", ${etag}` })).statusCode,
    304,
    'one of a list',
  );
  t.equal(
    (await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie, 'if-none-match': '"other"' })).statusCode,
    200,
    'another tag: the body',
  );

  const anonymous = await get(`/api/lessons/${LESSON}`, { 'if-none-match': etag });
  t.equal(anonymous.statusCode, 200, "someone else's tag does not match an anonymous reader's body");
  t.not(anonymous.headers.etag, etag);
  t.not(
    (await get(`/api/lessons/${LESSON}?locale=fr`, { cookie: learner.cookie })).headers.etag,
    etag,
    'another language, another tag',
  );

  const done = await injectAs(app, learner, {
    method: 'POST',
    url: '/api/progress/events',
    payload: {
      events: [{ id: randomUUID(), type: 'lesson.completed', lessonId: LESSON, at: new Date().toISOString() }],
    },
  });
  t.equal(done.statusCode, 200);
  const after = await get(`/api/lessons/${LESSON}`, { cookie: learner.cookie, 'if-none-match': etag });
  t.equal(after.statusCode, 200, 'completing the lesson changes what the learner sees');
  t.equal(after.json().status, 'complete');
  t.not(after.headers.etag, etag);
});

t.test('new content (a new content version) changes the body and its ETag', async (t) => {
  const before = await get(`/api/lessons/${LESSON}`);
  const bundle = contentBundle();
  const lessons = bundle.lessons.map((l) =>
    l.id === LESSON ? { ...l, html: { ...l.html, en: `${l.html.en}<p>Revised for 2027.</p>` } } : l,
  );
  t.equal(
    (await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-revised`, lessons })).imported,
    true,
  );
  const stale = await get(`/api/lessons/${LESSON}`, { 'if-none-match': before.headers.etag as string });
  t.equal(stale.statusCode, 200, 'the old tag no longer matches');
  t.not(stale.headers.etag, before.headers.etag);
  t.match(stale.json().html, /Revised for 2027/);
  t.equal(
    (await get(`/api/lessons/${LESSON}`, { 'if-none-match': stale.headers.etag as string })).statusCode,
    304,
    'the new tag does',
  );
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-restored` });
  t.notMatch((await get(`/api/lessons/${LESSON}`)).json().html, /Revised for 2027/, 'and back');
});

t.test(
  'the lesson page: an anonymous reader costs at most 1 query; a signed-in learner 3 statements, the opening recorded in one, and 2 opening it again',
  async (t) => {
    const site = await build(t, { web: true });
    const page = (headers: Record<string, string> = {}, lesson = LESSON) =>
      site.inject({ method: 'GET', url: `/lessons/${lesson}`, headers: { accept: 'text/html', ...headers } });
    const log = queryLogOf(site.database.db);
    const count = async (request: () => Promise<{ statusCode: number }>) => {
      log.start();
      const res = await request();
      return { status: res.statusCode, statements: log.stop() };
    };
    t.equal((await page()).statusCode, 200, 'first reader: builds the body');
    const anonymous = await count(() => page());
    t.equal(anonymous.status, 200);
    t.ok(
      anonymous.statements.length <= 1,
      `anonymous page: ${anonymous.statements.length} queries (budget 1):\n${anonymous.statements.join('\n')}`,
    );

    const learner = await signUp(site);
    t.equal((await page({ cookie: learner.cookie })).statusCode, 200, 'first visit: enrols');
    t.equal((await page({}, OTHER_LESSON)).statusCode, 200, 'another lesson, read once: its body is built');
    const signedIn = await count(() => page({ cookie: learner.cookie }, OTHER_LESSON));
    t.equal(signedIn.status, 200);
    const sessionChecks = signedIn.statements.filter((q) => q.includes('from "sessions"'));
    t.equal(sessionChecks.length, 1, 'the session is checked once for the whole page, not once per API call');
    // The session check, which also reads the person (name, language) for the page; the lesson (status, enrolment and
    // content version in one); recording the opening, one statement that checks the lesson, stores the event and
    // folds it into the lesson state. Before issue 19 the page cost 16 statements; then 5.
    const statements = signedIn.statements.filter((q) => !/^(begin|commit)/i.test(q));
    t.ok(
      statements.length <= 3,
      `signed-in page: ${statements.length} statements (budget 3):\n${statements.join('\n')}`,
    );
    t.equal(statements.filter(writesProgress).length, 1, 'the opening recorded in one statement');
    // Opened again within the minute: the opening would only move the last activity by seconds, so it is not sent.
    const reopened = await count(() => page({ cookie: learner.cookie }, OTHER_LESSON));
    const reopenedStatements = reopened.statements.filter((q) => !/^(begin|commit)/i.test(q));
    t.ok(
      reopenedStatements.length <= 2,
      `reopened page: ${reopenedStatements.length} statements (budget 2):\n${reopenedStatements.join('\n')}`,
    );
    t.equal(reopenedStatements.filter(writesProgress).length, 0, 'no write for opening it again at once');
    const again = await page({ cookie: learner.cookie });
    t.match(again.body, /<h1[^>]*>/, 'the page is whole when its body came from the revalidated copy');
    t.match(again.body, /data-lesson-end=/, "with the learner's own state (not complete yet)");
  },
);
