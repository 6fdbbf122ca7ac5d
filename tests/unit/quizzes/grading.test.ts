import t from 'tap';
import { choiceCounts, credit, grade, isCorrect } from '../../../server/modules/quizzes/grading.ts';

t.test('single choice and true/false: exactly the one right option', async (t) => {
  t.ok(isCorrect('single', ['b'], ['b']));
  t.notOk(isCorrect('single', ['b'], ['a']));
  t.notOk(isCorrect('single', ['b'], []), 'no answer is wrong');
  t.notOk(isCorrect('single', ['b'], undefined), 'missing answer is wrong');
  t.notOk(isCorrect('single', ['b'], ['b', 'a']), 'two options ticked is wrong');
  t.ok(isCorrect('truefalse', ['false'], ['false']));
  t.notOk(isCorrect('truefalse', ['false'], ['true']));
});

t.test('multiple response: all and only the right options, no partial credit', async (t) => {
  t.ok(isCorrect('multiple', ['a', 'c'], ['c', 'a']), 'order does not matter');
  t.notOk(isCorrect('multiple', ['a', 'c'], ['a']), 'one of two right is wrong');
  t.notOk(isCorrect('multiple', ['a', 'c'], ['a', 'b', 'c', 'd']), 'ticking everything is wrong');
  t.notOk(isCorrect('multiple', ['a', 'c'], ['a', 'a']), 'duplicates do not count twice');
  t.notOk(isCorrect('multiple', ['a', 'c'], []));
});

t.test('ordering: the exact order', async (t) => {
  t.ok(isCorrect('ordering', ['c', 'a', 'd', 'b'], ['c', 'a', 'd', 'b']));
  t.notOk(isCorrect('ordering', ['c', 'a', 'd', 'b'], ['a', 'c', 'd', 'b']));
  t.notOk(isCorrect('ordering', ['c', 'a', 'd', 'b'], ['c', 'c', 'd', 'b']), 'duplicate options are wrong');
  t.notOk(isCorrect('ordering', ['c', 'a', 'd', 'b'], ['c', 'a', 'd']), 'incomplete order is wrong');
});

t.test('score and pass mark', async (t) => {
  const questions = [
    { questionId: 'q1', type: 'single' as const, answer: ['a'] },
    { questionId: 'q2', type: 'truefalse' as const, answer: ['true'] },
    { questionId: 'q3', type: 'multiple' as const, answer: ['a', 'b'] },
  ];
  const r = grade(questions, { q1: ['a'], q2: ['true'], q3: ['a'] }, 70);
  t.equal(r.score, 67);
  t.equal(r.passed, false);
  t.same(
    r.graded.map((g) => g.correct),
    [true, true, false],
  );
  t.same(
    r.graded[2],
    { questionId: 'q3', response: ['a'], correctResponse: ['a', 'b'], correct: false, credit: 0 },
    'without partial credit, half right earns nothing',
  );
  t.equal(grade(questions, { q1: ['a'], q2: ['true'], q3: ['b', 'a'] }, 70).passed, true);
  t.equal(grade(questions, {}, 70).score, 0, 'nothing answered scores 0');
  t.equal(grade(questions, { q1: ['a'], q2: ['true'] }, 66).passed, true, 'pass mark is inclusive');
});

t.test(
  'partial credit: each correct choice +1/n, each wrong choice -1/n, never below 0 (n = correct options)',
  async (t) => {
    const q = { questionId: 'q', type: 'multiple' as const, answer: ['a', 'b', 'c'], partialCredit: true };
    t.equal(credit(q, ['a', 'b', 'c']), 1, 'all three right');
    t.equal(credit(q, ['a', 'b']), 2 / 3, '2 of 3 right, none wrong');
    t.equal(credit(q, ['a']), 1 / 3);
    t.equal(credit(q, ['a', 'b', 'd']), 1 / 3, '2 right, 1 wrong: 2/3 - 1/3');
    t.equal(credit(q, ['a', 'd', 'e']), 0, '1 right, 2 wrong: floored at 0, not -1/3');
    t.equal(credit(q, ['a', 'b', 'c', 'd', 'e']), 1 / 3, 'ticking everything (3 right, 2 wrong) earns 3/3 - 2/3');
    t.equal(credit(q, ['d']), 0);
    t.equal(credit(q, []), 0, 'no answer earns nothing');
    t.equal(credit(q, ['a', 'a']), 1 / 3, 'an option listed twice counts once');
    t.same(choiceCounts(q.answer, ['a', 'b', 'd']), { right: 2, wrong: 1, total: 3 });
    t.equal(credit({ ...q, partialCredit: false }, ['a', 'b']), 0, 'without the flag the question is all or nothing');
    t.equal(
      credit({ questionId: 's', type: 'single', answer: ['a'], partialCredit: true }, ['a']),
      1,
      'the flag does nothing on other types',
    );
  },
);

t.test('partial credit counts towards the score: shares of a point add up', async (t) => {
  const questions = [
    { questionId: 'q1', type: 'single' as const, answer: ['a'] },
    { questionId: 'q2', type: 'multiple' as const, answer: ['a', 'b', 'c'], partialCredit: true },
    { questionId: 'q3', type: 'multiple' as const, answer: ['a', 'b'], partialCredit: true },
  ];
  const r = grade(questions, { q1: ['a'], q2: ['a', 'b'], q3: ['a', 'c'] }, 50);
  t.same(
    r.graded.map((g) => g.credit),
    [1, 2 / 3, 0],
    'q3: 1 right - 1 wrong of 2 = 0',
  );
  t.same(
    r.graded.map((g) => g.correct),
    [true, false, false],
    '"correct" still means fully right',
  );
  t.equal(r.score, 56, '(1 + 2/3 + 0) / 3 = 55.6 %, rounded');
  t.equal(r.passed, true);
});
