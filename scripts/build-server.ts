// Bundles the server for `npm start` into dist/server/: one JavaScript file per entry point (server/shared/project-files.ts
// lists them), the npm packages left to node_modules. Run from the bundle, the server needs no TypeScript loader:
// measured, tsx's loader thread and the source maps it keeps with every module cost the server's main thread about
// 50 MB of memory (docs/deploy.md, section 1), and the embedded database's thread registered tsx again.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT, SERVER_BUNDLE_DIR, SERVER_ENTRY_POINTS } from '../server/shared/project-files.ts';

/** Writes the files that changed (each atomically: a server may be starting from them); says whether any did. */
export function buildServer(): boolean {
  const { outputFiles } = buildSync({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: SERVER_ENTRY_POINTS.map((entry) => path.join(PROJECT_ROOT, entry)),
    outdir: SERVER_BUNDLE_DIR,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Modules the server imports when first needed (PDFs, exports, credentials, renders) stay apart in chunks of
    // their own, so their libraries load then, as from the sources.
    splitting: true,
    chunkNames: '[name]-[hash]',
    // Not minified: a stack trace names the functions, and the bundle marks where each source file begins.
    // `node --enable-source-maps` maps it to the sources.
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  fs.mkdirSync(SERVER_BUNDLE_DIR, { recursive: true });
  let changed = false;
  for (const file of outputFiles) {
    if (fs.existsSync(file.path) && fs.readFileSync(file.path).equals(file.contents)) continue;
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
    changed = true;
  }
  removeOldChunks(new Set(outputFiles.map((file) => file.path)));
  return changed;
}

/**
 * Chunks of earlier builds are kept a day: a server started from them may still load one (a chunk is loaded when
 * first needed). After that they are removed.
 */
function removeOldChunks(current: Set<string>) {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of fs.readdirSync(SERVER_BUNDLE_DIR)) {
    const file = path.join(SERVER_BUNDLE_DIR, name);
    if (current.has(file) || current.has(file.replace(/\.map$/, ''))) continue;
    if (fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
  }
}
