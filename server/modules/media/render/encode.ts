// Encoding with the static ffmpeg from @ffmpeg-installer/ffmpeg (or FFMPEG_PATH): H.264/AAC MP4 per
// rendition from the distinct frames (concat demuxer with durations) and the narration WAV, then
// HLS by stream copy, an audio-only HLS rendition, and a master playlist written here (ffmpeg's
// -master_pl_name with -var_stream_map segfaults in this build).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HEIGHT, PROGRESS, type RenderedFrame } from './frames.ts';

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

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

export type FfmpegOptions = {
  cwd?: string;
  /** Called with the seconds of output written so far (from `-progress pipe:1`). */
  onProgress?: (seconds: number) => void;
};

export function runFfmpeg(args: string[], opts: FfmpegOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const progressArgs = opts.onProgress ? ['-progress', 'pipe:1', '-nostats'] : [];
    const p = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...progressArgs, ...args], {
      cwd: opts.cwd,
      stdio: ['ignore', opts.onProgress ? 'pipe' : 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.length > 200_000) err = err.slice(-100_000);
    });
    p.stdout?.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/out_time_ms=(\d+)/g)) opts.onProgress?.(+m[1] / 1e6);
    });
    p.on('error', reject);
    p.on('close', (code, signal) => {
      if (code === 0) resolve(err);
      else reject(new Error(`ffmpeg ${args.slice(0, 6).join(' ')} ... failed (${signal ?? code}):\n${err.split('\n').slice(-15).join('\n')}`));
    });
  });
}

export type ProbeResult = {
  duration: number;
  video?: { codec: string; width: number; height: number };
  audio?: { codec: string; sampleRate: number; channels: string };
};

/** Read duration and streams from `ffmpeg -i` (no ffprobe in this build). */
export async function probe(file: string): Promise<ProbeResult> {
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', () => resolve(err)); // exits 1: "At least one output file must be specified"
  });
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(out);
  if (!d) throw new Error(`cannot probe ${file}:\n${out.slice(-500)}`);
  const result: ProbeResult = { duration: +d[1] * 3600 + +d[2] * 60 + +d[3] };
  const v = /Stream #.*Video: (\w+).*?, (\d{2,5})x(\d{2,5})/.exec(out);
  if (v) result.video = { codec: v[1], width: +v[2], height: +v[3] };
  const a = /Stream #.*Audio: (\w+).*?, (\d+) Hz, (\w+)/.exec(out);
  if (a) result.audio = { codec: a[1], sampleRate: +a[2], channels: a[3] };
  return result;
}

/** The concat demuxer script: each distinct frame with how long it shows. */
export function concatScript(frames: RenderedFrame[], dir: string): string {
  const q = (f: string) => `'${path.relative(dir, f).replace(/'/g, "'\\''")}'`;
  const lines = ['ffconcat version 1.0'];
  for (const f of frames) lines.push(`file ${q(f.file)}`, `duration ${(f.end - f.start).toFixed(6)}`);
  // The demuxer ignores the last entry's duration unless the file is listed once more.
  lines.push(`file ${q(frames[frames.length - 1].file)}`);
  return lines.join('\n') + '\n';
}

/** RFC 6381 codec string of the H.264 stream in an MP4 (read from its avcC box). */
export function avcCodecString(mp4: string): string {
  const buf = fs.readFileSync(mp4);
  const i = buf.indexOf('avcC');
  if (i < 0) throw new Error(`no avcC box in ${mp4}`);
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `avc1.${hex(buf[i + 5])}${hex(buf[i + 6])}${hex(buf[i + 7])}`;
}

/** H.264/AAC output options of one rendition (key frames aligned across renditions for HLS). */
function renditionArgs(r: Rendition, opts: { forceKeyFrames?: string; tune?: string; fps?: number }): string[] {
  const fps = opts.fps ?? FPS;
  return [
    '-c:v', 'libx264', '-preset', PRESET, ...(opts.tune ? ['-tune', opts.tune] : []),
    '-profile:v', r.profile, '-level', r.level,
    '-crf', String(r.crf), '-maxrate', `${r.maxVideoKbps}k`, '-bufsize', `${r.maxVideoKbps * 2}k`,
    ...(opts.forceKeyFrames ? ['-force_key_frames', opts.forceKeyFrames] : ['-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`]),
    '-g', String(fps * SEGMENT_SECONDS + 1), '-sc_threshold', '0',
    '-pix_fmt', 'yuv420p', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709',
    '-c:a', 'aac', '-b:a', `${r.audioKbps}k`, '-ac', '1', '-ar', String(AUDIO_SAMPLE_RATE),
    '-movflags', '+faststart',
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
  const forceKeyFrames = [...keyTimes].map(Number).sort((a, b) => a - b).map((t) => t.toFixed(3)).join(',');
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
    outputs.push('-map', `[v${i}]`, '-map', '1:a', ...renditionArgs(r, { forceKeyFrames, tune: 'stillimage' }), '-t', D, '-y', file);
  });
  await runFfmpeg([
    '-loglevel', 'error',
    '-f', 'concat', '-safe', '0', '-i', opts.concatFile,
    '-i', opts.wavFile,
    '-filter_complex', graph.join(';'),
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
    graph.push(`[s${i}]scale=w=${r.width}:h=${r.height}:force_original_aspect_ratio=decrease:flags=bicubic,scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p[v${i}]`);
    const file = path.join(opts.outDir, `${r.name}.mp4`);
    files[r.name] = file;
    outputs.push('-map', `[v${i}]`, '-map', audio, ...renditionArgs(r, {}), '-t', opts.duration.toFixed(3), '-y', file);
  });
  await runFfmpeg(
    [
      '-loglevel', 'error',
      '-i', opts.input,
      ...(opts.hasAudio ? [] : ['-f', 'lavfi', '-i', `anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=mono`]),
      '-filter_complex', graph.join(';'),
      ...outputs,
    ],
    { onProgress: opts.onProgress && ((t) => opts.onProgress!(Math.min(1, t / Math.max(opts.duration, 0.1)))) },
  );
  return files;
}

export type HlsPlaylist = {
  playlist: string;
  segments: { file: string; duration: number; bytes: number }[];
  bytes: number;
  duration: number;
  /** Peak and average bits per second over segments (what BANDWIDTH / AVERAGE-BANDWIDTH mean). */
  peakBps: number;
  averageBps: number;
};

/** Parse a media playlist and measure its segments. */
export function readMediaPlaylist(playlist: string): HlsPlaylist {
  const text = fs.readFileSync(playlist, 'utf8');
  if (!text.startsWith('#EXTM3U')) throw new Error(`${playlist} is not an M3U8 playlist`);
  const dir = path.dirname(playlist);
  const segments: HlsPlaylist['segments'] = [];
  let dur = NaN;
  for (const line of text.split(/\r?\n/)) {
    const m = /^#EXTINF:([\d.]+)/.exec(line);
    if (m) dur = +m[1];
    else if (line && !line.startsWith('#')) {
      const file = path.join(dir, line);
      segments.push({ file, duration: dur, bytes: fs.statSync(file).size });
    }
  }
  if (!/#EXT-X-ENDLIST/.test(text)) throw new Error(`${playlist} has no #EXT-X-ENDLIST`);
  const bytes = segments.reduce((a, s) => a + s.bytes, 0);
  const duration = segments.reduce((a, s) => a + s.duration, 0);
  const peakBps = Math.max(...segments.map((s) => (s.bytes * 8) / Math.max(s.duration, 0.5)));
  return { playlist, segments, bytes, duration, peakBps: Math.ceil(peakBps), averageBps: Math.ceil((bytes * 8) / duration) };
}

/** Cut an MP4 into an HLS VOD rendition by stream copy (`audioOnly` keeps just the audio). */
export async function segmentHls(mp4: string, dir: string, opts: { audioOnly?: boolean } = {}): Promise<HlsPlaylist> {
  fs.mkdirSync(dir, { recursive: true });
  const playlist = path.join(dir, 'index.m3u8');
  await runFfmpeg([
    '-loglevel', 'error', '-i', mp4,
    ...(opts.audioOnly ? ['-map', '0:a'] : ['-map', '0:v', '-map', '0:a']),
    '-c', 'copy',
    '-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod', '-hls_list_size', '0',
    '-hls_segment_filename', path.join(dir, 'seg-%03d.ts'),
    '-y', playlist,
  ]);
  return readMediaPlaylist(playlist);
}

export type MasterEntry = {
  uri: string;
  peakBps: number;
  averageBps: number;
  codecs: string;
  width?: number;
  height?: number;
};

export function masterPlaylist(entries: MasterEntry[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const e of entries) {
    const attrs = [`BANDWIDTH=${e.peakBps}`, `AVERAGE-BANDWIDTH=${e.averageBps}`];
    if (e.width && e.height) attrs.push(`RESOLUTION=${e.width}x${e.height}`);
    attrs.push(`CODECS="${e.codecs}"`);
    if (e.width) attrs.push(`FRAME-RATE=${FPS.toFixed(3)}`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, e.uri);
  }
  return lines.join('\n') + '\n';
}

/** A JPEG poster from a PNG frame. */
export async function poster(png: string, jpg: string): Promise<void> {
  await runFfmpeg(['-loglevel', 'error', '-i', png, '-frames:v', '1', '-q:v', '3', '-y', jpg]);
}
