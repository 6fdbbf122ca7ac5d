// How every embedded database (PGlite) is opened: on the server's thread of its own (pglite-thread-worker.ts), for a
// new data directory's first start (pglite-first-start.ts), and on the calling thread for scripts and tests
// (client.ts). One place, so all of them run the same PostgreSQL.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's buffer cache. PGlite's initdb sets 128 MB, a database server's default, and PGlite's memory never
 * shrinks, so the server process held all of it. With 32 MB (measured 2026-12-07, a 4-minute `bench:soak` back to
 * back) the process held about 130 MB less and the progress ingest rate stayed within the machine's noise; pages
 * the cache does not hold are read from the operating system's file cache.
 */
const SHARED_BUFFERS = '32MB';

export function newEmbeddedDatabase(dataDir: string | undefined, loadDataDir?: Blob): PGlite {
  return new PGlite({
    dataDir,
    loadDataDir,
    // pg_trgm: the admin user search's trigram indexes (migration 0015).
    extensions: { pg_trgm },
    // On the command line, so it holds for data directories created before this setting too.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
  });
}
