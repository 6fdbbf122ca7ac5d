// Discrimination index of quiz items (classical test theory, upper minus lower group): does a question separate
// the learners who did well on the whole quiz from those who did poorly? Pure: no database.

/** Below this an item "does not separate": strong and weak learners get it right about equally often. */
export const WEAK_DISCRIMINATION = 0.2;

export type ScoredAttempt = { score: number; graded: { questionId: string; credit: number }[] };

/**
 * For each question: the mean credit (proportion correct; partial credit counts as its share) among attempts in the
 * top third by score, minus the same among attempts in the bottom third. A third is floor(n / 3) attempts, so the
 * middle third never counts and at least 3 attempts are needed. A question drawn by no attempt in one of the two
 * groups has no index (null): a bank larger than the quiz means not every attempt sees every question.
 * Ties on the group boundary are broken by the order given (callers pass attempts oldest first).
 */
export function discriminationIndex(attempts: ScoredAttempt[]): Map<string, number | null> {
  const size = Math.floor(attempts.length / 3);
  const result = new Map<string, number | null>();
  for (const a of attempts) for (const g of a.graded) result.set(g.questionId, null);
  if (size === 0) return result;
  const ranked = attempts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.score - x.a.score || x.i - y.i)
    .map((x) => x.a);
  const upper = ranked.slice(0, size);
  const lower = ranked.slice(-size);
  // One pass over a group for all its questions (a 500-person workshop's quiz has some 170 attempts per third);
  // the credits are summed in the same order as before, attempt by attempt.
  const meanCredits = (group: ScoredAttempt[]) => {
    const totals = new Map<string, { sum: number; count: number }>();
    for (const a of group) {
      for (const g of a.graded) {
        let t = totals.get(g.questionId);
        if (!t) totals.set(g.questionId, (t = { sum: 0, count: 0 }));
        t.sum += g.credit;
        t.count++;
      }
    }
    return (questionId: string) => {
      const t = totals.get(questionId);
      return t ? t.sum / t.count : null;
    };
  };
  const highOf = meanCredits(upper);
  const lowOf = meanCredits(lower);
  for (const questionId of result.keys()) {
    const high = highOf(questionId);
    const low = lowOf(questionId);
    result.set(questionId, high === null || low === null ? null : Math.round((high - low) * 100) / 100);
  }
  return result;
}
