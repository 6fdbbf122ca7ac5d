// Hot queries as named prepared statements, one per database handle: drizzle builds the SQL once (building it costs
// about 0.5 ms of CPU per request, more than running it), and Postgres parses it once per connection and, after five
// executions, plans it once (its generic plan), as long as the plan does not hang on a value: see `literalLimit`.
// Values are bound by name at execution: `sql.placeholder('userId')` where the query takes a value.
// On the embedded database the name is dropped by drizzle's driver, but every statement is kept by its text there
// (pglite-statements.ts), so the same holds.
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

/** A value now, or a placeholder filled when a prepared statement runs. */
export type Bound<T> = T | Placeholder;

export function preparedOnce<D extends DbOrTx, T>(build: (db: D) => T): (db: D) => T {
  const statements = new WeakMap<D, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) statements.set(db, (statement = build(db)));
    return statement;
  };
}

const dialect = new PgDialect();

/** A statement written in SQL (CTEs and upserts the query builder cannot say), prepared once per database. */
export function preparedSql(name: string, query: SQL) {
  const built = dialect.sqlToQuery(query);
  return preparedOnce((db: DbOrTx) => db._.session.prepareQuery(built, undefined, name, false));
}

/**
 * A LIMIT written into the SQL, for queries that are (or are part of) prepared statements. drizzle binds `.limit(1)`
 * as a value ($1); Postgres plans a statement with an unknown LIMIT for a tenth of the table, so its generic plan
 * always looks dearer than a custom one and the statement was planned afresh at every execution (the signed-in
 * lesson's: 0.09 ms of planning for 0.05 ms of work). drizzle writes an SQL value as it is.
 */
export const literalLimit = (rows: number): number => {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`LIMIT must be a whole number, not ${rows}`);
  return sql.raw(String(rows)) as unknown as number;
};
