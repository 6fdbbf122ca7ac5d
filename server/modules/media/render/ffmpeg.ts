// Running the static ffmpeg from @ffmpeg-installer/ffmpeg (or FFMPEG_PATH): one process with progress and the tail of
// its errors, a probe of duration and streams (this build has no ffprobe), and a JPEG poster from a frame.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

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
      else
        reject(
          new Error(
            `ffmpeg ${args.slice(0, 6).join(' ')} ... failed (${signal ?? code}):\n${err.split('\n').slice(-15).join('\n')}`,
          ),
        );
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

/** A JPEG poster from a PNG frame. */
export async function poster(png: string, jpg: string): Promise<void> {
  await runFfmpeg(['-loglevel', 'error', '-i', png, '-frames:v', '1', '-q:v', '3', '-y', jpg]);
}
