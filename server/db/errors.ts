// Database error recognition shared by repositories (PGlite and pg both surface Postgres SQLSTATE codes).

/** A unique constraint refused the row (SQLSTATE 23505), directly or wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
