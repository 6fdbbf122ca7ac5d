import t from 'tap';
import { discriminationIndex, WEAK_DISCRIMINATION } from '../../../server/modules/quizzes/discrimination.ts';

const attempt = (score: number, credits: Record<string, number>) => ({
  score,
  graded: Object.entries(credits).map(([questionId, credit]) => ({ questionId, credit })),
});

t.test('upper third minus lower third, on a known data set of nine attempts', async (t) => {
  // Sorted by score: top third = 90, 80, 70; bottom third = 30, 20, 10; the middle (60, 50, 40) does not count.
  const attempts = [
    attempt(90, { q1: 1, q2: 1, q3: 0, q4: 1 }),
    attempt(20, { q1: 0, q2: 1, q3: 1, q4: 0 }),
    attempt(80, { q1: 1, q2: 1, q3: 0, q4: 0.5 }),
    attempt(60, { q1: 0, q2: 0, q3: 0, q4: 1 }),
    attempt(10, { q1: 0, q2: 1, q3: 1, q4: 0 }),
    attempt(70, { q1: 1, q2: 0, q3: 0 }),
    attempt(50, { q1: 1, q2: 1, q3: 1, q4: 1 }),
    attempt(30, { q1: 1, q2: 1, q3: 1, q4: 0.5 }),
    attempt(40, { q1: 0, q2: 0, q3: 0, q4: 0 }),
  ];
  const index = discriminationIndex(attempts);
  t.equal(index.get('q1'), 0.67, 'q1: 3/3 right on top, 1/3 at the bottom: 1 - 0.33');
  t.equal(index.get('q2'), -0.33, 'q2: 2/3 on top, 3/3 at the bottom: negative, the weaker get it right more often');
  t.equal(index.get('q3'), -1, 'q3: nobody on top, everyone at the bottom');
  t.equal(
    index.get('q4'),
    0.58,
    'q4: drawn by two of the top (1 and 0.5: 0.75), three of the bottom (0, 0, 0.5: 0.17); partial credit counts as its share',
  );
  t.ok(index.get('q2')! < WEAK_DISCRIMINATION && index.get('q1')! >= WEAK_DISCRIMINATION);
});

t.test('fewer than three attempts give no index; a question missing from one third has none', async (t) => {
  const two = discriminationIndex([attempt(100, { q1: 1 }), attempt(0, { q1: 0 })]);
  t.equal(two.get('q1'), null);
  const three = discriminationIndex([
    attempt(100, { q1: 1, q2: 1 }),
    attempt(50, { q1: 0, q2: 1 }),
    attempt(0, { q1: 0 }),
  ]);
  t.equal(three.get('q1'), 1, 'thirds of one attempt each');
  t.equal(three.get('q2'), null, 'q2 was not drawn in the bottom third');
  t.same([...discriminationIndex([]).entries()], []);
});
