// `npm run content:import -- file.xlf [more.xlf] [--content dir]`: writes the translations back into
// content/ and validates the result as content:check does. Any problem refuses the whole import.
import path from 'node:path';
import { CONTENT_DIR } from './content-check.ts';
import { glossaryWarnings } from './content-check/glossary.ts';
import { importXliff } from './content-xliff/xliff-import.ts';

const args = process.argv.slice(2);
let contentDir = CONTENT_DIR;
const files: string[] = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--content') contentDir = path.resolve(args[(i += 1)] ?? '.');
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: npm run content:import -- <file.xlf> [more.xlf ...] [--content <dir>]');
  process.exitCode = 2;
} else {
  const { problems, written, skipped } = importXliff(contentDir, files);
  for (const s of skipped)
    console.log(`${s.file}: left as it is: ${s.untranslated} of ${s.units} units have no translation yet`);
  if (problems.length) {
    for (const p of problems) console.log(`${p.file}:${p.line}: ${p.message}`);
    console.log(
      `content:import refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}; no file was changed`,
    );
    process.exitCode = 1;
  } else {
    const changed = new Set(written.map((rel) => path.join(path.basename(contentDir), rel)));
    for (const w of glossaryWarnings(contentDir).filter((w) => changed.has(w.file)))
      console.log(`${w.file}:${w.line}: ${w.message}`);
    for (const rel of written) console.log(`wrote ${path.join(path.relative(process.cwd(), contentDir) || '.', rel)}`);
    console.log(
      written.length
        ? `content:import: ${written.length} file${written.length === 1 ? '' : 's'} changed; content check passed`
        : 'content:import: no file changed (content/ already holds these translations)',
    );
  }
}
