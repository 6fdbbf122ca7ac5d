// The bound of the in-process caches (server/shared/bounded-map.ts): the least recently set entry goes first.
import t from 'tap';
import { BoundedMap } from '../../../server/shared/bounded-map.ts';

t.test('keeps at most `max` entries, dropping the oldest; setting a key again makes it the newest', async (t) => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1).set('b', 2);
  map.set('a', 10); // a is now newer than b
  map.set('c', 3);
  t.same(
    [...map],
    [
      ['a', 10],
      ['c', 3],
    ],
    'b, the oldest, went',
  );
  t.equal(map.size, 2);
  map.set('d', 4);
  t.same([...map.keys()], ['c', 'd']);
});
