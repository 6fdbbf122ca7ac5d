// The quiz rules, without a database: anyone signed in takes a quiz; an attempt is its taker's alone.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import { allows, attemptsFilter, requireQuizAccess } from '../../../server/modules/quizzes/quizzes.permissions.ts';

const learner: Actor = { id: 'u-learner', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };
const learnersAttempt = { userId: learner.id };

t.test('quiz.take: anyone signed in takes a quiz; nobody who is not signed in does', async (t) => {
  for (const actor of [learner, facilitator, admin]) t.ok(allows(actor, 'quiz.take'), `${actor.role} takes the quiz`);
  t.notOk(allows(null, 'quiz.take'), 'no one signed in: refused');
  t.doesNotThrow(() => requireQuizAccess(learner, 'quiz.take'));
  t.throws(() => requireQuizAccess(null, 'quiz.take'), { statusCode: 401, code: 'auth.required' });
});

for (const action of ['attempt.read', 'attempt.answer'] as const) {
  t.test(`${action}: the taker may; nobody else, not even an admin or a facilitator`, async (t) => {
    t.ok(allows(learner, action, learnersAttempt), 'the taker');
    t.notOk(allows({ ...learner, id: 'u-other' }, action, learnersAttempt), 'another learner');
    t.notOk(
      allows(facilitator, action, learnersAttempt),
      'a facilitator (their workshop sees item analysis, not attempts)',
    );
    t.notOk(allows(admin, action, learnersAttempt), 'an admin');
    t.notOk(allows(null, action, learnersAttempt), 'no one signed in');
    t.notOk(allows(learner, action), 'no attempt at all');
  });
}

t.test('the list filter shows each actor their own attempts, which attempt.read allows them', async (t) => {
  for (const actor of [learner, facilitator, admin]) {
    t.same(attemptsFilter(actor), { userId: actor.id });
    t.ok(allows(actor, 'attempt.read', attemptsFilter(actor)), `${actor.role}: what the list shows, the detail allows`);
  }
});
