// `npm run content:export -- --locale km [--out dir] [--content dir]`: one XLIFF 2.0 file per module
// (and one for course.yaml) with the English source, the locale's text as it stands and its state.
import path from 'node:path';
import { CONTENT_DIR } from './content-check.ts';
import { LOCALE } from './content-xliff/model.ts';
import { writeExport } from './content-xliff/xliff-export.ts';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const args = process.argv.slice(2);
const locale = option(args, '--locale');
if (!locale || !LOCALE.test(locale) || locale === 'en') {
  console.error(
    'usage: npm run content:export -- --locale <code, e.g. km> [--out <dir>, default xliff/] [--content <dir>]\nEnglish is the source: pick the language to translate into.',
  );
  process.exitCode = 2;
} else {
  const contentDir = path.resolve(option(args, '--content') ?? CONTENT_DIR);
  const outDir = path.resolve(option(args, '--out') ?? 'xliff');
  const files = writeExport(contentDir, locale, outDir);
  console.log(
    `content:export: ${files.length} XLIFF 2.0 files for "${locale}" in ${path.relative(process.cwd(), outDir) || '.'}`,
  );
}
