// Start-up: load content/ and import it; broken content stops the start with the same file:line messages as content:check.
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/project-files.ts';
import type { Db } from '../../db/client.ts';
import { alreadyImported, importContent } from './catalog.import.ts';
import { contentHash, loadContent } from './content-loader.ts';

export const CONTENT_DIR = path.join(PROJECT_ROOT, 'content');

export class ContentError extends Error {}

export function loadValidContent(dir = CONTENT_DIR) {
  const { bundle, problems } = loadContent(dir);
  if (!bundle || problems.length) {
    const lines = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    throw new ContentError(
      `The course content has ${problems.length} problem(s); fix them (npm run content:check) and start again:\n${lines.join('\n')}`,
    );
  }
  return bundle;
}

/** Unchanged content (same files, same hash) costs one hash and one lookup: nothing is parsed or rendered. */
export async function loadAndImportContent(db: Db, dir = CONTENT_DIR) {
  const started = performance.now();
  const hash = contentHash(dir);
  if (await alreadyImported(db, hash))
    return { imported: false, hash, milliseconds: Math.round(performance.now() - started) };
  const result = await importContent(db, loadValidContent(dir));
  return { ...result, milliseconds: Math.round(performance.now() - started) };
}
