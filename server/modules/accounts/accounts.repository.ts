// All SQL for accounts.
import { and, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  passwordResets,
  passwordResetTokens,
  sessions,
  signInCodes,
  users,
  type Role,
  type UserRow,
} from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { preparedOnce } from '../../db/prepared.ts';

export type NewUser = {
  name: string;
  email: string | null;
  username?: string | null;
  passwordHash: string | null;
  passwordSetAt?: Date | null;
  createdByWorkshopId?: string | null;
  role?: Role;
  locale?: string;
};

export class EmailTakenError extends Error {}
export class UsernameTakenError extends Error {}

/** Which of the two unique identifiers a refused insert collided with. */
function takenError(err: unknown): Error {
  const e = err as { constraint?: string; cause?: { constraint?: string }; message?: string };
  const where = `${e.constraint ?? ''} ${e.cause?.constraint ?? ''} ${e.message ?? ''}`;
  return where.includes('username') ? new UsernameTakenError() : new EmailTakenError();
}

/** Whether a write failed because another account holds that email (a race after the check). */
export const isEmailTaken = (err: unknown) => isUniqueViolation(err) && takenError(err) instanceof EmailTakenError;

export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  try {
    const [row] = await db.insert(users).values(user).returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(err);
    throw err;
  }
}

/** Many accounts in one statement (a facilitator's participant list); a collision throws like insertUser. */
export async function insertUsers(db: DbOrTx, rows: NewUser[]): Promise<UserRow[]> {
  if (!rows.length) return [];
  try {
    return await db.insert(users).values(rows).returning();
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(err);
    throw err;
  }
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

/** Accounts holding any of these emails or usernames (compared case-insensitively). */
export async function findUsersByIdentifiers(db: DbOrTx, emails: string[], usernames: string[]): Promise<UserRow[]> {
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const conditions: SQL[] = [];
  if (emails.length) conditions.push(inArray(sql`lower(${users.email})`, lower(emails)));
  if (usernames.length) conditions.push(inArray(sql`lower(${users.username})`, lower(usernames)));
  if (!conditions.length) return [];
  return db
    .select()
    .from(users)
    .where(or(...conditions));
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'email' | 'locale' | 'passwordHash' | 'passwordSetAt' | 'role' | 'username'>>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return Number(row.n);
}

export async function listUsers(db: DbOrTx, filter: { q?: string; role?: Role; page: number; pageSize: number }) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), users.id)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(n) };
}

export async function findUsersByIds(db: DbOrTx, ids: string[]): Promise<UserRow[]> {
  if (!ids.length) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}

// ---- One-time sign-in codes (only a hash is stored; the row is deleted on use) ----

export type NewSignInCode = typeof signInCodes.$inferInsert;

/** Issues or replaces codes: a person holds at most one, so a reissued code invalidates the old one. */
export async function upsertSignInCodes(db: DbOrTx, rows: NewSignInCode[]) {
  if (!rows.length) return;
  await db
    .insert(signInCodes)
    .values(rows)
    .onConflictDoUpdate({
      target: signInCodes.userId,
      set: {
        codeHash: sql`excluded.code_hash`,
        workshopId: sql`excluded.workshop_id`,
        createdBy: sql`excluded.created_by`,
        expiresAt: sql`excluded.expires_at`,
        createdAt: new Date(),
      },
    });
}

/** Who of these people holds a code not used yet (expired or not). */
export async function usersHoldingCodes(db: DbOrTx, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  return new Set(
    (await db.select({ userId: signInCodes.userId }).from(signInCodes).where(inArray(signInCodes.userId, userIds))).map(
      (r) => r.userId,
    ),
  );
}

export async function findSignInCode(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(signInCodes).where(eq(signInCodes.userId, userId));
  return row;
}

/** Deletes the code if it is still the one given; false when it was used (or replaced) meanwhile. */
export async function consumeSignInCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .delete(signInCodes)
    .where(and(eq(signInCodes.userId, userId), eq(signInCodes.codeHash, codeHash)))
    .returning();
  return rows.length > 0;
}

// ---- Sessions (one row per signed-in device; the cookie names it) ----

/** A new session; that person's expired rows are removed on the way, so the table stays small without a sweeper. */
export async function insertSession(db: DbOrTx, userId: string, expiresAt: Date, now = new Date()): Promise<string> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  const [row] = await db.insert(sessions).values({ userId, expiresAt }).returning({ id: sessions.id });
  // A session is a sign-in: the first one is kept (a workshop's "Joined" for someone its list added).
  await db
    .update(users)
    .set({ firstSignedInAt: now })
    .where(and(eq(users.id, userId), isNull(users.firstSignedInAt)));
  return row.id;
}

/**
 * The person behind a live session, in one query run on every signed-in request: a prepared statement
 * (server/db/prepared.ts), which also reads what `GET /api/me` answers.
 */
const sessionUser = preparedOnce((db) =>
  db
    .select({
      id: users.id,
      role: users.role,
      locale: users.locale,
      name: users.name,
      email: users.email,
      username: users.username,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.userId, sql.placeholder('userId')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('session_user'),
);

export async function findSessionUser(db: DbOrTx, userId: string, sessionId: string, now = new Date()) {
  const [row] = await sessionUser(db).execute({ sessionId, userId, now });
  return row;
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionsOf(db: DbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

// ---- Password resets (a new slip for an existing account) ----

export async function insertPasswordReset(db: DbOrTx, row: typeof passwordResets.$inferInsert) {
  await db.insert(passwordResets).values(row);
}

/** The latest reset this person has not been told about, marked as told; older unseen ones are marked too. */
export async function takeUnseenPasswordReset(db: DbOrTx, userId: string, now = new Date()) {
  const rows = await db
    .update(passwordResets)
    .set({ seenAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.seenAt)))
    .returning({ resetByName: passwordResets.resetByName, createdAt: passwordResets.createdAt });
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

// ---- Password reset links sent by email (only a hash of the token is stored; the row is deleted on use) ----

/** A person holds at most one link: a new one replaces the old. */
export async function upsertResetToken(db: DbOrTx, row: typeof passwordResetTokens.$inferInsert) {
  await db
    .insert(passwordResetTokens)
    .values(row)
    .onConflictDoUpdate({
      target: passwordResetTokens.userId,
      set: { tokenHash: row.tokenHash, expiresAt: row.expiresAt, createdAt: row.createdAt ?? new Date() },
    });
}

export async function findResetToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash));
  return row;
}

/** Deletes the link; false when it was used (or replaced) meanwhile. */
export async function consumeResetToken(db: DbOrTx, tokenHash: string): Promise<boolean> {
  const rows = await db
    .delete(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, tokenHash))
    .returning({ userId: passwordResetTokens.userId });
  return rows.length > 0;
}

export async function deleteResetTokensOf(db: DbOrTx, userId: string) {
  await db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));
}
