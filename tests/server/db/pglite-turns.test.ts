// The embedded database runs queries one at a time on the server's own thread. With many requests in flight, its
// queue must not keep the event loop from reading sockets until every waiting query has run: I/O that arrives while
// queries wait (here a callback queued after the fifth query, standing for a new request) is handled between two
// queries, not after the whole queue.
import t from 'tap';
import { sql } from 'drizzle-orm';
import { openPglite } from '../../../server/db/client.ts';

const database = await openPglite(undefined);
t.teardown(() => database.close());

t.test('I/O arriving while 200 queries wait is handled after a few more of them, not after all', async (t) => {
  let done = 0;
  let doneWhenIoRan = -1;
  const queries = Array.from({ length: 200 }, () =>
    database.db.execute(sql`select 1`).then(() => {
      if (++done === 5) setImmediate(() => (doneWhenIoRan = done));
    }),
  );
  await Promise.all(queries);
  t.equal(done, 200, 'every query ran');
  t.ok(doneWhenIoRan >= 5 && doneWhenIoRan < 20, `the waiting callback ran after ${doneWhenIoRan} of 200 queries`);
});

t.test('a failing query does not stop the ones queued after it', async (t) => {
  const results = await Promise.allSettled([
    database.db.execute(sql`select 1`),
    database.db.execute(sql`select * from no_such_table`),
    database.db.execute(sql`select 2 as two`),
  ]);
  t.same(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
});
