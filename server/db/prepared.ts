// Hot queries as named prepared statements, one per database handle: drizzle builds the SQL once (building it costs
// about 0.5 ms of CPU per request, more than running it), and Postgres parses and plans it once per connection.
// Values are bound by name at execution: `sql.placeholder('userId')` where the query takes a value.
import type { Placeholder, SQL } from 'drizzle-orm';
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
