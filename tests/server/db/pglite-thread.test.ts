// The embedded database in its own thread (server/db/pglite-thread.ts), as `npm start` runs it without DATABASE_URL.
// Always PGlite, whatever TEST_DB says: this is the embedded database's own plumbing.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { migrate, openPglite, type Database } from '../../../server/db/client.ts';
import { isDatabaseUnavailable, isUniqueViolation } from '../../../server/db/errors.ts';
import { users } from '../../../server/db/schema.ts';

async function open(thread: boolean): Promise<Database> {
  const database = await openPglite(undefined, { thread });
  await migrate(database);
  return database;
}

const database = await open(true);
t.teardown(() => database.close());
const { db } = database;

const person = (n: string) => ({
  email: `${n}@example.org`,
  name: `Person ${n} 学习`,
  passwordHash: 'x',
});

t.test('rows come back typed as drizzle reads them: dates, JSON, names in any script', async (t) => {
  const [created] = await db.insert(users).values(person('a')).returning();
  t.ok(created.createdAt instanceof Date, 'a timestamp is a Date');
  t.equal(created.name, 'Person a 学习');
  const [again] = await db.select().from(users).where(eq(users.id, created.id));
  t.same(again, created, 'read back the same');
  const result = (await db.execute(sql`select '{"a":[1,"ب"]}'::jsonb as doc`)) as unknown as {
    rows: { doc: unknown }[];
  };
  const [{ doc }] = result.rows;
  t.same(doc, { a: [1, 'ب'] });
});

t.test("the database's errors keep their SQLSTATE and constraint, so a duplicate is a 409 and not a 500", async (t) => {
  await db.insert(users).values(person('dup'));
  const err = await db
    .insert(users)
    .values(person('dup'))
    .catch((e: unknown) => e);
  t.ok(isUniqueViolation(err), 'recognised as a unique violation');
  const cause = (err as { cause?: { code?: string; constraint?: string; message?: string } }).cause;
  t.equal(cause?.code, '23505');
  t.match(cause?.constraint, /email/);
  t.match(cause?.message, /duplicate key/);
});

t.test('a transaction commits when its work succeeds and leaves nothing when it throws', async (t) => {
  await db.transaction(async (tx) => {
    await tx.insert(users).values(person('committed'));
  });
  const failed = await db
    .transaction(async (tx) => {
      await tx.insert(users).values(person('rolled-back'));
      throw new Error('changed my mind');
    })
    .catch((e: Error) => e.message);
  t.equal(failed, 'changed my mind');
  const names = (await db.select({ email: users.email }).from(users)).map((r) => r.email);
  t.ok(names.includes('committed@example.org'));
  t.notOk(names.includes('rolled-back@example.org'), 'nothing of the failed transaction is stored');
});

t.test('a failing statement inside a transaction rolls the whole of it back', async (t) => {
  const err = await db
    .transaction(async (tx) => {
      await tx.insert(users).values(person('half'));
      await tx.insert(users).values(person('dup')); // exists: 23505
    })
    .catch((e: unknown) => e);
  t.ok(isUniqueViolation(err));
  const [row] = await db.select().from(users).where(eq(users.email, 'half@example.org'));
  t.notOk(row, 'no half-written record');
  // The database goes on answering after it.
  t.equal(
    (
      await db
        .select({ n: sql<number>`1` })
        .from(users)
        .limit(1)
    )[0].n,
    1,
  );
});

t.test('a nested transaction (a savepoint) rolls back alone', async (t) => {
  await db.transaction(async (tx) => {
    await tx.insert(users).values(person('outer'));
    await tx
      .transaction(async (inner) => {
        await inner.insert(users).values(person('inner'));
        throw new Error('inner fails');
      })
      .catch(() => {});
  });
  const emails = (await db.select({ email: users.email }).from(users)).map((r) => r.email);
  t.ok(emails.includes('outer@example.org'));
  t.notOk(emails.includes('inner@example.org'));
});

t.test('a query outside a transaction waits for it, and sees what it committed', async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const tx = db.transaction(async (tx) => {
    await tx.insert(users).values(person('while'));
    await gate;
  });
  await new Promise((r) => setTimeout(r, 50));
  const outside = db.select().from(users).where(eq(users.email, 'while@example.org'));
  release();
  await tx;
  t.equal((await outside).length, 1);
});

/** How many turns the event loop took while one heavy query ran. */
async function turnsDuringHeavyQuery(database: Database) {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  await database.db.execute(sql`select count(*) from generate_series(1, 2000000)`);
  running = false;
  return turns;
}

t.test(
  "while the database works, the server's event loop keeps turning (it accepts and answers meanwhile)",
  async (t) => {
    const inline = await open(false);
    t.teardown(() => inline.close());
    // The control: PGlite on the calling thread holds the loop for the whole query.
    t.ok((await turnsDuringHeavyQuery(inline)) <= 1, 'on the calling thread, the loop waits');
    t.ok((await turnsDuringHeavyQuery(database)) > 10, 'in its own thread, the loop turns');
  },
);

t.test('after the database is closed, a query fails as "unavailable" (a 503), never hangs', async (t) => {
  const closing = await open(true);
  await closing.close();
  const err = await closing.db
    .select()
    .from(users)
    .catch((e: unknown) => e);
  t.ok(err instanceof Error);
  t.ok(isDatabaseUnavailable(err), 'recognised as the database being unavailable');
});

t.test(
  'a query that asks for other types as text is refused, not answered with types its caller does not expect',
  async (t) => {
    const client = (db as unknown as { $client: { query: (sql: string, p: unknown[], o: object) => Promise<unknown> } })
      .$client;
    const err = await client.query('select now()', [], { rowMode: 'object', parsers: {} }).catch((e: Error) => e);
    t.ok(err instanceof Error);
    t.match((err as Error).message, /returns types .* as text; this query asked for none/);
    // What drizzle sends is answered: a timestamp as PostgreSQL's text, which drizzle turns into a Date.
    const [row] = await db
      .execute(sql`select '2026-12-07 10:00:00+00'::timestamptz as at`)
      .then((r) => (r as unknown as { rows: { at: unknown }[] }).rows);
    t.equal(typeof row.at, 'string');
  },
);
