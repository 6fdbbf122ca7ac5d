// Reads quiz answers from the quiz form (used by the server action and by the in-browser autosave alike).
// Single and true/false: one radio group `q-<id>`; multiple: checkboxes `q-<id>`; ordering: one position select per option `o-<id>-<option>`.
type Question = { questionId: string; type: string; options: { id: string }[] };
export type FormAnswers = { answers: { questionId: string; response: string[] }[]; badOrdering: string[] };

export function answersFromForm(form: FormData, questions: Question[]): FormAnswers {
  const answers: FormAnswers['answers'] = [];
  const badOrdering: string[] = [];
  for (const q of questions) {
    if (q.type !== 'ordering') {
      answers.push({ questionId: q.questionId, response: form.getAll(`q-${q.questionId}`).map(String) });
      continue;
    }
    const positions = q.options.map((o) => ({
      id: o.id,
      position: Number(form.get(`o-${q.questionId}-${o.id}`) || 0),
    }));
    const chosen = positions.filter((p) => p.position > 0);
    if (chosen.length === 0) {
      answers.push({ questionId: q.questionId, response: [] });
    } else if (chosen.length !== q.options.length || new Set(chosen.map((p) => p.position)).size !== chosen.length) {
      badOrdering.push(q.questionId);
    } else {
      answers.push({
        questionId: q.questionId,
        response: [...chosen].sort((a, b) => a.position - b.position).map((p) => p.id),
      });
    }
  }
  return { answers, badOrdering };
}
