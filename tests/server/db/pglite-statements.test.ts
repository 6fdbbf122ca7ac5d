// The embedded database's statements kept by their text (server/db/pglite-statements.ts): parsed and planned once,
// answered as PGlite's own `query` answers, and never left broken by an error or a changed table.
// Always PGlite, whatever TEST_DB says: this is the embedded database's own plumbing.
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { migrate, openPglite } from '../../../server/db/client.ts';
import { PgliteStatements } from '../../../server/db/pglite-statements.ts';
import { users } from '../../../server/db/schema.ts';

const pg = new PGlite();
t.teardown(() => pg.close());
await pg.exec(`create table notes (id serial primary key, title text unique not null, tags text[], doc jsonb,
  at timestamptz, n integer)`);

/** The error a query ended with (its SQLSTATE in `code`), or undefined if it succeeded. */
const failure = (query: Promise<unknown>) =>
  query.then(
    () => undefined,
    (err: { code?: string }) => err,
  );

/** What PostgreSQL keeps: read with PGlite's own (unnamed) query, so the reading adds nothing. */
const kept = async () =>
  (
    await pg.query<{ statement: string; generic: number; custom: number }>(
      'select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements order by prepare_time',
    )
  ).rows;

t.test('a statement run again is parsed once, and planned once after five runs', async (t) => {
  const statements = new PgliteStatements(pg);
  const text = 'select id, title from notes where id = $1';
  for (let i = 0; i < 8; i++) await statements.query(text, [i], {}, false);
  t.equal(statements.size, 1);
  const [row] = (await kept()).filter((s) => s.statement === text);
  t.ok(row, 'PostgreSQL keeps the statement');
  t.ok(row.generic >= 3, `its plan kept: ${row.generic} generic, ${row.custom} custom plans`);
  await pg.exec('deallocate all');
});

t.test(
  'values go in and rows come out as with PGlite’s own query: arrays, JSON, dates, nulls, any script',
  async (t) => {
    const statements = new PgliteStatements(pg);
    const insert = 'insert into notes (title, tags, doc, at, n) values ($1, $2, $3, $4, $5) returning *';
    const at = new Date('2026-12-07T10:00:00Z');
    const values = ['学习型城市 مدينة', ['a', 'b,c', 'd"e'], { k: [1, 'ب'] }, at, null];
    const ours = await statements.query<Record<string, unknown>>(insert, values, {}, false);
    const theirs = await pg.query<Record<string, unknown>>(insert, ['second', ...values.slice(1)]);
    t.same(
      { ...ours.rows[0], id: 0, title: '' },
      { ...theirs.rows[0], id: 0, title: '' },
      'the same row as PGlite gives',
    );
    t.same(ours.rows[0], { id: ours.rows[0].id, title: values[0], tags: values[1], doc: values[2], at, n: null });
    t.same(
      ours.fields.map((f) => f.name),
      ['id', 'title', 'tags', 'doc', 'at', 'n'],
    );
    t.equal(ours.affectedRows, 1);
    const arrays = await statements.query<unknown[]>(
      'select title from notes where id = $1',
      [ours.rows[0].id],
      { rowMode: 'array' },
      false,
    );
    t.same(arrays.rows, [[values[0]]], 'rows as arrays when asked');
    await pg.exec('deallocate all');
  },
);

t.test('an error leaves nothing half done, and the next statement runs', async (t) => {
  const statements = new PgliteStatements(pg);
  const syntax = await failure(statements.query('selec 1', [], {}, false));
  t.equal(syntax?.code, '42601', 'a syntax error keeps its SQLSTATE');
  t.equal(statements.size, 0, 'a statement that does not parse is not kept');
  const insert = 'insert into notes (title) values ($1)';
  await statements.query(insert, ['once'], {}, false);
  const duplicate = await failure(statements.query(insert, ['once'], {}, false));
  t.equal(duplicate?.code, '23505', 'a duplicate is a unique violation');
  await statements.query(insert, ['twice'], {}, false);
  t.equal(
    (await pg.query<{ n: number }>("select count(*)::int as n from notes where title in ('once', 'twice')")).rows[0].n,
    2,
    'the kept statement still works after its error',
  );
  const wrongType = await failure(
    statements.query('insert into notes (title, n) values ($1, $2)', ['three', 'three'], {}, false),
  );
  t.equal(wrongType?.code, '22P02', 'a value PostgreSQL refuses is its error, not a hang');
  t.same((await statements.query('select 1 as one', [], {}, false)).rows, [{ one: 1 }]);
  await pg.exec('deallocate all');
});

t.test('in a transaction, a failed statement rolls the whole transaction back', async (t) => {
  const statements = new PgliteStatements(pg);
  const insert = 'insert into notes (title) values ($1)';
  const failed = await failure(
    pg.transaction(async () => {
      await statements.query(insert, ['in-transaction'], {}, true);
      await statements.query(insert, ['in-transaction'], {}, true);
    }),
  );
  t.equal(failed?.code, '23505');
  t.same((await pg.query("select 1 from notes where title = 'in-transaction'")).rows, [], 'nothing of it stayed');
  await statements.query(insert, ['after'], {}, false);
  t.same((await pg.query("select 1 as found from notes where title = 'after'")).rows, [{ found: 1 }]);
  await pg.exec('deallocate all');
});

t.test(
  'only the most recently used statements are kept; an older one is closed, and parsed again if it returns',
  async (t) => {
    const statements = new PgliteStatements(pg, 2);
    const texts = ['select 1 as a', 'select 2 as b', 'select 3 as c'];
    for (const text of texts) await statements.query(text, [], {}, false);
    await statements.query(texts[1], [], {}, false); // the second is now the most recent
    await statements.query('select 4 as d', [], {}, false); // the third goes
    t.same(
      (await kept()).map((s) => s.statement),
      [texts[1], 'select 4 as d'],
      'PostgreSQL keeps the two most recently used, no more',
    );
    t.same((await statements.query(texts[0], [], {}, false)).rows, [{ a: 1 }], 'a closed one runs again');
    await pg.exec('deallocate all');
  },
);

t.test('a statement kept from before its table changed is parsed again, not left failing', async (t) => {
  const statements = new PgliteStatements(pg);
  await pg.exec('create table changing (a integer); insert into changing values (1)');
  const text = 'select * from changing';
  t.same((await statements.query(text, [], {}, false)).rows, [{ a: 1 }]);
  await pg.exec('alter table changing add column b text default $$x$$');
  t.same((await statements.query(text, [], {}, false)).rows, [{ a: 1, b: 'x' }], 'the new column is read at once');
  t.same((await statements.query(text, [], {}, false)).rows, [{ a: 1, b: 'x' }]);
  t.equal((await kept()).filter((s) => s.statement === text).length, 1, 'kept once, the old one closed');
  await pg.exec('deallocate all');
});

t.test('the server’s embedded database (its own thread, through drizzle) keeps its statements', async (t) => {
  const database = await openPglite(undefined, { thread: true });
  t.teardown(() => database.close());
  await migrate(database);
  const { db } = database;
  const [person] = await db
    .insert(users)
    .values({ email: 'kept@example.org', name: 'Kept', passwordHash: 'x' })
    .returning({ id: users.id });
  const read = () => db.select({ name: users.name }).from(users).where(eq(users.id, person.id));
  for (let i = 0; i < 8; i++) t.same(await read(), [{ name: 'Kept' }]);
  const text = read().toSQL().sql;
  const result = (await db.execute(
    sql`select generic_plans::int as generic from pg_prepared_statements where statement = ${text}`,
  )) as unknown as { rows: { generic: number }[] };
  t.equal(result.rows.length, 1, 'the read is one kept statement');
  t.ok(result.rows[0].generic >= 3, `planned once and kept: ${result.rows[0].generic} generic plans of 8 runs`);
});
