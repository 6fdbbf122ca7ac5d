// Renders missing tutorials in the background of a running server, one at a time.
// In-process and not durable: a render cut short by a restart starts again from the beginning at the
// next start (unchanged renders are skipped by their content hash). The durable job queue of issue 5
// replaces this once it has its tables.
import fs from 'node:fs';
import path from 'node:path';
import { runFfmpeg } from './render/encode.ts';
import { cacheKey, renderTutorial } from './render/render-tutorial.ts';
import { loadStoryboard } from './render/storyboard.ts';

export const BACKGROUND_LOCALES = ['en', 'fr', 'zh'];

type Log = { info: (msg: string) => void; warn: (msg: string) => void; error: (obj: object, msg: string) => void };
export type MediaRendererOptions = { mediaDir: string; contentDir: string; locales?: string[]; log: Log };
export type MediaRenderer = { stop: () => void; finished: Promise<{ rendered: number; failed: number; current: number }> };

function storyboardDirs(contentDir: string): string[] {
  const modulesDir = path.join(contentDir, 'modules');
  if (!fs.existsSync(modulesDir)) return [];
  return fs.readdirSync(modulesDir).sort().map((d) => path.join(modulesDir, d)).filter((d) => fs.existsSync(path.join(d, 'storyboard.yaml')));
}

/** Whether the newest render of this storyboard in this locale is already on disk. */
function isCurrent(mediaDir: string, dir: string, locale: string): boolean {
  const loaded = loadStoryboard(dir, locale);
  const hash = cacheKey(loaded, locale);
  try {
    const pointer = JSON.parse(fs.readFileSync(path.join(mediaDir, loaded.storyboard.id, `${locale}.json`), 'utf8'));
    return pointer.hash === hash && fs.existsSync(path.join(mediaDir, loaded.storyboard.id, pointer.dir, 'manifest.json'));
  } catch {
    return false;
  }
}

/** Temp folders left by a render that a stopped process never finished (named `<dir>.tmp-<pid>-<random>`). */
function removeAbandonedTempDirs(mediaDir: string) {
  if (!fs.existsSync(mediaDir)) return;
  for (const tutorial of fs.readdirSync(mediaDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const entry of fs.readdirSync(path.join(mediaDir, tutorial.name))) {
      const pid = Number(/\.tmp-(\d+)-[0-9a-f]+$/.exec(entry)?.[1]);
      if (!pid || pid === process.pid) continue;
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
      }
      if (!alive) fs.rmSync(path.join(mediaDir, tutorial.name, entry), { recursive: true, force: true });
    }
  }
}

export function startMediaRenderer(opts: MediaRendererOptions): MediaRenderer {
  const { mediaDir, contentDir, log } = opts;
  const locales = opts.locales ?? BACKGROUND_LOCALES;
  let stopped = false;

  async function run() {
    const summary = { rendered: 0, failed: 0, current: 0 };
    try {
      await runFfmpeg(['-version']);
    } catch (e) {
      log.warn(`Tutorial videos are not rendered: ffmpeg cannot run here (${(e as Error).message.split('\n')[0]}). Set FFMPEG_PATH to a working ffmpeg.`);
      return summary;
    }
    fs.mkdirSync(mediaDir, { recursive: true });
    removeAbandonedTempDirs(mediaDir);
    const jobs = storyboardDirs(contentDir).flatMap((dir) => locales.map((locale) => ({ dir, locale })));
    for (const { dir, locale } of jobs) {
      if (stopped) break;
      const name = `${path.basename(dir)} (${locale})`;
      try {
        if (isCurrent(mediaDir, dir, locale)) {
          summary.current++;
          continue;
        }
        const started = Date.now();
        log.info(`Rendering the tutorial of ${name}: ${summary.rendered + summary.failed + summary.current + 1} of ${jobs.length}`);
        const result = await renderTutorial({ storyboardDir: dir, locale, outDir: mediaDir });
        summary.rendered++;
        log.info(`Rendered the tutorial of ${name} (${result.duration.toFixed(0)} s of video) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      } catch (e) {
        summary.failed++;
        log.error({ err: e }, `Rendering the tutorial of ${name} failed; its page keeps showing the transcript. Try: npm run media:build`);
      }
      // Let requests waiting behind the synchronous parts of a render (frames, narration) run first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (summary.rendered || summary.failed) log.info(`Tutorial rendering done: ${summary.rendered} rendered, ${summary.failed} failed, ${summary.current} already current`);
    return summary;
  }

  const finished = run().catch((e) => {
    log.error({ err: e }, 'The tutorial renderer stopped');
    return { rendered: 0, failed: 1, current: 0 };
  });
  return { stop: () => void (stopped = true), finished };
}
