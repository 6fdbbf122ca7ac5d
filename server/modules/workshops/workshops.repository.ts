// All SQL for workshops: the workshop, its facilitators, participants and assignments.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  workshopAssignments,
  workshopFacilitators,
  workshopInvitations,
  workshopParticipants,
  workshops,
  type WorkshopRow,
} from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export type NewWorkshop = typeof workshops.$inferInsert;
export type WorkshopChanges = Partial<
  Pick<
    WorkshopRow,
    | 'title'
    | 'description'
    | 'city'
    | 'country'
    | 'locale'
    | 'timeZone'
    | 'startsOn'
    | 'endsOn'
    | 'maxParticipants'
    | 'joinCode'
    | 'joinClosedAt'
    | 'joinFrom'
    | 'joinUntil'
    | 'archivedAt'
  >
>;

export class JoinCodeTakenError extends Error {}

/** Inserts a workshop with its owner; a join code already used by an active workshop throws JoinCodeTakenError. */
export async function insertWorkshop(db: DbOrTx, row: NewWorkshop, ownerId: string): Promise<WorkshopRow> {
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(workshops).values(row).returning();
      await tx.insert(workshopFacilitators).values({ workshopId: created.id, userId: ownerId, role: 'owner' });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new JoinCodeTakenError();
    throw err;
  }
}

export async function updateWorkshop(
  db: DbOrTx,
  id: string,
  changes: WorkshopChanges,
): Promise<WorkshopRow | undefined> {
  try {
    const [row] = await db
      .update(workshops)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(workshops.id, id))
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new JoinCodeTakenError();
    throw err;
  }
}

export async function findWorkshop(db: DbOrTx, id: string): Promise<WorkshopRow | undefined> {
  const [row] = await db.select().from(workshops).where(eq(workshops.id, id));
  return row;
}

/** Workshops with this code: the active one first, then archived ones that once had it. */
export const workshopsWithCode = (db: DbOrTx, code: string) =>
  db
    .select()
    .from(workshops)
    .where(eq(workshops.joinCode, code))
    .orderBy(sql`${workshops.archivedAt} is not null`, desc(workshops.createdAt))
    .limit(5);

/** Workshops, filtered: all (admins) or those one person facilitates; current or archived. */
export async function listWorkshops(db: DbOrTx, filter: { facilitatorId?: string; archived: boolean }) {
  const archived = filter.archived ? isNotNull(workshops.archivedAt) : isNull(workshops.archivedAt);
  const query = db.select({ workshop: workshops }).from(workshops);
  const rows = filter.facilitatorId
    ? await query
        .innerJoin(
          workshopFacilitators,
          and(eq(workshopFacilitators.workshopId, workshops.id), eq(workshopFacilitators.userId, filter.facilitatorId)),
        )
        .where(archived)
        .orderBy(desc(workshops.startsOn), asc(workshops.title))
    : await query.where(archived).orderBy(desc(workshops.startsOn), asc(workshops.title));
  return rows.map((r) => r.workshop);
}

export const workshopsJoinedBy = (db: DbOrTx, userId: string) =>
  db
    .select({ workshop: workshops })
    .from(workshops)
    .innerJoin(
      workshopParticipants,
      and(
        eq(workshopParticipants.workshopId, workshops.id),
        eq(workshopParticipants.userId, userId),
        isNull(workshopParticipants.leftAt),
      ),
    )
    .where(isNull(workshops.archivedAt))
    .orderBy(desc(workshops.startsOn))
    .then((rows) => rows.map((r) => r.workshop));

// ---- Relations of one person to one workshop ----

export async function facilitatorRole(db: DbOrTx, workshopId: string, userId: string) {
  const [row] = await db
    .select({ role: workshopFacilitators.role })
    .from(workshopFacilitators)
    .where(and(eq(workshopFacilitators.workshopId, workshopId), eq(workshopFacilitators.userId, userId)));
  return row?.role ?? null;
}

export async function participation(db: DbOrTx, workshopId: string, userId: string) {
  const [row] = await db
    .select()
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.userId, userId)));
  return row;
}

// ---- Facilitators ----

export const facilitatorsOf = (db: DbOrTx, workshopId: string) =>
  db
    .select()
    .from(workshopFacilitators)
    .where(eq(workshopFacilitators.workshopId, workshopId))
    .orderBy(asc(workshopFacilitators.addedAt));

export async function addFacilitator(db: DbOrTx, workshopId: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(workshopFacilitators)
    .values({ workshopId, userId, role: 'co_facilitator' })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

export async function removeCoFacilitator(db: DbOrTx, workshopId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(workshopFacilitators)
    .where(
      and(
        eq(workshopFacilitators.workshopId, workshopId),
        eq(workshopFacilitators.userId, userId),
        eq(workshopFacilitators.role, 'co_facilitator'),
      ),
    )
    .returning();
  return rows.length > 0;
}

// ---- Participants ----

/** Current participants (those who left are not), in joining order. */
export const participantsOf = (db: DbOrTx, workshopId: string) =>
  db
    .select()
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), isNull(workshopParticipants.leftAt)))
    .orderBy(asc(workshopParticipants.joinedAt));

export async function participantCounts(db: DbOrTx, workshopIds: string[]): Promise<Map<string, number>> {
  if (!workshopIds.length) return new Map();
  const rows = await db
    .select({ workshopId: workshopParticipants.workshopId, n: count() })
    .from(workshopParticipants)
    .where(and(inArray(workshopParticipants.workshopId, workshopIds), isNull(workshopParticipants.leftAt)))
    .groupBy(workshopParticipants.workshopId);
  return new Map(rows.map((r) => [r.workshopId, Number(r.n)]));
}

/** Joins (or rejoins after leaving). */
export async function upsertParticipant(db: DbOrTx, workshopId: string, userId: string) {
  await db
    .insert(workshopParticipants)
    .values({ workshopId, userId })
    .onConflictDoUpdate({
      target: [workshopParticipants.workshopId, workshopParticipants.userId],
      set: { joinedAt: new Date(), leftAt: null },
    });
}

/** Joins many people at once (a participant list); those who had left are back. */
export async function upsertParticipants(db: DbOrTx, workshopId: string, userIds: string[]) {
  if (!userIds.length) return;
  await db
    .insert(workshopParticipants)
    .values(userIds.map((userId) => ({ workshopId, userId })))
    .onConflictDoUpdate({
      target: [workshopParticipants.workshopId, workshopParticipants.userId],
      set: { joinedAt: new Date(), leftAt: null },
    });
}

export async function markLeft(db: DbOrTx, workshopId: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(workshopParticipants)
    .set({ leftAt: new Date() })
    .where(
      and(
        eq(workshopParticipants.workshopId, workshopId),
        eq(workshopParticipants.userId, userId),
        isNull(workshopParticipants.leftAt),
      ),
    )
    .returning();
  return rows.length > 0;
}

// ---- Invitations (existing accounts named in a participant list; they become participants by accepting) ----

/** Invitations waiting for an answer in one workshop. */
export const invitationsOf = (db: DbOrTx, workshopId: string) =>
  db.select().from(workshopInvitations).where(eq(workshopInvitations.workshopId, workshopId));

/** Invites people (inviting again keeps the first invitation). */
export async function insertInvitations(db: DbOrTx, workshopId: string, userIds: string[], invitedBy: string) {
  if (!userIds.length) return;
  await db
    .insert(workshopInvitations)
    .values(userIds.map((userId) => ({ workshopId, userId, invitedBy })))
    .onConflictDoNothing();
}

/** One person's invitations to workshops that are not archived, newest first. */
export const invitationsFor = (db: DbOrTx, userId: string) =>
  db
    .select({ invitation: workshopInvitations, workshop: workshops })
    .from(workshopInvitations)
    .innerJoin(workshops, and(eq(workshops.id, workshopInvitations.workshopId), isNull(workshops.archivedAt)))
    .where(eq(workshopInvitations.userId, userId))
    .orderBy(desc(workshopInvitations.invitedAt));

/** Removes one person's invitation (accepted or declined); false when there was none. */
export async function deleteInvitation(db: DbOrTx, workshopId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(workshopInvitations)
    .where(and(eq(workshopInvitations.workshopId, workshopId), eq(workshopInvitations.userId, userId)))
    .returning();
  return rows.length > 0;
}

/** Places taken toward the participant limit: current participants and invitations not yet answered. */
export async function placesTaken(db: DbOrTx, workshopId: string): Promise<{ participants: number; invited: number }> {
  const [p] = await db
    .select({ n: count() })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), isNull(workshopParticipants.leftAt)));
  const [i] = await db
    .select({ n: count() })
    .from(workshopInvitations)
    .where(eq(workshopInvitations.workshopId, workshopId));
  return { participants: Number(p.n), invited: Number(i.n) };
}

/** One join at a time per workshop, so the participant limit holds under a rush of joins. */
export async function lockWorkshop(tx: DbOrTx, workshopId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`workshop:${workshopId}`}))`);
}

// ---- Assignments ----

export const assignmentsOf = (db: DbOrTx, workshopId: string) =>
  db
    .select()
    .from(workshopAssignments)
    .where(eq(workshopAssignments.workshopId, workshopId))
    .orderBy(asc(workshopAssignments.dueAt), asc(workshopAssignments.moduleId));

export async function assignmentsOfMany(db: DbOrTx, workshopIds: string[]) {
  if (!workshopIds.length) return [];
  return db
    .select()
    .from(workshopAssignments)
    .where(inArray(workshopAssignments.workshopId, workshopIds))
    .orderBy(asc(workshopAssignments.dueAt), asc(workshopAssignments.moduleId));
}

export class AlreadyAssignedError extends Error {}

export async function insertAssignment(db: DbOrTx, row: typeof workshopAssignments.$inferInsert) {
  try {
    const [created] = await db.insert(workshopAssignments).values(row).returning();
    return created;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AlreadyAssignedError();
    throw err;
  }
}

export async function updateAssignment(db: DbOrTx, workshopId: string, id: string, dueAt: Date) {
  const [row] = await db
    .update(workshopAssignments)
    .set({ dueAt })
    .where(and(eq(workshopAssignments.id, id), eq(workshopAssignments.workshopId, workshopId)))
    .returning();
  return row;
}

export async function deleteAssignment(db: DbOrTx, workshopId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(workshopAssignments)
    .where(and(eq(workshopAssignments.id, id), eq(workshopAssignments.workshopId, workshopId)))
    .returning();
  return rows.length > 0;
}
