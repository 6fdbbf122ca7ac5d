// Grading: pure domain rules, no database. Partial credit is off: a question is right or wrong.
export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'ordering';
export type GradableQuestion = { questionId: string; type: QuestionType; answer: string[] };

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

export function grade(questions: GradableQuestion[], answers: Record<string, string[]>, passMark: number) {
  const graded = questions.map((q) => {
    const response = answers[q.questionId] ?? [];
    return { questionId: q.questionId, response, correctResponse: q.answer, correct: isCorrect(q.type, q.answer, response) };
  });
  const right = graded.filter((g) => g.correct).length;
  const score = questions.length ? Math.round((100 * right) / questions.length) : 0;
  return { score, passed: score >= passMark, graded };
}
