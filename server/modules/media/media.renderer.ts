// Renders missing tutorials through the durable job queue: one 'media.render' job per missing tutorial
// and locale (key `<tutorialId>:<locale>`), run one at a time. A render cut short by a restart is claimed
// again once its lock expires; a failed render is retried with backoff.
// startMediaWorkers (the server) keeps polling the queue for as long as it runs, so retries and uploaded
// videos' transcodes happen while it is up; startMediaRenderer (scripts, tests) drains the queue once.
import fs from 'node:fs';
import path from 'node:path';
import type { DbOrTx } from '../../db/client.ts';
import { enqueue, startWorker, workOnce, type Job, type Worker } from '../../jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB, transcodeUpload } from './uploads/transcode.ts';
import { allUploadIds } from './uploads/uploads.repository.ts';
import { removeOrphanUploadDirs } from './uploads/upload-files.ts';
import { runFfmpeg } from './render/encode.ts';
import { cacheKey, renderTutorial } from './render/render-tutorial.ts';
import { loadStoryboard } from './render/storyboard.ts';

export const BACKGROUND_LOCALES = ['en', 'fr', 'zh', 'vi', 'id', 'km'];

type Log = { info: (msg: string) => void; warn: (msg: string) => void; error: (obj: object, msg: string) => void };
export const MEDIA_RENDER_JOB = 'media.render';
/**
 * A claim lasts this long and is renewed while the job runs (workOnce's heartbeat): a render or transcode
 * left 'running' by a process that died is claimed again within two minutes.
 */
const RENDER_LOCK_SECONDS = 120;
const TRANSCODE_LOCK_SECONDS = 120;

export type MediaRendererOptions = {
  db: DbOrTx;
  mediaDir: string;
  contentDir: string;
  locales?: string[];
  log: Log;
  /** After the first drain, keep polling the queue (renders retried with backoff, uploaded videos transcoded) until stop(). */
  keepPolling?: boolean;
  pollMs?: number;
};
export type MediaRenderer = {
  /** Stops polling; resolves once the job in hand (if any) has ended. */
  stop: () => Promise<void>;
  /** The first drain of the render queue. */
  finished: Promise<{ rendered: number; failed: number; current: number }>;
};

function storyboardDirs(contentDir: string): string[] {
  const modulesDir = path.join(contentDir, 'modules');
  if (!fs.existsSync(modulesDir)) return [];
  return fs
    .readdirSync(modulesDir)
    .sort()
    .map((d) => path.join(modulesDir, d))
    .filter((d) => fs.existsSync(path.join(d, 'storyboard.yaml')));
}

/** Whether the newest render of this storyboard in this locale is already on disk. */
function isCurrent(mediaDir: string, dir: string, locale: string): boolean {
  const loaded = loadStoryboard(dir, locale);
  const hash = cacheKey(loaded, locale);
  try {
    const pointer = JSON.parse(fs.readFileSync(path.join(mediaDir, loaded.storyboard.id, `${locale}.json`), 'utf8'));
    return (
      pointer.hash === hash && fs.existsSync(path.join(mediaDir, loaded.storyboard.id, pointer.dir, 'manifest.json'))
    );
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
  const { db, mediaDir, contentDir, log } = opts;
  const locales = opts.locales ?? BACKGROUND_LOCALES;
  let stopped = false;
  const workers: Worker[] = [];

  async function run() {
    const summary = { rendered: 0, failed: 0, current: 0 };
    try {
      await runFfmpeg(['-version']);
    } catch (e) {
      log.warn(
        `Tutorial videos are not rendered: ffmpeg cannot run here (${(e as Error).message.split('\n')[0]}). Set FFMPEG_PATH to a working ffmpeg.`,
      );
      return summary;
    }
    fs.mkdirSync(mediaDir, { recursive: true });
    removeAbandonedTempDirs(mediaDir);
    if (opts.keepPolling && !stopped) {
      const orphans = removeOrphanUploadDirs(mediaDir, await allUploadIds(db));
      if (orphans) log.info(`Removed ${orphans} uploaded video folder(s) that no upload refers to`);
      // Uploaded videos are transcoded beside the tutorial renders, not after all of them.
      workers.push(
        startWorker(db, {
          kinds: [MEDIA_TRANSCODE_JOB],
          handler: (job, ctx) => transcodeUpload(db, mediaDir, job, ctx),
          lockSeconds: TRANSCODE_LOCK_SECONDS,
          pollMs: opts.pollMs,
          log,
        }),
      );
    }
    const dirs = storyboardDirs(contentDir);
    const failed = (name: string, e: unknown) => {
      summary.failed++;
      log.error(
        { err: e },
        `Rendering the tutorial of ${name} failed; its page keeps showing the transcript. Try: npm run media:build`,
      );
    };
    // One job per missing tutorial and locale; one already queued or running (from an earlier run) is reused.
    let queued = 0;
    for (const dir of dirs) {
      for (const locale of locales) {
        const name = `${path.basename(dir)} (${locale})`;
        try {
          if (isCurrent(mediaDir, dir, locale)) {
            summary.current++;
            continue;
          }
          const tutorialId = loadStoryboard(dir, locale).storyboard.id;
          await enqueue(db, {
            kind: MEDIA_RENDER_JOB,
            key: `${tutorialId}:${locale}`,
            payload: { module: path.basename(dir), locale },
          });
          queued++;
        } catch (e) {
          failed(name, e);
        }
      }
    }

    let started = 0;
    const handler = async (job: Job, ctx: { progress: (p: number) => Promise<void> }) => {
      const module = String(job.payload.module);
      const locale = String(job.payload.locale);
      const dir = path.join(contentDir, 'modules', module);
      const name = `${module} (${locale})`;
      try {
        if (isCurrent(mediaDir, dir, locale)) {
          summary.current++;
          return;
        }
        const t0 = Date.now();
        log.info(`Rendering the tutorial of ${name}: ${++started} of ${Math.max(queued, started)}`);
        await ctx.progress(5);
        const pending: Promise<void>[] = [];
        // The renderer reports its stages through its log: narration and frames are ready, then encoding runs.
        const result = await renderTutorial({
          storyboardDir: dir,
          locale,
          outDir: mediaDir,
          log: (m) => void (/narrated/.test(m) && pending.push(ctx.progress(30).catch(() => {}))),
        });
        await Promise.all(pending);
        summary.rendered++;
        log.info(
          `Rendered the tutorial of ${name} (${result.duration.toFixed(0)} s of video) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        );
      } catch (e) {
        failed(name, e);
        throw e; // the queue records the attempt and retries with backoff
      }
    };
    // Drain the due jobs one at a time (including ones a stopped process left running once their lock expires).
    const quiet = { ...log, error: () => {} }; // failures are already logged above, in the renderer's words
    while (
      !stopped &&
      (await workOnce(db, { kinds: [MEDIA_RENDER_JOB], handler, lockSeconds: RENDER_LOCK_SECONDS, log: quiet }))
    ) {
      // Let requests waiting behind the synchronous parts of a render (frames, narration) run first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (summary.rendered || summary.failed)
      log.info(
        `Tutorial rendering done: ${summary.rendered} rendered, ${summary.failed} failed, ${summary.current} already current`,
      );
    // From now on a failed render comes due again after its backoff, and is picked up here while the server runs.
    if (opts.keepPolling && !stopped)
      workers.push(
        startWorker(db, {
          kinds: [MEDIA_RENDER_JOB],
          handler,
          lockSeconds: RENDER_LOCK_SECONDS,
          pollMs: opts.pollMs,
          log: quiet,
        }),
      );
    return summary;
  }

  const finished = run().catch((e) => {
    log.error({ err: e }, 'The tutorial renderer stopped');
    return { rendered: 0, failed: 1, current: 0 };
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(workers.map((w) => w.stop()));
    },
    finished,
  };
}
