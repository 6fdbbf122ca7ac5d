// A new embedded data directory is created in a process of its own, which then ends.
//
// Why: on a new directory PGlite runs initdb with a second PostgreSQL beside its own. Together they touched about
// 770 MB at the peak (measured), and the process that did it still held about 130 MB more than one that opened an
// existing directory, for as long as it ran; a thread of its own kept most of it too (freed memory the allocator does
// not give back). A process that ends gives back all of it, so the server starts as light as on any later start.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { nodeArgsToRun } from '../shared/project-files.ts';

const embeddedDatabaseExists = (pgDir: string) => fs.existsSync(path.join(pgDir, 'PG_VERSION'));

/** Creates the embedded database in `pgDir` in a child process, unless it is there already. */
export async function createEmbeddedDatabaseApart(pgDir: string): Promise<void> {
  if (embeddedDatabaseExists(pgDir)) return;
  const child = spawn(process.execPath, [...nodeArgsToRun('server/db/create-embedded-database.ts'), pgDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0 || !embeddedDatabaseExists(pgDir))
    throw new Error(
      `Could not create the embedded database in ${pgDir} (${signal ? `stopped by ${signal}` : `exit code ${code}`}):\n${output.trim()}`,
    );
}
