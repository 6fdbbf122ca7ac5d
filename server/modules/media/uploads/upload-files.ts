// Where uploaded videos live on disk: DATA_DIR/media/uploads/<id>/ holds the original as received
// (never served) and, once transcoded, one finished output folder `out-<16 hex>/` (served at /media/uploads/...).
// Output is written to `<out>.tmp` first and renamed, so a served folder is always complete.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const UPLOADS_SEGMENT = 'uploads';
/** Served by the /media/ static route in media.routes.ts. */
export const UPLOADS_URL_PREFIX = '/media/uploads/';
export const OUTPUT_DIR = /^out-[0-9a-f]{16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uploadsRoot = (mediaDir: string) => path.join(mediaDir, UPLOADS_SEGMENT);
export const uploadDir = (mediaDir: string, id: string) => path.join(uploadsRoot(mediaDir), id);
export const originalFile = (mediaDir: string, id: string) => path.join(uploadDir(mediaDir, id), 'original');
export const newOutputName = () => `out-${crypto.randomBytes(8).toString('hex')}`;

/** Whether a path under /media/ is a file inside a finished upload output folder (`uploads/<uuid>/out-<hex>/...`). */
export function isServableUploadPath(parts: string[]): boolean {
  const [segment, id, dir, ...rest] = parts;
  return (
    segment === UPLOADS_SEGMENT &&
    UUID.test(id ?? '') &&
    OUTPUT_DIR.test(dir ?? '') &&
    rest.length > 0 &&
    !rest.includes('..')
  );
}

export function removeUploadFiles(mediaDir: string, id: string): void {
  if (!UUID.test(id)) throw new Error(`not an upload id: ${id}`);
  fs.rmSync(uploadDir(mediaDir, id), { recursive: true, force: true });
}

/** Upload folders with no row (a process stopped mid-upload, or a delete that could not remove files). */
export function removeOrphanUploadDirs(mediaDir: string, known: Set<string>, olderThanMs = 60 * 60 * 1000): number {
  const root = uploadsRoot(mediaDir);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !UUID.test(entry.name) || known.has(entry.name)) continue;
    const dir = path.join(root, entry.name);
    // An upload still streaming in has no row yet: leave recent folders alone.
    if (Date.now() - fs.statSync(dir).mtimeMs < olderThanMs) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
