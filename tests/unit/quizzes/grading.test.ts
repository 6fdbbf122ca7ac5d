import t from 'tap';
import { grade, isCorrect } from '../../../server/modules/quizzes/grading.ts';

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
  t.same(r.graded.map((g) => g.correct), [true, true, false]);
  t.same(r.graded[2], { questionId: 'q3', response: ['a'], correctResponse: ['a', 'b'], correct: false });
  t.equal(grade(questions, { q1: ['a'], q2: ['true'], q3: ['b', 'a'] }, 70).passed, true);
  t.equal(grade(questions, {}, 70).score, 0, 'nothing answered scores 0');
  t.equal(grade(questions, { q1: ['a'], q2: ['true'] }, 66).passed, true, 'pass mark is inclusive');
});
