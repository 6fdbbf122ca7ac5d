// Runs several TAP test files in one Node process: each file's tests queue on tap's one root test, so Node, tsx,
// tap, the server's modules and the browser are loaded once instead of once per file (measured: about 2 s of CPU
// per file for Node, tsx and tap, 3.5 s for the server's modules, 3 s for a Chromium launch).
// The files are imported inside a first root subtest: tap ends its root test as soon as nothing is queued, which
// would otherwise happen while the next file's top-level code (starting its server) still runs, and end (and tear
// down) too early. Their own tests queue behind it and run once every file is loaded.
// Used by scripts/test.ts; `node --import=tsx tests/helpers/run-files.ts a.test.ts b.test.ts`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';

const files = process.argv.slice(2);
t.test(`load ${files.length} test files`, async (t) => {
  for (const file of files) await import(pathToFileURL(path.resolve(file)).href);
  t.pass('loaded');
});
