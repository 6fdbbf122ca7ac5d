// Runs several TAP test files in one Node process, one after the other: each file's tests queue on tap's one root
// test, so Node, tsx, tap, the server's modules and the browser are loaded once instead of once per file (measured:
// about 2 s of CPU per file for Node, tsx and tap, 3.5 s for the server's modules, 3 s for a Chromium launch).
// Used by scripts/test.ts; `node --import=tsx tests/helpers/run-files.ts a.test.ts b.test.ts`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(path.resolve(file)).href);
