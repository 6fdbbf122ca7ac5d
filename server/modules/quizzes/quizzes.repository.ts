// All SQL for quizzes: the bank (read-only here), attempts, best scores.
import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { quizAttempts, quizBest, quizQuestions, quizzes, type DrawnQuestion } from '../../db/schema.ts';
import { storeQuestionTexts, withQuestionTexts } from './question-texts.ts';

export async function findQuiz(db: DbOrTx, quizId: string) {
  const [row] = await db
    .select()
    .from(quizzes)
    .where(and(eq(quizzes.id, quizId), isNull(quizzes.retiredAt)));
  return row;
}

export const questionsOf = (db: DbOrTx, quizId: string) =>
  db
    .select()
    .from(quizQuestions)
    .where(and(eq(quizQuestions.quizId, quizId), isNull(quizQuestions.retiredAt)))
    .orderBy(asc(quizQuestions.position));

/** What an attempt drew, was answered and was graded with. */
const {
  questions: _drawnQuestions,
  answers: _answers,
  graded: _graded,
  ...attemptSummary
} = getTableColumns(quizAttempts);

/** A person's attempts at a quiz, newest first, without what they drew and answered (`findAttempt` reads one whole). */
export const attemptSummariesOf = (db: DbOrTx, userId: string, quizId: string) =>
  db
    .select(attemptSummary)
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId)))
    .orderBy(desc(quizAttempts.attemptNumber));

type StoredAttempt = typeof quizAttempts.$inferSelect;
/** An attempt with its drawn questions' texts (stored by reference: question-texts.ts). */
export type Attempt = Omit<StoredAttempt, 'questions'> & { questions: DrawnQuestion[] };
const withTexts = async (db: DbOrTx, row: StoredAttempt | undefined): Promise<Attempt | undefined> =>
  row && { ...row, questions: await withQuestionTexts(db, row.questions) };

export async function findAttempt(db: DbOrTx, attemptId: string) {
  const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId));
  return withTexts(db, row);
}

const { questions: _drawn, ...attemptColumnsButQuestions } = getTableColumns(quizAttempts);

export async function insertAttempt(
  db: DbOrTx,
  row: Omit<typeof quizAttempts.$inferInsert, 'questions'> & { questions: DrawnQuestion[] },
): Promise<Attempt | undefined> {
  const questions = await storeQuestionTexts(db, row.questions);
  const [created] = await db
    .insert(quizAttempts)
    .values({ ...row, questions })
    .onConflictDoNothing()
    .returning(attemptColumnsButQuestions);
  return created && { ...created, questions: row.questions };
}

/** Whether the attempt was open, and so saved. */
export async function saveAnswers(db: DbOrTx, attemptId: string, answers: Record<string, string[]>) {
  const [row] = await db
    .update(quizAttempts)
    .set({ answers })
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.status, 'open')))
    .returning({ id: quizAttempts.id });
  return !!row;
}

/**
 * Marks an open attempt submitted and counts it in the learner's best score, in one statement (atomic without a
 * transaction, one round trip: on the embedded database a transaction holds every other query until it ends).
 * Returns the submitted row, or nothing when it was already submitted (so it counts once).
 */
export async function submitAndRecordBest(
  db: DbOrTx,
  attemptId: string,
  result: Pick<typeof quizAttempts.$inferInsert, 'answers' | 'score' | 'passed' | 'graded'>,
) {
  const submitted = db.$with('submitted').as(
    db
      .update(quizAttempts)
      .set({ ...result, status: 'submitted', submittedAt: new Date() })
      .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.status, 'open')))
      .returning(),
  );
  // A data-modifying WITH runs once and to completion even though the main query does not read it.
  const best = db.$with('best').as(
    db
      .insert(quizBest)
      .select(
        db
          .select({
            userId: submitted.userId,
            quizId: submitted.quizId,
            bestScore: sql<number>`${submitted.score}`.as('best_score'),
            passed: sql<boolean>`${submitted.passed}`.as('passed'),
            attempts: sql<number>`1`.as('attempts'),
            lastSubmittedAt: sql<Date>`${submitted.submittedAt}`.as('last_submitted_at'),
          })
          .from(submitted),
      )
      .onConflictDoUpdate({
        target: [quizBest.userId, quizBest.quizId],
        set: {
          bestScore: sql`greatest(${quizBest.bestScore}, excluded.best_score)`,
          passed: sql`${quizBest.passed} or excluded.passed`,
          attempts: sql`${quizBest.attempts} + 1`,
          lastSubmittedAt: sql`greatest(${quizBest.lastSubmittedAt}, excluded.last_submitted_at)`,
        },
      })
      .returning({ userId: quizBest.userId }),
  );
  const [row] = await db.with(submitted, best).select().from(submitted);
  return withTexts(db, row);
}

export const bestScoresOf = (db: DbOrTx, userId: string) =>
  db.select().from(quizBest).where(eq(quizBest.userId, userId));

/** Best scores of many learners in some quizzes (workshop dashboards). */
export async function bestScoresAmong(db: DbOrTx, userIds: string[], quizIds: string[]) {
  if (!userIds.length || !quizIds.length) return [];
  return db
    .select()
    .from(quizBest)
    .where(and(inArray(quizBest.userId, userIds), inArray(quizBest.quizId, quizIds)));
}

/**
 * The graded questions of many learners' submitted attempts at one quiz, oldest first: of each question only its id,
 * whether it was right and its credit. The responses are most of the stored JSON and item analysis does not read them;
 * leaving them in the database halves the time of a 500-person dashboard's reads (each question as a small array).
 */
export async function submittedGradedAmong(db: DbOrTx, userIds: string[], quizId: string) {
  if (!userIds.length) return [];
  const rows = await db
    .select({
      userId: quizAttempts.userId,
      score: quizAttempts.score,
      graded: sql<
        [string, boolean, number | null][]
      >`(select coalesce(json_agg(json_build_array(g->'questionId', g->'correct', g->'credit') order by n), '[]')
        from jsonb_array_elements(${quizAttempts.graded}) with ordinality as e(g, n))`,
    })
    .from(quizAttempts)
    .where(
      and(inArray(quizAttempts.userId, userIds), eq(quizAttempts.quizId, quizId), eq(quizAttempts.status, 'submitted')),
    )
    .orderBy(asc(quizAttempts.submittedAt));
  return rows.map((r) => ({
    userId: r.userId,
    score: r.score,
    graded: r.graded.map(([questionId, correct, credit]) => ({ questionId, correct, credit: credit ?? undefined })),
  }));
}

/** Recomputes every best score from the submitted attempts (part of the progress rebuild). */
export async function rebuildBestScores(db: DbOrTx) {
  await db.delete(quizBest);
  await db.execute(sql`
    insert into quiz_best (user_id, quiz_id, best_score, passed, attempts, last_submitted_at)
    select user_id, quiz_id, max(score), bool_or(passed), count(*), max(submitted_at)
    from quiz_attempts where status = 'submitted' group by user_id, quiz_id`);
}
