// Encoding H.264/AAC MP4s, one per rendition of the ladder: a tutorial's from its distinct frames (concat demuxer
// with durations) and the narration WAV, an upload's from its video. HLS segmenting and the master playlist are in
// hls.ts, the ffmpeg process in ffmpeg.ts.
import path from 'node:path';
import { runFfmpeg } from './ffmpeg.ts';
import { HEIGHT, PROGRESS } from './frame-geometry.ts';
import type { RenderedFrame } from './frames.ts';

// Media code outside the renderer runs ffmpeg through here.
export { runFfmpeg } from './ffmpeg.ts';

export type Rendition = {
  name: string;
  width: number;
  height: number;
  /** Quality target; the bitrate cap below bounds it. */
  crf: number;
  maxVideoKbps: number;
  audioKbps: number;
  profile: 'baseline' | 'main' | 'high';
  level: string;
};

export const RENDITIONS: Rendition[] = [
  { name: '240p', width: 426, height: 240, crf: 30, maxVideoKbps: 100, audioKbps: 32, profile: 'main', level: '3.0' },
  { name: '360p', width: 640, height: 360, crf: 27, maxVideoKbps: 300, audioKbps: 48, profile: 'main', level: '3.0' },
  { name: '720p', width: 1280, height: 720, crf: 24, maxVideoKbps: 1000, audioKbps: 64, profile: 'high', level: '3.1' },
];
export const AUDIO_ONLY_KBPS = 32;
export const FPS = 25;
export const SEGMENT_SECONDS = 4;
export const AUDIO_SAMPLE_RATE = 44100;
/** x264 preset: on these slides veryfast was 30% faster than medium and its files 5-10% smaller. */
export const PRESET = 'veryfast';

/** The concat demuxer script: each distinct frame with how long it shows. */
export function concatScript(frames: RenderedFrame[], dir: string): string {
  const q = (f: string) => `'${path.relative(dir, f).replace(/'/g, "'\\''")}'`;
  const lines = ['ffconcat version 1.0'];
  for (const f of frames) lines.push(`file ${q(f.file)}`, `duration ${(f.end - f.start).toFixed(6)}`);
  // The demuxer ignores the last entry's duration unless the file is listed once more.
  lines.push(`file ${q(frames[frames.length - 1].file)}`);
  return lines.join('\n') + '\n';
}

/** H.264/AAC output options of one rendition (key frames aligned across renditions for HLS). */
function renditionArgs(r: Rendition, opts: { forceKeyFrames?: string; tune?: string; fps?: number }): string[] {
  const fps = opts.fps ?? FPS;
  return [
    '-c:v',
    'libx264',
    '-preset',
    PRESET,
    ...(opts.tune ? ['-tune', opts.tune] : []),
    '-profile:v',
    r.profile,
    '-level',
    r.level,
    '-crf',
    String(r.crf),
    '-maxrate',
    `${r.maxVideoKbps}k`,
    '-bufsize',
    `${r.maxVideoKbps * 2}k`,
    ...(opts.forceKeyFrames
      ? ['-force_key_frames', opts.forceKeyFrames]
      : ['-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`]),
    '-g',
    String(fps * SEGMENT_SECONDS + 1),
    '-sc_threshold',
    '0',
    '-pix_fmt',
    'yuv420p',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-c:a',
    'aac',
    '-b:a',
    `${r.audioKbps}k`,
    '-ac',
    '1',
    '-ar',
    String(AUDIO_SAMPLE_RATE),
    '-movflags',
    '+faststart',
  ];
}

/** Encode every rendition's MP4 in one ffmpeg run (the frames are decoded once). */
export async function encodeMp4s(opts: {
  concatFile: string;
  wavFile: string;
  duration: number;
  outDir: string;
  renditions?: Rendition[];
  rtl?: boolean;
  /** Picture changes (seconds): each starts with a key frame, so no ghost of the last slide lingers. */
  changeTimes?: number[];
}): Promise<Record<string, string>> {
  const renditions = opts.renditions ?? RENDITIONS;
  const D = opts.duration.toFixed(3);
  // Key frames every SEGMENT_SECONDS (aligned across renditions for HLS) and at every picture change;
  // no two are ever more than SEGMENT_SECONDS apart, so x264's own GOP limit never shifts them.
  const keyTimes = new Set<string>();
  for (let t = 0; t < opts.duration; t += SEGMENT_SECONDS) keyTimes.add(t.toFixed(3));
  for (const t of opts.changeTimes ?? []) if (t > 0 && t < opts.duration) keyTimes.add(t.toFixed(3));
  const forceKeyFrames = [...keyTimes]
    .map(Number)
    .sort((a, b) => a - b)
    .map((t) => t.toFixed(3))
    .join(',');
  const n = renditions.length;
  // Scale the few distinct frames first, then repeat them at FPS: ~2.5x faster than the other way round.
  const graph: string[] = [`[0:v]split=${n}${renditions.map((_, i) => `[s${i}]`).join('')}`];
  const outputs: string[] = [];
  const files: Record<string, string> = {};
  renditions.forEach((r, i) => {
    const barH = Math.max(2, Math.round((PROGRESS.height * r.height) / HEIGHT));
    // The progress bar slides in over the track drawn in the frames (from the right in RTL).
    const x = opts.rtl ? `W-w*t/${D}` : `-w+w*t/${D}`;
    graph.push(
      `[s${i}]scale=${r.width}:${r.height}:flags=lanczos:out_color_matrix=bt709:out_range=tv,format=yuv420p,fps=${FPS}[b${i}]`,
      `color=c=0x${PROGRESS.bar.slice(1)}:s=${r.width}x${barH}:r=${FPS}[p${i}]`,
      `[b${i}][p${i}]overlay=x='${x}':y=H-h:shortest=1:format=yuv420,format=yuv420p[v${i}]`,
    );
    const file = path.join(opts.outDir, `${r.name}.mp4`);
    files[r.name] = file;
    outputs.push(
      '-map',
      `[v${i}]`,
      '-map',
      '1:a',
      ...renditionArgs(r, { forceKeyFrames, tune: 'stillimage' }),
      '-t',
      D,
      '-y',
      file,
    );
  });
  await runFfmpeg([
    '-loglevel',
    'error',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    opts.concatFile,
    '-i',
    opts.wavFile,
    '-filter_complex',
    graph.join(';'),
    ...outputs,
  ]);
  return files;
}

/** The renditions an uploaded video of this height gets: none larger than the source, but always the lowest. */
export function renditionsFor(sourceHeight: number): Rendition[] {
  const fit = RENDITIONS.filter((r) => r.height <= sourceHeight * 1.1);
  return fit.length ? fit : [RENDITIONS[0]];
}

/**
 * Transcode an uploaded video into the ladder's MP4s in one ffmpeg run (decoded once), keeping its
 * aspect ratio within each rendition's height; a video without sound gets a silent track so every
 * rendition (and the audio-only one) has the same streams.
 */
export async function transcodeMp4s(opts: {
  input: string;
  duration: number;
  hasAudio: boolean;
  outDir: string;
  renditions: Rendition[];
  onProgress?: (fraction: number) => void;
}): Promise<Record<string, string>> {
  const n = opts.renditions.length;
  const graph: string[] = [`[0:v]fps=${FPS},split=${n}${opts.renditions.map((_, i) => `[s${i}]`).join('')}`];
  const outputs: string[] = [];
  const files: Record<string, string> = {};
  const audio = opts.hasAudio ? '0:a:0' : '1:a';
  opts.renditions.forEach((r, i) => {
    // Fit inside width x height, even dimensions (yuv420p needs them).
    graph.push(
      `[s${i}]scale=w=${r.width}:h=${r.height}:force_original_aspect_ratio=decrease:flags=bicubic,scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p[v${i}]`,
    );
    const file = path.join(opts.outDir, `${r.name}.mp4`);
    files[r.name] = file;
    outputs.push('-map', `[v${i}]`, '-map', audio, ...renditionArgs(r, {}), '-t', opts.duration.toFixed(3), '-y', file);
  });
  await runFfmpeg(
    [
      '-loglevel',
      'error',
      '-i',
      opts.input,
      ...(opts.hasAudio ? [] : ['-f', 'lavfi', '-i', `anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=mono`]),
      '-filter_complex',
      graph.join(';'),
      ...outputs,
    ],
    { onProgress: opts.onProgress && ((t) => opts.onProgress!(Math.min(1, t / Math.max(opts.duration, 0.1)))) },
  );
  return files;
}
