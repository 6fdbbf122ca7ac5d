// A small valid course (one module, en + fr) that content tests break in one way each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SMALL_CONTENT = path.resolve(import.meta.dirname, '../fixtures/content-small/content');

export type Patch = [file: string, from: string, to: string];

/** A copy of the small course at <tmp>/content with the patches applied (each `from` must occur) and files removed. */
export function brokenCopy(
  t: { teardown: (fn: () => void) => void },
  patches: Patch[],
  removals: string[] = [],
): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'content-check-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
  for (const [file, from, to] of patches) {
    const full = path.join(parent, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(from)) throw new Error(`fixture patch: "${from}" not found in ${file}`);
    fs.writeFileSync(full, text.replace(from, to));
  }
  for (const file of removals) fs.rmSync(path.join(parent, file));
  return dir;
}
