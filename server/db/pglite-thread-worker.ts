// The embedded database's own thread (see pglite-thread.ts): PGlite runs here, so the queries it runs back to back do
// not hold the server's event loop, which keeps accepting connections and rendering pages meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { types } from '@electric-sql/pglite';
import { newEmbeddedDatabase } from './pglite-options.ts';
import { PgliteStatements } from './pglite-statements.ts';
import type { ThreadReply, ThreadRequest, WorkerInit } from './pglite-thread.ts';

const init = workerData as WorkerInit;
const port = parentPort!;

const db = newEmbeddedDatabase(init.dataDir, init.loadDataDir ? new Blob([init.loadDataDir]) : undefined);
const statements = new PgliteStatements(db);

/**
 * The types drizzle's PGlite driver asks, with every query, to keep as PostgreSQL's text (timestamps, dates,
 * intervals, and arrays of those and of numeric: drizzle-orm/pglite/session.js). PGlite copies its whole parser table
 * for every query that brings parsers of its own (measured: half the rate of small queries), so they are set once on
 * the instance, and a query asking for another set is refused rather than answered with other types.
 */
const TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const textTypesKey = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
const TEXT_TYPES_KEY = textTypesKey(TEXT_TYPES);
const ready = db.waitReady.then(() => {
  // After PGlite's own start-up, which sets a parser for every array type.
  for (const id of TEXT_TYPES) db.parsers[id] = (value: string) => value;
});

const BY_ROW_MODE = { array: { rowMode: 'array' }, object: { rowMode: 'object' } } as const;
function queryOptions(rowMode: 'array' | 'object', textTypes: number[]) {
  if (textTypesKey(textTypes) !== TEXT_TYPES_KEY)
    throw new Error(
      `The embedded database's thread returns types ${TEXT_TYPES_KEY} as text; this query asked for ${textTypesKey(textTypes) || 'none'} (update TEXT_TYPES in server/db/pglite-thread-worker.ts to match the driver).`,
    );
  return BY_ROW_MODE[rowMode];
}

type OpenTransaction = { end: (commit: boolean) => void };
/** Open transactions by the caller's number: how to end each, and how it ended. Their statements run while PGlite's
 * `transaction` holds its turn (see PgliteStatements.query). */
const open = new Map<number, OpenTransaction & { finished: Promise<void> }>();
const ROLLBACK = Symbol('rollback');

/** The error's own fields (SQLSTATE `code`, `detail`, `constraint`…) travel with its message. */
function plainError(err: unknown) {
  const e = err as Record<string, unknown> & { message?: string; name?: string };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e ?? {}))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  return { message: String(e?.message ?? err), name: String(e?.name ?? 'Error'), fields };
}

const signal = new Int32Array(init.signal);
/** A `sync` request's caller is blocked in Atomics.wait: its answer goes to the other port, then the signal wakes it. */
const reply = (message: ThreadReply, sync?: boolean) => {
  if (!sync) return port.postMessage(message);
  init.syncReplies.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
};
const answer = (request: ThreadRequest) =>
  run(request).then(
    (result) => reply({ id: request.id, ok: true, result }, request.sync),
    (err) => reply({ id: request.id, ok: false, error: plainError(err) }, request.sync),
  );

async function run(request: ThreadRequest) {
  switch (request.op) {
    case 'query': {
      const inTransaction = request.tx !== undefined;
      if (inTransaction && !open.has(request.tx!)) throw new Error(`transaction ${request.tx} is not open`);
      const { rows, fields, affectedRows } = await statements.query(
        request.sql,
        request.params,
        queryOptions(request.rowMode, request.textTypes),
        inTransaction,
      );
      return { rows, fields, affectedRows };
    }
    case 'begin': {
      let entered!: (entry: OpenTransaction) => void;
      const started = new Promise<OpenTransaction>((resolve) => (entered = resolve));
      const finished = db.transaction(
        () =>
          new Promise<void>((resolve, reject) => entered({ end: (commit) => (commit ? resolve() : reject(ROLLBACK)) })),
      );
      // Either the transaction is open, or it could not begin (its error goes to the caller).
      const entry = await Promise.race([started, finished.then(() => null)]);
      if (!entry) throw new Error('the transaction ended before it began');
      open.set(request.tx, { ...entry, finished });
      return null;
    }
    case 'end': {
      const entry = open.get(request.tx);
      if (!entry) throw new Error(`transaction ${request.tx} is not open`);
      open.delete(request.tx);
      entry.end(request.commit);
      try {
        await entry.finished;
      } catch (err) {
        if (err !== ROLLBACK) throw err;
      }
      return null;
    }
    case 'close':
      await db.close();
      return null;
  }
}

port.on('message', (request: ThreadRequest) => void answer(request));

ready.then(
  () => reply({ id: 0, ok: true, result: null }),
  (err) => reply({ id: 0, ok: false, error: plainError(err) }),
);
