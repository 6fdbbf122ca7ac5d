// Question texts by reference: an attempt stores each drawn question's text as the hash of a row of
// quiz_question_texts, written once for every attempt that draws it (see the table's comment in the schema).
// Read side: a text never changes under its hash, so what this process has read is kept (bounded) and an attempt
// that draws known questions costs no read of their texts.
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { quizQuestionTexts, type DrawnQuestion, type QuestionText, type StoredQuestion } from '../../db/schema.ts';
import { BoundedMap } from '../../shared/bounded-map.ts';

const hashOf = (text: QuestionText) => createHash('sha256').update(JSON.stringify(text)).digest('hex');

/** Texts read or written by this process, by hash; the oldest go first past 2,000 (a course has some hundred). */
const kept = new BoundedMap<string, QuestionText>(2000);
const keep = (hash: string, text: QuestionText) => kept.set(hash, text);

/** Writes the texts of `drawn` that the database lacks, and returns the questions as an attempt stores them. */
export async function storeQuestionTexts(db: DbOrTx, drawn: DrawnQuestion[]): Promise<StoredQuestion[]> {
  const stored = drawn.map(({ text, ...question }) => ({ ...question, textHash: hashOf(text) }));
  const missing = new Map(stored.map((q, i) => [q.textHash, drawn[i].text]));
  if (missing.size) {
    // Which are there already: a question drawn before costs this small read, not a resend of its text.
    const present = await db
      .select({ hash: quizQuestionTexts.hash })
      .from(quizQuestionTexts)
      .where(inArray(quizQuestionTexts.hash, [...missing.keys()]));
    for (const { hash } of present) missing.delete(hash);
    if (missing.size)
      await db
        .insert(quizQuestionTexts)
        .values([...missing].map(([hash, text]) => ({ hash, text })))
        .onConflictDoNothing();
  }
  stored.forEach((q, i) => keep(q.textHash, drawn[i].text));
  return stored;
}

/** The stored questions with their texts: from what this process keeps, the rest in one read. */
export async function withQuestionTexts(db: DbOrTx, stored: StoredQuestion[]): Promise<DrawnQuestion[]> {
  const missing = [...new Set(stored.map((q) => q.textHash).filter((hash) => !kept.has(hash)))];
  if (missing.length) {
    const rows = await db.select().from(quizQuestionTexts).where(inArray(quizQuestionTexts.hash, missing));
    for (const row of rows) keep(row.hash, row.text);
  }
  return stored.map(({ textHash, ...question }) => {
    const text = kept.get(textHash);
    if (!text) throw new Error(`quiz_question_texts has no text ${textHash} (an attempt refers to it)`);
    return { ...question, text };
  });
}
