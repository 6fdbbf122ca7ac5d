// All SQL for certificates.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { certificates, type CertificateRow } from '../../db/schema.ts';

export async function findCertificate(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  return row;
}

export async function activeCertificate(db: DbOrTx, userId: string, courseId: string) {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId), isNull(certificates.revokedAt)));
  return row;
}

export const certificatesOf = (db: DbOrTx, userId: string) =>
  db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt));

export async function insertCertificate(db: DbOrTx, row: typeof certificates.$inferInsert) {
  const [created] = await db.insert(certificates).values(row).onConflictDoNothing().returning();
  return created;
}

export async function completeCertificate(
  db: DbOrTx,
  id: string,
  credential: Record<string, unknown>,
  verifyUrl: string,
) {
  await db.update(certificates).set({ credential, verifyUrl }).where(eq(certificates.id, id));
}

export async function revokeCertificate(db: DbOrTx, id: string, reason: string, supersededBy?: string) {
  const [row] = await db
    .update(certificates)
    .set({ revokedAt: new Date(), revokedReason: reason, supersededBy: supersededBy ?? null })
    .where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
    .returning();
  return row;
}

export async function markSuperseded(db: DbOrTx, id: string, supersededBy: string) {
  await db.update(certificates).set({ supersededBy }).where(eq(certificates.id, id));
}

export const revokedStatusIndexes = async (db: DbOrTx) =>
  (
    await db.select({ index: certificates.statusIndex }).from(certificates).where(isNotNull(certificates.revokedAt))
  ).map((r) => r.index);
