// The embedded database (PGlite) in a thread of its own, behind the part of PGlite's interface drizzle uses (query,
// transaction, close).
//
// Why: PGlite runs a query synchronously on the thread that calls it, and under load its queue is never empty, so on
// the server's thread it held the event loop 300–500 ms at a stretch. Node accepts one new connection per turn of
// the loop (libuv/libuv#3696), so 50 participants arriving at once were let in over 8 s. In its own thread it turns
// no slower than the pages it renders, and the database and the rendering use two cores instead of one.
//
// Inside a transaction, each statement waits for its answer synchronously (Atomics.wait), as PGlite on the server's
// thread did: a transaction holds every other query until it ends, so its statements must not also wait for a turn
// of a busy event loop between them (under bench:progress's load a turn took 10 ms at p50 and 22–35 ms at p99).
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workerThreadEntry } from '../shared/project-files.ts';

export type WorkerInit = {
  dataDir?: string;
  loadDataDir?: ArrayBuffer;
  /** Answers to requests marked `sync`, read with receiveMessageOnPort once `signal[0]` turns 1. */
  syncReplies: MessagePort;
  signal: SharedArrayBuffer;
};

export type ThreadRequest = { id: number; sync?: boolean } & (
  | {
      op: 'query';
      sql: string;
      params: unknown[];
      rowMode: 'array' | 'object';
      /** Type ids returned as PostgreSQL's text instead of parsed. */
      textTypes: number[];
      tx?: number;
    }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }
);
export type ThreadReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; name: string; fields: Record<string, unknown> } };

type QueryOptions = { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> };
type Results = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

/** What a query run in a transaction is given: the same `query` as the database's. */
export type ThreadTransaction = {
  query: (sql: string, params?: unknown[], options?: QueryOptions) => Promise<Results>;
};

/** A query or transaction after the thread stopped: the server answers 503 (SQLSTATE 08006, connection failure). */
const threadGone = (why: string) =>
  Object.assign(new Error(`The embedded database stopped: ${why}`), { code: '08006' });

/** How long a statement in a transaction may take before the server gives up on the database's thread. */
const SYNC_TIMEOUT_MS = 60_000;

type Outgoing = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id' | 'sync'> : never) : never;
type ErrorReply = Extract<ThreadReply, { ok: false }>['error'];
const toError = (e: ErrorReply) => Object.assign(new Error(e.message), e.fields, { name: e.name });

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  #nextId = 1;
  #nextTx = 1;
  #gone: Error | null = null;
  readonly #syncReplies: MessagePort;
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));
  readonly waitReady: Promise<void>;

  constructor(init: Pick<WorkerInit, 'dataDir' | 'loadDataDir'>) {
    const channel = new MessageChannel();
    this.#syncReplies = channel.port1;
    const { filename, eval: isEval } = workerThreadEntry('server/db/pglite-thread-worker.ts');
    this.#worker = new Worker(filename, {
      eval: isEval,
      workerData: { ...init, syncReplies: channel.port2, signal: this.#signal.buffer } satisfies WorkerInit,
      transferList: [channel.port2, ...(init.loadDataDir ? [init.loadDataDir] : [])],
    });
    this.waitReady = new Promise((resolve, reject) => this.#pending.set(0, { resolve: () => resolve(), reject }));
    this.#worker.on('message', (reply: ThreadReply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(toError(reply.error));
    });
    const stop = (err: Error) => {
      this.#gone ??= err;
      for (const waiting of this.#pending.values()) waiting.reject(this.#gone);
      this.#pending.clear();
    };
    this.#worker.on('error', (err) => stop(threadGone(err.message)));
    this.#worker.on('exit', (code) => stop(threadGone(`its thread ended (exit code ${code})`)));
  }

  #send(request: Outgoing) {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  /** Sends and blocks this thread until the answer (a statement in a transaction: microseconds to milliseconds). */
  #sendSync(request: Outgoing): Promise<unknown> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    const deadline = Date.now() + SYNC_TIMEOUT_MS;
    Atomics.store(this.#signal, 0, 0);
    this.#worker.postMessage({ ...request, id, sync: true });
    for (;;) {
      const received = receiveMessageOnPort(this.#syncReplies)?.message as ThreadReply | undefined;
      if (received?.id === id)
        return received.ok ? Promise.resolve(received.result) : Promise.reject(toError(received.error));
      if (received) continue; // the late answer to a statement that timed out before
      const left = deadline - Date.now();
      if (left <= 0) return Promise.reject(threadGone(`no answer within ${SYNC_TIMEOUT_MS / 1000} s`));
      // The worker posts the answer, then sets the signal to 1: a 1 set before this wait ends it at once.
      Atomics.wait(this.#signal, 0, 0, left);
      Atomics.store(this.#signal, 0, 0);
    }
  }

  #query(tx: number | undefined, sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    return (tx === undefined ? this.#send.bind(this) : this.#sendSync.bind(this))({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
      tx,
    }) as Promise<Results>;
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results> {
    return this.#query(undefined, sql, params, options);
  }

  /** Like PGlite's: committed when `callback` resolves, rolled back when it throws; one at a time. */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const tx = this.#nextTx++;
    await this.#send({ op: 'begin', tx });
    let result: T;
    try {
      result = await callback({ query: (sql, params, options) => this.#query(tx, sql, params, options) });
    } catch (err) {
      await this.#sendSync({ op: 'end', tx, commit: false }).catch(() => {});
      throw err;
    }
    await this.#sendSync({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (!this.#gone) await this.#send({ op: 'close' }).catch(() => {});
    await this.#worker.terminate();
    this.#syncReplies.close();
  }
}
