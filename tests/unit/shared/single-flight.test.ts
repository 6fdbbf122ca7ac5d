// Work under way shared by the requests arriving meanwhile (server/shared/single-flight.ts).
import t from 'tap';
import { SingleFlight } from '../../../server/shared/single-flight.ts';

t.test('calls for one key while its work runs share it; a call after it ended starts it again', async (t) => {
  const flights = new SingleFlight<string, number>();
  let started = 0;
  let finish!: (n: number) => void;
  const work = () => {
    started++;
    return new Promise<number>((resolve) => (finish = resolve));
  };
  const room = Array.from({ length: 5 }, () => flights.run('lesson', work));
  const other = flights.run('other lesson', async () => 7);
  t.equal(started, 1, 'five calls, one piece of work');
  t.ok(flights.underWay('lesson'), 'under way while it runs');
  finish(42);
  t.same(await Promise.all(room), [42, 42, 42, 42, 42], 'all five get its result');
  t.equal(await other, 7, 'another key is its own work');
  t.equal(flights.underWay('lesson'), undefined, 'nothing under way once it ended');
  flights.run('lesson', work);
  t.equal(started, 2, 'the next call starts afresh: nothing is kept');
  finish(1);
});

t.test('a failure reaches everyone who waited, and the next call tries again', async (t) => {
  const flights = new SingleFlight<string, number>();
  let fail!: (err: Error) => void;
  const failing = () => new Promise<number>((_, reject) => (fail = reject));
  const waiting = [flights.run('k', failing), flights.run('k', failing)];
  fail(new Error('database away'));
  for (const result of await Promise.allSettled(waiting))
    t.match(result, { status: 'rejected', reason: { message: 'database away' } });
  t.equal(await flights.run('k', async () => 3), 3, 'tried again after the failure');
});

t.test('lead: the first marks the work under way, the others wait for what it settles', async (t) => {
  const flights = new SingleFlight<string, string | undefined>();
  const settle = flights.lead('page');
  t.type(settle, 'function', 'the first leads');
  t.equal(flights.lead('page'), undefined, 'a second does not');
  const waiting = flights.underWay('page');
  settle!('rendered');
  t.equal(await waiting, 'rendered', 'those waiting get the settled value');
  t.equal(flights.underWay('page'), undefined);
  t.type(flights.lead('page'), 'function', 'after it settled, the next one leads');
});
