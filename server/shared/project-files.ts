// Where the project's files are, whether this code runs from its TypeScript sources (through tsx: the tests, npm run
// dev, the CLIs) or from the bundle `npm start` runs (dist/server/, made by scripts/build-server.ts). Paths are taken
// from the project's root, never from the calling file's folder: in the bundle every module is one file.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This file is server/shared/project-files.ts, or part of dist/server/<entry>.mjs: both two folders down. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** In the bundle (files ending in .mjs) rather than the sources (.ts). */
export const RUNS_BUNDLED = import.meta.url.endsWith('.mjs');

export const SERVER_BUNDLE_DIR = path.join(PROJECT_ROOT, 'dist', 'server');

/** The files that start a process or a thread of their own: each becomes one file of the bundle. */
export const SERVER_ENTRY_POINTS = [
  'server/main.ts',
  'server/db/pglite-thread-worker.ts',
  'server/db/create-embedded-database.ts',
  'server/modules/media/render/render-worker.ts',
] as const;
export type ServerEntryPoint = (typeof SERVER_ENTRY_POINTS)[number];

export const bundledFile = (entry: ServerEntryPoint) =>
  path.join(SERVER_BUNDLE_DIR, `${path.basename(entry, '.ts')}.mjs`);

/** The arguments for `node` that run `entry` in a child process: its bundled file, or its source through tsx. */
export function nodeArgsToRun(entry: ServerEntryPoint): string[] {
  if (RUNS_BUNDLED) return [bundledFile(entry)];
  return ['--import', import.meta.resolve('tsx'), path.join(PROJECT_ROOT, entry)];
}

/**
 * What `new Worker()` takes to run `entry` in a thread. From the sources, a one-line JavaScript entry registers tsx
 * in the thread first: Node 20 loads a worker's entry before the loader given by --import is ready there, so a .ts
 * entry fails ("Unknown file extension").
 */
export function workerThreadEntry(entry: ServerEntryPoint): { filename: string | URL; eval: boolean } {
  if (RUNS_BUNDLED) return { filename: pathToFileURL(bundledFile(entry)), eval: false };
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const source = JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, entry)).href);
  return { filename: `import(${tsx}).then((tsx) => tsx.register()).then(() => import(${source}))`, eval: true };
}
