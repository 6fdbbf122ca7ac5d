// All SQL for uploaded videos and their captions.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { mediaCaptions, mediaUploads, type MediaUploadRow } from '../../../db/schema.ts';

export type NewUpload = typeof mediaUploads.$inferInsert;
export type CaptionRow = typeof mediaCaptions.$inferSelect;

export async function insertUpload(db: DbOrTx, row: NewUpload): Promise<MediaUploadRow> {
  const [created] = await db.insert(mediaUploads).values(row).returning();
  return created;
}

export async function findUpload(db: DbOrTx, id: string): Promise<MediaUploadRow | null> {
  const [row] = await db.select().from(mediaUploads).where(eq(mediaUploads.id, id));
  return row ?? null;
}

export async function listUploads(db: DbOrTx, filter: { tutorialId?: string } = {}): Promise<MediaUploadRow[]> {
  return db
    .select()
    .from(mediaUploads)
    .where(filter.tutorialId ? eq(mediaUploads.tutorialId, filter.tutorialId) : undefined)
    .orderBy(desc(mediaUploads.createdAt));
}

/** Ready uploads of a tutorial, newest first (what learners may be served). */
export async function readyUploads(db: DbOrTx, tutorialId: string): Promise<MediaUploadRow[]> {
  return db
    .select()
    .from(mediaUploads)
    .where(and(eq(mediaUploads.tutorialId, tutorialId), eq(mediaUploads.status, 'ready')))
    .orderBy(desc(mediaUploads.createdAt));
}

export async function updateUpload(db: DbOrTx, id: string, patch: Partial<Omit<NewUpload, 'id'>>): Promise<void> {
  await db
    .update(mediaUploads)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(mediaUploads.id, id));
}

export async function deleteUpload(db: DbOrTx, id: string): Promise<boolean> {
  const deleted = await db.delete(mediaUploads).where(eq(mediaUploads.id, id)).returning({ id: mediaUploads.id });
  return deleted.length > 0;
}

export async function allUploadIds(db: DbOrTx): Promise<Set<string>> {
  return new Set((await db.select({ id: mediaUploads.id }).from(mediaUploads)).map((r) => r.id));
}

/** Adds or replaces the captions of one locale. */
export async function upsertCaptions(
  db: DbOrTx,
  row: { uploadId: string; locale: string; vtt: string; cueCount: number },
): Promise<void> {
  await db
    .insert(mediaCaptions)
    .values(row)
    .onConflictDoUpdate({
      target: [mediaCaptions.uploadId, mediaCaptions.locale],
      set: { vtt: row.vtt, cueCount: row.cueCount, createdAt: sql`now()` },
    });
}

export async function captionsOf(db: DbOrTx, uploadIds: string[]): Promise<Omit<CaptionRow, 'vtt'>[]> {
  if (!uploadIds.length) return [];
  return db
    .select({
      uploadId: mediaCaptions.uploadId,
      locale: mediaCaptions.locale,
      cueCount: mediaCaptions.cueCount,
      createdAt: mediaCaptions.createdAt,
    })
    .from(mediaCaptions)
    .where(inArray(mediaCaptions.uploadId, uploadIds))
    .orderBy(mediaCaptions.locale);
}

export async function findCaptions(db: DbOrTx, uploadId: string, locale: string): Promise<CaptionRow | null> {
  const [row] = await db
    .select()
    .from(mediaCaptions)
    .where(and(eq(mediaCaptions.uploadId, uploadId), eq(mediaCaptions.locale, locale)));
  return row ?? null;
}
