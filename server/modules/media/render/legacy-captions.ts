// Caption files rendered before the conforming WebVTT head (see vttHead in captions.ts) are rewritten
// in place at start: their render folders are reused for as long as the storyboard does not change.
import fs from 'node:fs';
import path from 'node:path';
import { conformingVtt } from './captions.ts';

/** Rewrites `<mediaDir>/<tutorial>/<render>/*.vtt` files that still have the legacy head; returns how many. */
export function conformLegacyCaptionFiles(mediaDir: string): number {
  let fixed = 0;
  const dirs = (p: string) => {
    try {
      return fs
        .readdirSync(p, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.isSymbolicLink())
        .map((d) => path.join(p, d.name));
    } catch {
      return [];
    }
  };
  for (const tutorial of dirs(mediaDir)) {
    if (path.basename(tutorial) === 'uploads') continue; // uploaded captions live in the database
    for (const render of dirs(tutorial)) {
      for (const name of fs.readdirSync(render).filter((n) => n.endsWith('.vtt'))) {
        const file = path.join(render, name);
        try {
          if (fs.lstatSync(file).isSymbolicLink()) continue;
          const text = fs.readFileSync(file, 'utf8');
          const conforming = conformingVtt(text);
          if (conforming === text) continue;
          const tmp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, conforming);
          fs.renameSync(tmp, file);
          fixed++;
        } catch {
          // a read-only media folder: the file stays as it was (players read it; validators complain)
        }
      }
    }
  }
  return fixed;
}
