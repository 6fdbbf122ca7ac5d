// Who may take a quiz and read or answer an attempt, and which attempts a list may show. Deny unless a rule grants.
// Anyone signed in takes any quiz of the course. An attempt is its taker's alone: nobody else reads or answers it, not
// even an admin or the taker's facilitators (they see item analysis on the workshop dashboard). Someone else's attempt
// is reported as not found, so an attempt id tells nothing about who took what.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { NotFound, Unauthorized } from '../../http/errors.ts';
import * as repo from './quizzes.repository.ts';

export type QuizAction =
  | 'quiz.take' // start an attempt, see one's own attempts at the quiz
  | 'attempt.read' // see an attempt (once submitted: the answers, the key and the explanations)
  | 'attempt.answer'; // save answers, submit

export type AttemptRow = NonNullable<Awaited<ReturnType<typeof repo.findAttempt>>>;

export function allows(actor: Actor | null, action: QuizAction, attempt?: Pick<AttemptRow, 'userId'>): boolean {
  if (!actor) return false;
  switch (action) {
    case 'quiz.take':
      return true;
    case 'attempt.read':
    case 'attempt.answer':
      return !!attempt && attempt.userId === actor.id;
  }
}

export const attemptNotFound = () => NotFound('This quiz attempt', 'quiz.attempt_not_found');

/** Checks an action on a quiz itself ('quiz.take'); every quiz service method that names no attempt starts here. */
export function requireQuizAccess(actor: Actor | null, action: 'quiz.take'): asserts actor is Actor {
  if (!allows(actor, action)) throw Unauthorized();
}

/** Loads the attempt and checks the action; every attempt service method starts here. */
export async function requireAttempt(
  db: Db,
  actor: Actor,
  action: 'attempt.read' | 'attempt.answer',
  attemptId: string,
): Promise<AttemptRow> {
  const attempt = await repo.findAttempt(db, attemptId);
  if (!attempt || !allows(actor, action, attempt)) throw attemptNotFound();
  return attempt;
}

/** The list filter that matches 'attempt.read': a list of attempts shows the actor's own, whoever the actor is. */
export function attemptsFilter(actor: Actor): { userId: string } {
  return { userId: actor.id };
}
