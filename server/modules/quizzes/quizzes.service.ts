// Quiz rules: drawing attempts, saving answers, grading once on the server. Keys never leave before submission.
import { randomInt } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { DrawnQuestion } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { pick, servedIn } from '../../i18n/served.ts';
import { discriminationIndex } from './discrimination.ts';
import { choiceCounts, grade } from './grading.ts';
import { RecentReads } from '../catalog/recent-reads.ts';
import { attemptsFilter, requireAttempt, requireQuizAccess } from './quizzes.permissions.ts';
import * as repo from './quizzes.repository.ts';
import type {
  AnswerInput,
  AttemptBody,
  MyQuizAttemptsBody,
  OpenAttemptBody,
  SubmittedAttemptBody,
} from './quizzes.schemas.ts';

type AttemptRow = NonNullable<Awaited<ReturnType<typeof repo.findAttempt>>>;
type QuizRow = NonNullable<Awaited<ReturnType<typeof repo.findQuiz>>>;

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function quizOf(db: Db, quizId: string): Promise<QuizRow> {
  const quiz = await repo.findQuiz(db, quizId);
  if (!quiz) throw NotFound(`The quiz "${quizId}"`, 'quiz.not_found');
  return quiz;
}

type QuestionRow = Awaited<ReturnType<typeof repo.questionsOf>>[number];
/** A quiz with its bank of questions; undefined for a quiz that does not exist (or was retired). */
export type Bank = { quiz: QuizRow; questions: QuestionRow[] } | undefined;
/** Per app: a quiz and its bank, shared by the starts of the next second (a workshop starting a quiz together). */
export const newQuizBanks = () => new RecentReads<Bank>();

async function readBank(db: Db, quizId: string): Promise<Bank> {
  const [quiz, questions] = await Promise.all([repo.findQuiz(db, quizId), repo.questionsOf(db, quizId)]);
  return quiz && { quiz, questions };
}

function attemptsLeft(quiz: QuizRow, submitted: number) {
  return quiz.maxAttempts === 0 ? null : Math.max(0, quiz.maxAttempts - submitted);
}

function localText(q: DrawnQuestion, locale: string) {
  const text = pick(q.text, locale);
  const byId = new Map(text.options.map((o) => [o.id, o.text]));
  return {
    prompt: text.prompt,
    explanation: text.explanation,
    options: q.optionOrder.map((id) => ({ id, text: byId.get(id) ?? id })),
    locale: servedIn(q.text, locale),
  };
}

/** The language the attempt's questions were served in (English where the bank has no translation). */
const attemptLocale = (row: AttemptRow, locale: string) =>
  row.questions.length && row.questions.every((q) => servedIn(q.text, locale) === locale) ? locale : 'en';

function toOpen(row: AttemptRow, quiz: QuizRow, locale: string): OpenAttemptBody {
  return {
    attemptId: row.id,
    quizId: row.quizId,
    moduleId: quiz.moduleId,
    attemptNumber: row.attemptNumber,
    maxAttempts: quiz.maxAttempts,
    passMark: row.passMark,
    locale: attemptLocale(row, locale),
    status: 'open',
    questions: row.questions.map((q) => {
      const { prompt, options, locale: served } = localText(q, locale);
      return { questionId: q.questionId, type: q.type, prompt, options, locale: served };
    }),
    answers: Object.entries(row.answers).map(([questionId, response]) => ({ questionId, response })),
  };
}

async function toSubmitted(db: Db, row: AttemptRow, quiz: QuizRow, locale: string): Promise<SubmittedAttemptBody> {
  const submitted = (await repo.attemptSummariesOf(db, row.userId, row.quizId)).filter(
    (a) => a.status === 'submitted',
  ).length;
  const gradedById = new Map((row.graded ?? []).map((g) => [g.questionId, g]));
  return {
    attemptId: row.id,
    quizId: row.quizId,
    moduleId: quiz.moduleId,
    attemptNumber: row.attemptNumber,
    maxAttempts: quiz.maxAttempts,
    passMark: row.passMark,
    locale: attemptLocale(row, locale),
    status: 'submitted',
    score: row.score ?? 0,
    passed: row.passed ?? false,
    submittedAt: (row.submittedAt ?? new Date()).toISOString(),
    attemptsLeft: attemptsLeft(quiz, submitted),
    questions: row.questions.map((q) => {
      const g = gradedById.get(q.questionId);
      const { prompt, options, explanation, locale: served } = localText(q, locale);
      const response = g?.response ?? [];
      const correct = g?.correct ?? false;
      const partialCredit = q.type === 'multiple' && !!q.partialCredit;
      return {
        questionId: q.questionId,
        type: q.type,
        locale: served,
        prompt,
        options,
        response,
        correctResponse: q.answer,
        correct,
        credit: g?.credit ?? (correct ? 1 : 0),
        partialCredit,
        ...(partialCredit ? { choices: choiceCounts(q.answer, response) } : {}),
        explanation,
      };
    }),
  };
}

/** Starts an attempt, or returns the one already open (so a reload or a second device continues it). */
export async function startAttempt(
  db: Db,
  banks: RecentReads<Bank>,
  actor: Actor,
  quizId: string,
  locale = 'en',
): Promise<{ created: boolean; attempt: OpenAttemptBody }> {
  requireQuizAccess(actor, 'quiz.take');
  const read = await banks.get(quizId, () => readBank(db, quizId));
  if (!read) throw NotFound(`The quiz "${quizId}"`, 'quiz.not_found');
  const { quiz, questions: bank } = read;
  for (let tries = 0; tries < 3; tries++) {
    const attempts = await repo.attemptSummariesOf(db, attemptsFilter(actor).userId, quizId);
    const openOne = attempts.find((a) => a.status === 'open');
    if (openOne) {
      const open = await repo.findAttempt(db, openOne.id);
      if (open?.status === 'open') return { created: false, attempt: toOpen(open, quiz, locale) };
      continue; // submitted meanwhile (another window): read the attempts again
    }
    const submitted = attempts.filter((a) => a.status === 'submitted');
    if (quiz.maxAttempts > 0 && submitted.length >= quiz.maxAttempts) {
      const best = Math.max(...submitted.map((a) => a.score ?? 0));
      throw Conflict(
        'quiz.attempts_used',
        `You have used all ${quiz.maxAttempts} attempts at this quiz; no more attempts are allowed. Your best score, ${best} %, is the one that counts.`,
        {
          maxAttempts: quiz.maxAttempts,
          used: submitted.length,
          bestScore: best,
        },
      );
    }
    const drawn: DrawnQuestion[] = shuffle(bank)
      .slice(0, quiz.questionsPerAttempt)
      .map((q) => ({
        questionId: q.id,
        type: q.type,
        // True/false keeps its natural order; everything else is shuffled, ordering questions especially.
        optionOrder: q.type === 'truefalse' ? q.optionIds : shuffle(q.optionIds),
        answer: q.answer,
        partialCredit: q.partialCredit,
        text: q.text,
      }));
    const attemptNumber = (attempts[0]?.attemptNumber ?? 0) + 1;
    const created = await repo.insertAttempt(db, {
      userId: actor.id,
      quizId,
      attemptNumber,
      passMark: quiz.passMark,
      questions: drawn,
    });
    if (created) return { created: true, attempt: toOpen(created, quiz, locale) };
    // Another request created this attempt number at the same moment: read it back.
  }
  throw Conflict('quiz.busy', 'This quiz is being started from another window. Reload the page.');
}

/** Checks answers against the questions this attempt drew; a 400 names every unknown question or option. */
function validAnswers(attempt: AttemptRow, answers: AnswerInput[]): Record<string, string[]> {
  const byId = new Map(attempt.questions.map((q) => [q.questionId, q]));
  const problems: { questionId: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const a of answers) {
    const q = byId.get(a.questionId);
    if (!q) {
      problems.push({ questionId: a.questionId, message: `question "${a.questionId}" is not part of this attempt` });
      continue;
    }
    if (seen.has(a.questionId))
      problems.push({ questionId: a.questionId, message: `question "${a.questionId}" is answered twice` });
    seen.add(a.questionId);
    const unknown = a.response.filter((id) => !q.optionOrder.includes(id));
    if (unknown.length)
      problems.push({
        questionId: a.questionId,
        message: `option(s) ${unknown.map((u) => `"${u}"`).join(', ')} are not options of question "${a.questionId}"`,
      });
    if ((q.type === 'single' || q.type === 'truefalse') && a.response.length > 1)
      problems.push({ questionId: a.questionId, message: `question "${a.questionId}" takes one answer` });
  }
  if (problems.length)
    throw BadRequest(
      'quiz.invalid_answers',
      `Some answers do not fit this attempt: ${problems.map((p) => p.message).join('; ')}.`,
      problems,
    );
  const merged = { ...attempt.answers };
  for (const a of answers) {
    if (a.response.length) merged[a.questionId] = a.response;
    else delete merged[a.questionId];
  }
  return merged;
}

const alreadySubmitted = () =>
  Conflict(
    'quiz.attempt_submitted',
    'This attempt has already been submitted, so its answers can no longer change. Start a new attempt to try again.',
  );

export async function saveAnswers(db: Db, actor: Actor, attemptId: string, answers: AnswerInput[]) {
  const attempt = await requireAttempt(db, actor, 'attempt.answer', attemptId);
  if (attempt.status !== 'open') throw alreadySubmitted();
  const merged = validAnswers(attempt, answers);
  const saved = await repo.saveAnswers(db, attemptId, merged);
  if (!saved) throw alreadySubmitted();
  return {
    saved: answers.length,
    answers: Object.entries(merged).map(([questionId, response]) => ({ questionId, response })),
  };
}

/** Grades on the server against the questions this attempt drew. Submitting again returns the first result and counts once. */
export async function submitAttempt(
  db: Db,
  actor: Actor,
  attemptId: string,
  answers: AnswerInput[] | undefined,
  locale = 'en',
): Promise<SubmittedAttemptBody> {
  const attempt = await requireAttempt(db, actor, 'attempt.answer', attemptId);
  const quiz = await quizOf(db, attempt.quizId);
  if (attempt.status === 'submitted') return toSubmitted(db, attempt, quiz, locale);
  const merged = answers ? validAnswers(attempt, answers) : attempt.answers;
  const result = grade(attempt.questions, merged, attempt.passMark);
  const submitted = await repo.submitAndRecordBest(db, attemptId, {
    answers: merged,
    score: result.score,
    passed: result.passed,
    graded: result.graded,
  });
  return toSubmitted(db, submitted ?? (await requireAttempt(db, actor, 'attempt.read', attemptId)), quiz, locale);
}

export async function getAttempt(db: Db, actor: Actor, attemptId: string, locale = 'en'): Promise<AttemptBody> {
  const attempt = await requireAttempt(db, actor, 'attempt.read', attemptId);
  const quiz = await quizOf(db, attempt.quizId);
  return attempt.status === 'open' ? toOpen(attempt, quiz, locale) : toSubmitted(db, attempt, quiz, locale);
}

export async function myAttempts(db: Db, actor: Actor, quizId: string): Promise<MyQuizAttemptsBody> {
  requireQuizAccess(actor, 'quiz.take');
  const quiz = await quizOf(db, quizId);
  const attempts = await repo.attemptSummariesOf(db, attemptsFilter(actor).userId, quizId);
  const submitted = attempts.filter((a) => a.status === 'submitted');
  return {
    quizId,
    moduleId: quiz.moduleId,
    maxAttempts: quiz.maxAttempts,
    passMark: quiz.passMark,
    questionsPerAttempt: quiz.questionsPerAttempt,
    bestScore: submitted.length ? Math.max(...submitted.map((a) => a.score ?? 0)) : null,
    passed: submitted.some((a) => a.passed),
    attemptsLeft: attemptsLeft(quiz, submitted.length),
    attempts: attempts.map((a) => ({
      attemptId: a.id,
      attemptNumber: a.attemptNumber,
      status: a.status,
      score: a.score,
      passed: a.passed,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    })),
  };
}

export const bestScores = (db: Db, userId: string) => repo.bestScoresOf(db, userId);

export const bestScoresAmong = (db: Db, userIds: string[], quizIds: string[]) =>
  repo.bestScoresAmong(db, userIds, quizIds);

export type QuestionResult = {
  questionId: string;
  position: number;
  prompt: string;
  answered: number;
  correct: number;
  discrimination: number | null;
};

/**
 * Item analysis of one quiz for a group of learners: for each question in the bank, how many of them answered it
 * in a submitted attempt and how many got it right, counting each learner's latest answer to that question once;
 * and its discrimination index over each learner's latest submitted attempt (upper minus lower third by score).
 */
export async function itemAnalysis(
  db: Db,
  userIds: string[],
  quizId: string,
  locale = 'en',
): Promise<QuestionResult[]> {
  const [bank, submitted] = await Promise.all([
    repo.questionsOf(db, quizId),
    repo.submittedGradedAmong(db, userIds, quizId),
  ]);
  const latest = new Map<string, Map<string, boolean>>(); // userId -> questionId -> correct; later attempts overwrite earlier ones
  for (const attempt of submitted) {
    let mine = latest.get(attempt.userId);
    if (!mine) latest.set(attempt.userId, (mine = new Map()));
    for (const g of attempt.graded) mine.set(g.questionId, g.correct);
  }
  const tally = new Map<string, { answered: number; correct: number }>();
  for (const mine of latest.values()) {
    for (const [questionId, correct] of mine) {
      let t = tally.get(questionId);
      if (!t) tally.set(questionId, (t = { answered: 0, correct: 0 }));
      t.answered++;
      if (correct) t.correct++;
    }
  }
  const latestAttempt = new Map<string, (typeof submitted)[number]>();
  for (const attempt of submitted) latestAttempt.set(attempt.userId, attempt);
  const index = discriminationIndex(
    [...latestAttempt.values()].map((a) => ({
      score: a.score ?? 0,
      graded: a.graded.map((g) => ({ questionId: g.questionId, credit: g.credit ?? (g.correct ? 1 : 0) })),
    })),
  );
  return bank.map((q) => ({
    questionId: q.id,
    position: q.position,
    prompt: pick(q.text, locale).prompt,
    ...(tally.get(q.id) ?? { answered: 0, correct: 0 }),
    discrimination: index.get(q.id) ?? null,
  }));
}

export { WEAK_DISCRIMINATION } from './discrimination.ts';

export const rebuildBestScores = (db: DbOrTx) => repo.rebuildBestScores(db);
