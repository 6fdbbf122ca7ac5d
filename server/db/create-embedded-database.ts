// The child process pglite-first-start.ts starts: creates the embedded database in the folder it is given, then ends.
import { newEmbeddedDatabase } from './pglite-options.ts';

const db = newEmbeddedDatabase(process.argv[2]);
await db.waitReady;
await db.close();
