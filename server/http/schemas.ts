// Schemas shared by every domain: the error body, ids, paging.
import { Type, type Static, type TSchema } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine key, e.g. auth.invalid_credentials' }),
      message: Type.String({ description: 'What went wrong and what to do, for a person' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorSchema>;

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** A page of a list: bounded, so that (page - 1) × pageSize stays a number the database can use as an offset. */
export const PageNumber = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });

export const PagingQuery = Type.Object(
  {
    page: PageNumber,
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** The error responses a route can give, keyed by status, for its response schema. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<number, typeof ErrorSchema>;
}

/** GET /api/health. */
export const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  database: Type.Literal('up'),
  version: Type.String(),
  worker: Type.Integer({
    minimum: 0,
    description:
      "Which server process answered with WORKERS=N (the cluster's worker id, new for a restarted one); 0 when the server is one process",
  }),
});
