// All SQL for accounts.
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users, type Role, type UserRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export type NewUser = { name: string; email: string | null; passwordHash: string | null; role?: Role; locale?: string };

export class EmailTakenError extends Error {}


export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  try {
    const [row] = await db.insert(users).values(user).returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new EmailTakenError();
    throw err;
  }
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function updateUser(db: DbOrTx, id: string, changes: Partial<Pick<UserRow, 'name' | 'locale' | 'passwordHash' | 'role'>>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, id)).returning();
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
    db.select().from(users).where(where).orderBy(desc(users.createdAt), users.id).limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(n) };
}

export async function findUsersByIds(db: DbOrTx, ids: string[]): Promise<UserRow[]> {
  if (!ids.length) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}
