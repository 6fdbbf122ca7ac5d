// All SQL for city teams: teams, members, assessments and their per-action answers.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  cityAssessmentActions,
  cityAssessments,
  cityTeamMembers,
  cityTeams,
  type CityTeamRow,
  type FieldChange,
} from '../../db/schema.ts';

export class JoinCodeTakenError extends Error {}
export class AlreadyInWorkshopTeamError extends Error {}
export class AssessmentDateTakenError extends Error {}

export async function findTeam(db: DbOrTx, id: string): Promise<CityTeamRow | undefined> {
  const [row] = await db.select().from(cityTeams).where(eq(cityTeams.id, id));
  return row;
}

export async function findTeamByCode(db: DbOrTx, code: string): Promise<CityTeamRow | undefined> {
  const [row] = await db.select().from(cityTeams).where(eq(cityTeams.joinCode, code));
  return row;
}

export async function isMember(db: DbOrTx, teamId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: cityTeamMembers.userId })
    .from(cityTeamMembers)
    .where(and(eq(cityTeamMembers.teamId, teamId), eq(cityTeamMembers.userId, userId)));
  return !!row;
}

/** The team this person belongs to in a workshop, if any. */
export async function teamInWorkshopOf(db: DbOrTx, workshopId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ teamId: cityTeamMembers.teamId })
    .from(cityTeamMembers)
    .where(and(eq(cityTeamMembers.workshopId, workshopId), eq(cityTeamMembers.userId, userId)));
  return row?.teamId;
}

function translate(err: unknown): never {
  const e = err as { constraint?: string; cause?: { constraint?: string }; message?: string };
  const constraint = e.constraint ?? e.cause?.constraint ?? '';
  if (isUniqueViolation(err)) {
    if (constraint.includes('join_code')) throw new JoinCodeTakenError();
    if (constraint.includes('one_per_workshop')) throw new AlreadyInWorkshopTeamError();
    if (constraint.includes('team_date')) throw new AssessmentDateTakenError();
  }
  throw err;
}

/** Inserts a team, with its first member when one is given, in one transaction. */
export async function insertTeam(
  db: DbOrTx,
  row: typeof cityTeams.$inferInsert,
  firstMemberId: string | null,
): Promise<CityTeamRow> {
  try {
    return await db.transaction(async (tx) => {
      const [team] = await tx.insert(cityTeams).values(row).returning();
      if (firstMemberId)
        await tx
          .insert(cityTeamMembers)
          .values({ teamId: team.id, userId: firstMemberId, workshopId: team.workshopId });
      return team;
    });
  } catch (err) {
    translate(err);
  }
}

/** Adds a member; false when they already were one. */
export async function addMember(db: DbOrTx, team: CityTeamRow, userId: string): Promise<boolean> {
  try {
    const rows = await db
      .insert(cityTeamMembers)
      .values({ teamId: team.id, userId, workshopId: team.workshopId })
      .onConflictDoNothing({ target: [cityTeamMembers.teamId, cityTeamMembers.userId] })
      .returning();
    return rows.length > 0;
  } catch (err) {
    translate(err);
  }
}

export async function removeMember(db: DbOrTx, teamId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(cityTeamMembers)
    .where(and(eq(cityTeamMembers.teamId, teamId), eq(cityTeamMembers.userId, userId)))
    .returning();
  return rows.length > 0;
}

export const membersOf = (db: DbOrTx, teamId: string) =>
  db
    .select({ userId: cityTeamMembers.userId, joinedAt: cityTeamMembers.joinedAt })
    .from(cityTeamMembers)
    .where(eq(cityTeamMembers.teamId, teamId))
    .orderBy(asc(cityTeamMembers.joinedAt));

export async function teamsOfMember(db: DbOrTx, userId: string): Promise<CityTeamRow[]> {
  const rows = await db
    .select({ team: cityTeams })
    .from(cityTeams)
    .innerJoin(cityTeamMembers, eq(cityTeamMembers.teamId, cityTeams.id))
    .where(eq(cityTeamMembers.userId, userId))
    .orderBy(desc(cityTeams.createdAt));
  return rows.map((r) => r.team);
}

export const teamsOfWorkshop = (db: DbOrTx, workshopId: string) =>
  db.select().from(cityTeams).where(eq(cityTeams.workshopId, workshopId)).orderBy(asc(cityTeams.city));

export async function memberCounts(db: DbOrTx, teamIds: string[]): Promise<Map<string, number>> {
  if (!teamIds.length) return new Map();
  const rows = await db
    .select({ teamId: cityTeamMembers.teamId, n: sql<number>`count(*)::int` })
    .from(cityTeamMembers)
    .where(inArray(cityTeamMembers.teamId, teamIds))
    .groupBy(cityTeamMembers.teamId);
  return new Map(rows.map((r) => [r.teamId, r.n]));
}

// ---- Assessments ----

/**
 * Inserts an assessment when `allowed(dates of the team's other assessments)` says yes, in one transaction that holds
 * the team's row: two members starting one at the same moment cannot both pass the check.
 */
export async function insertAssessment<R>(
  db: DbOrTx,
  row: typeof cityAssessments.$inferInsert,
  refuse: (otherDates: string[]) => R | null,
): Promise<{ created: typeof cityAssessments.$inferSelect } | { refused: R }> {
  try {
    return await db.transaction(async (tx) => {
      await tx.select({ id: cityTeams.id }).from(cityTeams).where(eq(cityTeams.id, row.teamId)).for('update');
      const others = await tx
        .select({ assessedOn: cityAssessments.assessedOn })
        .from(cityAssessments)
        .where(eq(cityAssessments.teamId, row.teamId));
      const refused = refuse(others.map((o) => o.assessedOn));
      if (refused !== null) return { refused };
      const [created] = await tx.insert(cityAssessments).values(row).returning();
      return { created };
    });
  } catch (err) {
    translate(err);
  }
}

export const assessmentsOf = (db: DbOrTx, teamId: string) =>
  db.select().from(cityAssessments).where(eq(cityAssessments.teamId, teamId)).orderBy(asc(cityAssessments.assessedOn));

export async function findAssessment(db: DbOrTx, teamId: string, assessmentId: string) {
  const [row] = await db
    .select()
    .from(cityAssessments)
    .where(and(eq(cityAssessments.id, assessmentId), eq(cityAssessments.teamId, teamId)));
  return row;
}

export const answersOf = (db: DbOrTx, assessmentIds: string[]) =>
  assessmentIds.length
    ? db.select().from(cityAssessmentActions).where(inArray(cityAssessmentActions.assessmentId, assessmentIds))
    : Promise.resolve([]);

export type AnswerFields = {
  rating?: number | null;
  evidence?: string | null;
  link?: string | null;
  lead?: string | null;
};

/**
 * Saves the given fields of one action in one statement: fields not given keep their value (last write wins per
 * field, so two people saving different fields or actions at once both keep theirs), and each saved field records
 * who changed it and when.
 */
export async function saveAnswer(
  db: DbOrTx,
  assessmentId: string,
  actionId: string,
  fields: AnswerFields,
  change: FieldChange,
) {
  const changes = Object.fromEntries(Object.keys(fields).map((k) => [k, change]));
  const set: Record<string, unknown> = {
    ...fields,
    changes: sql`${cityAssessmentActions.changes} || ${JSON.stringify(changes)}::jsonb`,
  };
  const [row] = await db
    .insert(cityAssessmentActions)
    .values({ assessmentId, actionId, ...fields, changes })
    .onConflictDoUpdate({ target: [cityAssessmentActions.assessmentId, cityAssessmentActions.actionId], set })
    .returning();
  return row;
}

/** The assessments of several teams, oldest first (the workshop dashboard and its export). */
export const assessmentsOfTeams = (db: DbOrTx, teamIds: string[]) =>
  teamIds.length
    ? db
        .select()
        .from(cityAssessments)
        .where(inArray(cityAssessments.teamId, teamIds))
        .orderBy(asc(cityAssessments.assessedOn))
    : Promise.resolve([]);
