// Migration 0018 moves the texts out of attempts drawn before it: each distinct text once into quiz_question_texts,
// and every attempt's questions refer to it by hash, in the order they were drawn.
// On the embedded database, whatever TEST_DB says: the migration is plain PostgreSQL (sha256 since PostgreSQL 11),
// and on PostgreSQL every test database runs it too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import t, { type Test } from 'tap';
import { MIGRATIONS_DIR, migrate, openPglite } from '../../../server/db/client.ts';
import { quizAttempts, quizQuestions, quizQuestionTexts, users } from '../../../server/db/schema.ts';
import { loadAndImportContent } from '../../../server/modules/catalog/content-boot.ts';
import { findAttempt } from '../../../server/modules/quizzes/quizzes.repository.ts';

const BEFORE = 18; // the migration under test: 0018_question_texts

/** The migrations folder as it was before migration 0018. */
function migrationsBefore(t: Test) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-migrations-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  for (const entry of journal.entries.filter((e) => e.idx >= BEFORE)) fs.rmSync(path.join(dir, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < BEFORE);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

t.test('attempts drawn before it keep their questions, order and texts; each text is stored once', async (t) => {
  const database = await openPglite(undefined);
  t.teardown(() => database.close());
  const { db } = database;
  await migrate(database, migrationsBefore(t));
  await loadAndImportContent(db);
  const bank = await db
    .select()
    .from(quizQuestions)
    .where(eq(quizQuestions.quizId, 'm1-quiz'))
    .orderBy(asc(quizQuestions.position));
  t.ok(bank.length >= 4, 'the course has a bank to draw from');
  const oldStyle = (questions: typeof bank) =>
    questions.map((q) => ({
      questionId: q.id,
      type: q.type,
      optionOrder: [...q.optionIds].reverse(),
      answer: q.answer,
      text: q.text,
    }));
  const people = await db
    .insert(users)
    .values(['a', 'b'].map((n) => ({ email: `${n}@example.org`, name: `Learner ${n} 学习`, passwordHash: 'x' })))
    .returning({ id: users.id });
  // Two attempts drawing overlapping questions, in different orders, and one that drew none.
  const drawnA = bank.slice(0, 3);
  const drawnB = [bank[3], bank[1], bank[0]];
  const inserted = await db.execute(sql`
    insert into quiz_attempts (user_id, quiz_id, attempt_number, pass_mark, questions) values
      (${people[0].id}, 'm1-quiz', 1, 70, ${JSON.stringify(oldStyle(drawnA))}::jsonb),
      (${people[1].id}, 'm1-quiz', 1, 70, ${JSON.stringify(oldStyle(drawnB))}::jsonb),
      (${people[1].id}, 'm1-quiz', 2, 70, '[]'::jsonb)
    returning id`);
  const [a, b, empty] = (inserted as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);

  await migrate(database);

  const [{ texts }] = await db.select({ texts: sql<number>`count(*)::integer` }).from(quizQuestionTexts);
  t.equal(texts, 4, 'four distinct questions were drawn: four texts');
  for (const [id, drawn] of [
    [a, drawnA],
    [b, drawnB],
  ] as const) {
    const [stored] = await db
      .select({ questions: quizAttempts.questions })
      .from(quizAttempts)
      .where(eq(quizAttempts.id, id));
    t.ok(
      stored.questions.every((q) => typeof q.textHash === 'string' && !('text' in q)),
      'stored by reference',
    );
    const attempt = await findAttempt(db, id);
    t.same(
      attempt!.questions,
      oldStyle(drawn),
      'read back: the same questions in the same order, option order, key and every language of the text',
    );
  }
  t.same((await findAttempt(db, empty))!.questions, [], 'an attempt that drew nothing is left as it was');
});
