// Render the video tutorials: every content/modules/*/storyboard.yaml in each locale.
//   npm run media:build -- [--only m1-tutorial[,m2-tutorial]] [--locales en,fr,zh,vi,id,km] [--out DIR] [--force]
// Output goes where the server serves it from: DATA_DIR/media (./data/media by default).
// Unchanged storyboards are not re-rendered (output folders are keyed by a content hash).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { renderTutorial, type RenderResult } from '../server/modules/media/render/render-tutorial.ts';
import { parseYaml } from '../server/modules/media/render/storyboard.ts';

const root = path.resolve(import.meta.dirname, '..');

function main() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      locales: { type: 'string', default: 'en,fr,zh,vi,id,km' }, // as BACKGROUND_LOCALES in media.renderer.ts
      out: { type: 'string', default: loadConfig().mediaDir },
      content: { type: 'string', default: path.join(root, 'content') },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run media:build -- [--only ID[,ID]] [--locales en,fr,zh,vi,id,km] [--out DIR (default DATA_DIR/media)] [--force]',
    );
    return Promise.resolve(0);
  }
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;
  const locales = values
    .locales!.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const modulesDir = path.join(values.content!, 'modules');
  const dirs = fs
    .readdirSync(modulesDir)
    .sort()
    .map((d) => path.join(modulesDir, d))
    .filter((d) => fs.existsSync(path.join(d, 'storyboard.yaml')))
    .filter((d) => {
      if (!only) return true;
      const id = (parseYaml(fs.readFileSync(path.join(d, 'storyboard.yaml'), 'utf8'), d) as { id?: string }).id;
      return only.has(id ?? '') || only.has(path.basename(d));
    });
  if (!dirs.length) {
    console.error(`no storyboard matches ${values.only ?? ''}`);
    return Promise.resolve(1);
  }
  return run(dirs, locales, path.resolve(values.out!), values.force!);
}

async function run(dirs: string[], locales: string[], out: string, force: boolean): Promise<number> {
  const results: RenderResult[] = [];
  const failures: string[] = [];
  for (const dir of dirs) {
    for (const locale of locales) {
      try {
        const r = await renderTutorial({ storyboardDir: dir, locale, outDir: out, force, log: (m) => console.log(m) });
        results.push(r);
      } catch (e) {
        failures.push(`${path.basename(dir)} ${locale}: ${(e as Error).message}`);
        console.error(`FAILED ${path.basename(dir)} ${locale}: ${(e as Error).message}`);
      }
    }
  }
  const kb = (b: number) => `${(b / 1024).toFixed(0)}`;
  const names = ['240p', '360p', '720p', 'audio'];
  const header = [
    'tutorial',
    'loc',
    'video',
    'render',
    's/min',
    ...names.map((n) => `${n} KB/min`),
    'mp4 KB/min',
    'cues',
    'cached',
  ];
  const rows = results.map((r) => {
    const min = r.duration / 60;
    return [
      r.tutorialId,
      r.locale,
      `${(r.duration / 60).toFixed(2)} min`,
      `${(r.renderMs / 1000).toFixed(1)} s`,
      (r.renderMs / 1000 / min).toFixed(1),
      ...names.map((n) => kb(r.renditions.find((x) => x.name === n)?.bytesPerMinute ?? 0)),
      kb(r.download.bytes / min),
      String(r.captions.cues),
      r.cached ? 'yes' : 'no',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  console.log(`\n(render = time of the render that produced the files, also for cached ones; output in ${out})`);
  if (failures.length) console.error(`\n${failures.length} failed:\n  ${failures.join('\n  ')}`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code));
