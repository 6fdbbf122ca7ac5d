// How every embedded database (PGlite) is opened: on the server's thread of its own (pglite-thread-worker.ts), for a
// new data directory's first start (pglite-first-start.ts), and on the calling thread for scripts and tests
// (client.ts). One place, so all of them run the same PostgreSQL.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's buffer cache. PGlite's initdb sets 128 MB, a database server's default, and PGlite's memory never
 * shrinks: the course import alone fills the cache, so the server process holds all of it. 32 MB instead of 128
 * held about 130 MB less (4-minute `bench:soak`, 2026-12-07); 16 MB another 18 MB of PGlite's memory (2026-12-08).
 * Each time the progress ingest rate stayed within the machine's noise (`bench:progress`, runs alternated); pages the
 * cache does not hold are read from the operating system's file cache.
 */
const SHARED_BUFFERS = '16MB';

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
