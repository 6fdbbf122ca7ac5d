// Grading: pure domain rules, no database. A question earns 1 when right, 0 when wrong; a multiple-answer
// question that declares partial credit earns a share instead, as Moodle's "each choice" grading does.
export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'ordering';
export type GradableQuestion = { questionId: string; type: QuestionType; answer: string[]; partialCredit?: boolean };

export function isCorrect(type: QuestionType, answer: string[], response: string[] | undefined): boolean {
  if (!response || response.length === 0) return false;
  switch (type) {
    case 'single':
    case 'truefalse':
      return response.length === 1 && response[0] === answer[0];
    case 'multiple': {
      const given = new Set(response);
      return given.size === response.length && given.size === answer.length && answer.every((id) => given.has(id));
    }
    case 'ordering':
      return response.length === answer.length && response.every((id, i) => id === answer[i]);
  }
}

/** The choices of a multiple-answer response: how many of the n correct options were chosen, and how many wrong ones. */
export function choiceCounts(answer: string[], response: string[]): { right: number; wrong: number; total: number } {
  const given = new Set(response);
  const right = answer.filter((id) => given.has(id)).length;
  return { right, wrong: given.size - right, total: answer.length };
}

/**
 * The share of a question's point a response earns, from 0 to 1. With partial credit each correct choice adds 1/n
 * and each wrong choice takes 1/n away (n = number of correct options), never below 0: ticking everything earns 0.
 */
export function credit(q: GradableQuestion, response: string[] | undefined): number {
  if (q.type === 'multiple' && q.partialCredit && response?.length) {
    const { right, wrong, total } = choiceCounts(q.answer, response);
    return Math.min(1, Math.max(0, (right - wrong) / total));
  }
  return isCorrect(q.type, q.answer, response) ? 1 : 0;
}

export function grade(questions: GradableQuestion[], answers: Record<string, string[]>, passMark: number) {
  const graded = questions.map((q) => {
    const response = answers[q.questionId] ?? [];
    return {
      questionId: q.questionId,
      response,
      correctResponse: q.answer,
      correct: isCorrect(q.type, q.answer, response),
      credit: credit(q, response),
    };
  });
  const earned = graded.reduce((sum, g) => sum + g.credit, 0);
  const score = questions.length ? Math.round((100 * earned) / questions.length) : 0;
  return { score, passed: score >= passMark, graded };
}
