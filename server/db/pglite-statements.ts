// The embedded database's statements, each parsed once by its text and kept by PostgreSQL as a named prepared
// statement, as node-postgres and PostgreSQL do for the hot queries (server/db/prepared.ts).
//
// Why: PGlite's `query` sends every statement unnamed, so PostgreSQL parses, analyses and plans it at every call
// (drizzle's PGlite driver drops the statement's name). For the progress batch that was 1.1–1.2 ms of planning
// beside 0.9–1.4 ms of execution. A named statement is planned once (after five runs, its generic plan, when that
// is no dearer than a custom one), and a run is one exchange with PostgreSQL (Bind, Describe, Execute, Sync) where
// PGlite's `query` makes six.
import { parse, protocol, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

type Statement = { name: string; paramTypes: number[] };

/** SQLSTATEs after which a kept statement is parsed again: its result type changed (0A000), or it is gone (26000). */
const STALE = new Set(['0A000', '26000']);
const isStale = (err: unknown) => STALE.has((err as { code?: string })?.code ?? '');

/**
 * Runs queries through statements kept by their text: the `capacity` most recently used (distinct texts come from
 * lists of varying length, `in ($1, $2…)`); the least recently used one is closed when a new one would pass it.
 */
export class PgliteStatements {
  readonly #byText = new Map<string, Statement>();
  readonly #toClose: string[] = [];
  #next = 0;

  constructor(
    private readonly db: PGlite,
    private readonly capacity = 256,
  ) {}

  /** How many statements are kept now (for tests). */
  get size() {
    return this.#byText.size;
  }

  /**
   * Like PGlite's `query`, for one statement. `inTransaction`: the caller holds an open transaction (its statements
   * run in turn with it); otherwise the query waits for any open transaction to end, as PGlite's `query` does.
   */
  query<T>(text: string, params: unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results<T>> {
    const run = () => this.db._runExclusiveQuery(() => this.#run<T>(text, params, options));
    if (inTransaction) return run();
    return this.db._runExclusiveTransaction(async () => {
      // A statement kept from before its table changed fails once (it is then dropped): outside a transaction, the
      // query runs again, parsed afresh. In one, the error has already ended the transaction's chances.
      const results = await run().catch((err: unknown) => (isStale(err) ? run() : Promise.reject(err)));
      await this.db.syncToFs();
      return results;
    });
  }

  #exchange(messages: Uint8Array[]) {
    return this.db.execProtocolStream(Buffer.concat([...messages, serialize.sync()]), { syncToFs: false });
  }

  async #statement(text: string): Promise<Statement> {
    const kept = this.#byText.get(text);
    if (kept) {
      this.#byText.delete(text);
      this.#byText.set(text, kept);
      return kept;
    }
    const name = `lca_${(this.#next++).toString(36)}`;
    const described = await this.#exchange([serialize.parse({ name, text }), serialize.describe({ type: 'S', name })]);
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    this.#byText.set(text, statement);
    if (this.#byText.size > this.capacity) {
      const [oldest, { name: evicted }] = this.#byText.entries().next().value!;
      this.#byText.delete(oldest);
      this.#toClose.push(evicted);
    }
    return statement;
  }

  async #run<T>(text: string, params: unknown[], options: QueryOptions): Promise<Results<T>> {
    const statement = await this.#statement(text);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = options.serializers?.[statement.paramTypes[i]] ?? this.db.serializers[statement.paramTypes[i]];
      return serializer ? serializer(value) : String(value);
    });
    try {
      const replies = await this.#exchange([
        // Closing first: closing cannot fail (not even a name PostgreSQL does not know), so an error after it keeps it.
        ...this.#toClose.splice(0).map((name) => serialize.close({ type: 'S', name })),
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
      ]);
      return parse.parseResults(replies, this.db.parsers, options)[0] as Results<T>;
    } catch (err) {
      if (isStale(err) && this.#byText.get(text) === statement) {
        this.#byText.delete(text);
        this.#toClose.push(statement.name);
      }
      throw err;
    }
  }
}
