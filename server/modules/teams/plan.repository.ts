// All SQL for the action plan: its fields (one row per field, last write wins), comments and share links.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { cityPlanComments, cityPlanFields, cityPlanShares } from '../../db/schema.ts';

export const fieldsOf = (db: DbOrTx, teamId: string) =>
  db.select().from(cityPlanFields).where(eq(cityPlanFields.teamId, teamId));

/**
 * Saves the given fields in one statement (all or none). Each field is its own row, so two people saving different
 * fields at once both keep theirs; the same field: the later write wins, and the row says whose it is.
 */
export async function saveFields(
  db: DbOrTx,
  teamId: string,
  values: { sectionId: string; fieldId: string; value: string | null }[],
  by: string,
) {
  return db
    .insert(cityPlanFields)
    .values(values.map((v) => ({ teamId, ...v, changedBy: by })))
    .onConflictDoUpdate({
      target: [cityPlanFields.teamId, cityPlanFields.sectionId, cityPlanFields.fieldId],
      set: { value: sql`excluded.value`, changedBy: sql`excluded.changed_by`, changedAt: sql`now()` },
    })
    .returning();
}

export const commentsOf = (db: DbOrTx, teamId: string) =>
  db
    .select()
    .from(cityPlanComments)
    .where(eq(cityPlanComments.teamId, teamId))
    .orderBy(asc(cityPlanComments.createdAt));

export async function insertComment(db: DbOrTx, row: typeof cityPlanComments.$inferInsert) {
  const [created] = await db.insert(cityPlanComments).values(row).returning();
  return created;
}

export async function insertShare(db: DbOrTx, row: typeof cityPlanShares.$inferInsert) {
  const [created] = await db.insert(cityPlanShares).values(row).returning();
  return created;
}

export const sharesOf = (db: DbOrTx, teamId: string) =>
  db.select().from(cityPlanShares).where(eq(cityPlanShares.teamId, teamId)).orderBy(asc(cityPlanShares.createdAt));

export async function deleteShare(db: DbOrTx, teamId: string, shareId: string): Promise<boolean> {
  const rows = await db
    .delete(cityPlanShares)
    .where(and(eq(cityPlanShares.teamId, teamId), eq(cityPlanShares.id, shareId)))
    .returning();
  return rows.length > 0;
}

export async function findShareByHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(cityPlanShares).where(eq(cityPlanShares.tokenHash, tokenHash));
  return row;
}

/** The filled fields of several teams (for the workshop dashboard's progress): ids and when, not the texts. */
export const filledFieldsOf = (db: DbOrTx, teamIds: string[]) =>
  teamIds.length
    ? db
        .select({
          teamId: cityPlanFields.teamId,
          sectionId: cityPlanFields.sectionId,
          fieldId: cityPlanFields.fieldId,
          changedBy: cityPlanFields.changedBy,
          changedAt: cityPlanFields.changedAt,
        })
        .from(cityPlanFields)
        .where(and(inArray(cityPlanFields.teamId, teamIds), isNotNull(cityPlanFields.value)))
    : Promise.resolve([]);
