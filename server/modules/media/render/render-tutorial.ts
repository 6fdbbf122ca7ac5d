// Render one storyboard in one locale to playable media, cached by content hash:
//   <outDir>/<tutorialId>/<locale>-<hash16>/
//     master.m3u8, 240p/ 360p/ 720p/ audio/ (HLS, H.264/AAC in MPEG-TS), <id>.<locale>.360p.mp4,
//     poster.jpg, captions.<locale>.vtt, transcript.<locale>.txt, manifest.json
//   <outDir>/<tutorialId>/<locale>.json   points at the newest render of that locale
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { toVtt, transcript } from './captions.ts';
import { RENDITIONS, concatScript, encodeMp4s } from './encode.ts';
import { poster, probe } from './ffmpeg.ts';
import { packageLadder, type RenditionInfo } from './ladder.ts';
import { isRtl } from './fonts.ts';
import { VOICES } from './narration.ts';
import { loadStoryboard, storyboardFromObject, type LoadedStoryboard } from './storyboard.ts';
import { narrateAndDrawOffThread } from './off-thread.ts';

/** Bump when the output changes for the same storyboard (layout, codecs, timing rules...). */
export const PIPELINE_VERSION = 'tutorial-render/2'; // 2: Khmer text shaped by HarfBuzz

export type RenderOptions = {
  /** A module folder holding storyboard.yaml (+ storyboard.<locale>.yaml) ... */
  storyboardDir?: string;
  /** ... or a storyboard object already in `locale` (validated like the YAML). */
  storyboard?: unknown;
  /** With `storyboard`: the English source, spoken when `locale` has no voice. */
  sourceStoryboard?: unknown;
  locale: string;
  outDir: string;
  /** Render even when a complete render with the same hash exists. */
  force?: boolean;
  /** Narration speed in words per minute (default 165). */
  rate?: number;
  log?: (message: string) => void;
  /** Synthesize narration and draw frames on this thread instead of a worker thread (benchmarks, debugging). */
  inline?: boolean;
};

export type { RenditionInfo } from './ladder.ts';

export type Manifest = {
  pipelineVersion: string;
  /** sha256 of the pipeline version, locale and storyboard files: the cache key. */
  hash: string;
  tutorialId: string;
  title: string;
  locale: string;
  /** Locale(s) of the voice actually heard (English for a locale without a voice). */
  narrationLocales: string[];
  voices: string[];
  /** Seconds. */
  duration: number;
  createdAt: string;
  renderMs: number;
  timings: Record<string, number>;
  master: string;
  renditions: RenditionInfo[];
  download: { file: string; bytes: number; bitrate: number; width: number; height: number; codecs: string };
  poster: string;
  captions: { file: string; locale: string; cues: number };
  transcript: string;
  distinctFrames: number;
  scenes: { id: string; start: number; end: number; bullets: number[] }[];
  /** What a player should load (H.264/AAC HLS plays in Chromium, Safari/iOS and via MSE elsewhere). */
  player: { hls: string; mp4: string; mimeType: string };
};

export type RenderResult = Manifest & { dir: string; cached: boolean };

function loadInput(opts: RenderOptions): LoadedStoryboard {
  if (opts.storyboardDir) return loadStoryboard(opts.storyboardDir, opts.locale);
  if (opts.storyboard !== undefined) return storyboardFromObject(opts.storyboard, opts.locale, opts.sourceStoryboard);
  throw new Error('renderTutorial: give storyboardDir or storyboard');
}

export function cacheKey(loaded: LoadedStoryboard, locale: string): string {
  return crypto
    .createHash('sha256')
    .update(`${PIPELINE_VERSION}\0${locale}\0${JSON.stringify(VOICES)}\0${loaded.contentHash}`)
    .digest('hex');
}

function readCached(dir: string, hash: string): Manifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (m.hash !== hash || m.pipelineVersion !== PIPELINE_VERSION) return undefined;
    const files = [
      m.master,
      m.download.file,
      m.poster,
      m.captions.file,
      m.transcript,
      ...m.renditions.map((r) => r.playlist),
    ];
    return files.every((f) => fs.existsSync(path.join(dir, f))) ? m : undefined;
  } catch {
    return undefined;
  }
}

const fileBytes = (f: string) => fs.statSync(f).size;

/**
 * Removes a locale's superseded renders, keeping the folders named in `keep` (the new render, and the one
 * the pointer named until now, so that a learner half-way through it can finish; it goes at the next render).
 */
export function pruneRenders(tutorialDir: string, locale: string, keep: string[]): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(tutorialDir)) {
    if (!new RegExp(`^${locale}-[0-9a-f]{16}$`).test(name) || keep.includes(name)) continue;
    fs.rmSync(path.join(tutorialDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

const pointedAt = (pointer: string): string | undefined => {
  try {
    return (JSON.parse(fs.readFileSync(pointer, 'utf8')) as { dir?: string }).dir;
  } catch {
    return undefined;
  }
};

export async function renderTutorial(opts: RenderOptions): Promise<RenderResult> {
  const log = opts.log ?? (() => {});
  const loaded = loadInput(opts);
  const sb = loaded.storyboard;
  const hash = cacheKey(loaded, opts.locale);
  const tutorialDir = path.join(opts.outDir, sb.id);
  const dir = path.join(tutorialDir, `${opts.locale}-${hash.slice(0, 16)}`);
  const pointer = path.join(tutorialDir, `${opts.locale}.json`);
  const writePointer = (m: Manifest) =>
    fs.writeFileSync(
      pointer,
      JSON.stringify(
        {
          dir: path.basename(dir),
          hash: m.hash,
          manifest: `${path.basename(dir)}/manifest.json`,
          duration: m.duration,
        },
        null,
        2,
      ) + '\n',
    );

  if (!opts.force) {
    const cached = readCached(dir, hash);
    if (cached) {
      log(`${sb.id} ${opts.locale}: unchanged (${hash.slice(0, 16)}), not re-rendered`);
      writePointer(cached);
      return { ...cached, dir, cached: true };
    }
  }

  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Date.now() - since);
  fs.mkdirSync(tutorialDir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const work = path.join(tmp, 'work');
  fs.mkdirSync(work, { recursive: true });
  try {
    const wav = path.join(work, 'narration.wav');
    // Narration and frames are CPU-bound and synchronous: they run in a worker thread (or inline when asked).
    const job = {
      storyboard: sb,
      source: loaded.source,
      rate: opts.rate,
      wavPath: wav,
      framesDir: path.join(work, 'frames'),
    };
    const { timeline, frames, narrationMs, framesMs } = opts.inline
      ? await (await import('./render-worker.ts')).narrateAndDraw(job)
      : await narrateAndDrawOffThread(job);
    timings.narration = narrationMs;
    let t = Date.now();
    const distinctFrames = new Set(frames.map((f) => f.file)).size;
    const concat = path.join(work, 'frames.ffconcat');
    fs.writeFileSync(concat, concatScript(frames, work));
    timings.frames = framesMs + (Date.now() - t);
    log(`${sb.id} ${opts.locale}: ${timeline.duration.toFixed(1)} s narrated, ${distinctFrames} distinct frames`);

    t = Date.now();
    const rtl = isRtl(sb.title + sb.scenes.map((s) => s.heading).join(''));
    const changeTimes = frames.map((f) => f.start);
    const mp4s = await encodeMp4s({
      concatFile: concat,
      wavFile: wav,
      duration: timeline.duration,
      outDir: work,
      rtl,
      changeTimes,
    });
    lap('encode', t);

    t = Date.now();
    const renditions = await packageLadder(mp4s, RENDITIONS, tmp, timeline.duration);
    // Downloadable MP4 (360p, faststart); the other MP4s were only intermediates.
    const download = `${sb.id}.${opts.locale}.360p.mp4`;
    fs.renameSync(mp4s['360p'], path.join(tmp, download));
    const dl = await probe(path.join(tmp, download));
    const dlBytes = fileBytes(path.join(tmp, download));
    await poster(frames[0].file, path.join(tmp, 'poster.jpg'));
    lap('package', t);

    const captionsFile = `captions.${opts.locale}.vtt`;
    fs.writeFileSync(path.join(tmp, captionsFile), toVtt(timeline.cues, { locale: opts.locale }));
    const transcriptFile = `transcript.${opts.locale}.txt`;
    fs.writeFileSync(path.join(tmp, transcriptFile), transcript(sb));

    const narrationLocales = [...new Set(timeline.scenes.map((s) => s.voiceLocale))];
    const manifest: Manifest = {
      pipelineVersion: PIPELINE_VERSION,
      hash,
      tutorialId: sb.id,
      title: sb.title,
      locale: opts.locale,
      narrationLocales,
      voices: narrationLocales.map((l) => `espeak-ng:${VOICES[l]}`),
      duration: Math.round(timeline.duration * 1000) / 1000,
      createdAt: new Date().toISOString(),
      renderMs: Date.now() - t0,
      timings,
      master: 'master.m3u8',
      renditions,
      download: {
        file: download,
        bytes: dlBytes,
        bitrate: Math.round((dlBytes * 8) / dl.duration),
        width: dl.video?.width ?? 640,
        height: dl.video?.height ?? 360,
        codecs: renditions.find((r) => r.name === '360p')!.codecs,
      },
      poster: 'poster.jpg',
      captions: { file: captionsFile, locale: opts.locale, cues: timeline.cues.length },
      transcript: transcriptFile,
      distinctFrames,
      scenes: timeline.scenes.map((s) => ({
        id: s.id,
        start: +s.start.toFixed(3),
        end: +s.end.toFixed(3),
        bullets: s.bulletTimes.map((b) => +b.toFixed(3)),
      })),
      player: { hls: 'master.m3u8', mp4: download, mimeType: 'application/vnd.apple.mpegurl' },
    };
    fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    fs.rmSync(work, { recursive: true, force: true });

    if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true }); // incomplete or forced
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      const other = readCached(dir, hash); // another process finished the same render first
      if (!other) throw e;
      fs.rmSync(tmp, { recursive: true, force: true });
      writePointer(other);
      return { ...other, dir, cached: true };
    }
    const previous = pointedAt(pointer);
    writePointer(manifest);
    const pruned = pruneRenders(tutorialDir, opts.locale, [path.basename(dir), ...(previous ? [previous] : [])]);
    if (pruned.length) log(`${sb.id} ${opts.locale}: removed superseded renders ${pruned.join(', ')}`);
    log(`${sb.id} ${opts.locale}: rendered in ${(manifest.renderMs / 1000).toFixed(1)} s -> ${dir}`);
    return { ...manifest, dir, cached: false };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
