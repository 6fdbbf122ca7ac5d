// Imports the validated content bundle into the database in one transaction, keyed by its hash:
// unchanged content costs one lookup; changed content updates in place; what left the course is retired, never deleted.
import { eq, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import {
  activities,
  contentImports,
  courses,
  lessons,
  modules,
  quizQuestions,
  quizzes,
  storyboards,
} from '../../db/schema.ts';
import type { ContentBundle } from './content-types.ts';
import { contentImported } from './content-epoch.ts';

export type ImportResult = { imported: boolean; hash: string };

/** `set` clause for an upsert: every listed column takes the incoming (excluded) value. */
function excluded(columns: Record<string, PgColumn>): Record<string, SQL> {
  return Object.fromEntries(Object.entries(columns).map(([key, col]) => [key, sql.raw(`excluded."${col.name}"`)]));
}

async function upsert<T extends PgTable>(
  tx: Tx,
  table: T,
  idColumn: PgColumn,
  rows: T['$inferInsert'][],
  columns: Record<string, PgColumn>,
) {
  if (!rows.length) return;
  await tx
    .insert(table)
    .values(rows)
    .onConflictDoUpdate({ target: idColumn, set: { ...excluded(columns), retiredAt: null } as never });
}

async function retireMissing(tx: Tx, table: PgTable & { id: PgColumn; retiredAt: PgColumn }, keepIds: string[]) {
  const missing = keepIds.length ? notInArray(table.id, keepIds) : undefined;
  await tx
    .update(table)
    .set({ retiredAt: new Date() } as never)
    .where(missing ? sql`${missing} and ${isNull(table.retiredAt)}` : isNull(table.retiredAt));
}

export async function alreadyImported(db: Db, hash: string): Promise<boolean> {
  const [seen] = await db.select().from(contentImports).where(eq(contentImports.hash, hash));
  return !!seen;
}

export async function importContent(db: Db, bundle: ContentBundle): Promise<ImportResult> {
  if (await alreadyImported(db, bundle.hash)) return { imported: false, hash: bundle.hash };

  await db.transaction(async (tx) => {
    const { course } = bundle;
    await upsert(
      tx,
      courses,
      courses.id,
      [
        {
          id: course.id,
          title: course.title,
          summary: course.summary,
          audience: course.audience,
          hours: course.hours,
          locales: bundle.locales,
        },
      ],
      {
        title: courses.title,
        summary: courses.summary,
        audience: courses.audience,
        hours: courses.hours,
        locales: courses.locales,
      },
    );
    await upsert(
      tx,
      modules,
      modules.id,
      bundle.modules.map((m) => ({
        id: m.id,
        courseId: course.id,
        position: course.moduleIds.indexOf(m.id) + 1,
        number: m.number,
        kind: m.kind,
        title: m.title,
        summary: m.summary,
        objectives: m.objectives,
        quizId: m.quizId,
        activityId: m.activityId,
        tutorialId: m.tutorialId,
        checklist: m.checklist,
      })),
      {
        courseId: modules.courseId,
        position: modules.position,
        number: modules.number,
        kind: modules.kind,
        title: modules.title,
        summary: modules.summary,
        objectives: modules.objectives,
        quizId: modules.quizId,
        activityId: modules.activityId,
        tutorialId: modules.tutorialId,
        checklist: modules.checklist,
      },
    );
    await upsert(
      tx,
      lessons,
      lessons.id,
      bundle.lessons.map((l) => ({
        id: l.id,
        moduleId: l.moduleId,
        position: l.position,
        minutes: l.minutes,
        title: l.title,
        keyPoints: l.keyPoints,
        html: l.html,
        toc: l.toc,
        sources: l.sources,
        words: l.words,
        reviewedLocales: l.reviewedLocales,
      })),
      {
        moduleId: lessons.moduleId,
        position: lessons.position,
        minutes: lessons.minutes,
        title: lessons.title,
        keyPoints: lessons.keyPoints,
        html: lessons.html,
        toc: lessons.toc,
        sources: lessons.sources,
        words: lessons.words,
        reviewedLocales: lessons.reviewedLocales,
      },
    );
    await upsert(
      tx,
      activities,
      activities.id,
      bundle.activities.map((a) => ({
        id: a.id,
        moduleId: a.moduleId,
        minutes: a.minutes,
        groupSize: a.groupSize,
        title: a.title,
        materials: a.materials,
        outputs: a.outputs,
        html: a.html,
      })),
      {
        moduleId: activities.moduleId,
        minutes: activities.minutes,
        groupSize: activities.groupSize,
        title: activities.title,
        materials: activities.materials,
        outputs: activities.outputs,
        html: activities.html,
      },
    );
    await upsert(
      tx,
      quizzes,
      quizzes.id,
      bundle.quizzes.map((q) => ({
        id: q.id,
        moduleId: q.moduleId,
        passMark: q.passMark,
        questionsPerAttempt: q.questionsPerAttempt,
        maxAttempts: q.maxAttempts,
      })),
      {
        moduleId: quizzes.moduleId,
        passMark: quizzes.passMark,
        questionsPerAttempt: quizzes.questionsPerAttempt,
        maxAttempts: quizzes.maxAttempts,
      },
    );
    await upsert(
      tx,
      quizQuestions,
      quizQuestions.id,
      bundle.quizzes.flatMap((q) =>
        q.questions.map((question, i) => ({
          id: question.id,
          quizId: q.id,
          position: i + 1,
          type: question.type,
          optionIds: question.optionIds,
          answer: question.answer,
          partialCredit: question.partialCredit,
          text: question.text,
        })),
      ),
      {
        quizId: quizQuestions.quizId,
        position: quizQuestions.position,
        type: quizQuestions.type,
        optionIds: quizQuestions.optionIds,
        answer: quizQuestions.answer,
        partialCredit: quizQuestions.partialCredit,
        text: quizQuestions.text,
      },
    );
    await upsert(
      tx,
      storyboards,
      storyboards.id,
      bundle.storyboards.map((s) => ({
        id: s.id,
        moduleId: s.moduleId,
        hash: s.hash,
        title: s.title,
        scenes: s.scenes,
      })),
      {
        moduleId: storyboards.moduleId,
        hash: storyboards.hash,
        title: storyboards.title,
        scenes: storyboards.scenes,
      },
    );

    await retireMissing(
      tx,
      storyboards,
      bundle.storyboards.map((s) => s.id),
    );
    await retireMissing(
      tx,
      quizQuestions,
      bundle.quizzes.flatMap((q) => q.questions.map((x) => x.id)),
    );
    await retireMissing(
      tx,
      quizzes,
      bundle.quizzes.map((q) => q.id),
    );
    await retireMissing(
      tx,
      activities,
      bundle.activities.map((a) => a.id),
    );
    await retireMissing(
      tx,
      lessons,
      bundle.lessons.map((l) => l.id),
    );
    await retireMissing(
      tx,
      modules,
      bundle.modules.map((m) => m.id),
    );
    await retireMissing(tx, courses, [course.id]);
    await tx.insert(contentImports).values({ hash: bundle.hash }).onConflictDoNothing();
  });
  contentImported();
  return { imported: true, hash: bundle.hash };
}
