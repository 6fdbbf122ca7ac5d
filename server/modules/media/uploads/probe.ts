// What an uploaded file is, read with the ffprobe that ships in @ffprobe-installer/ffprobe (FFPROBE_PATH
// overrides): container, streams, duration, and whether the file runs to its end (a truncated upload
// ends early or breaks off mid-packet).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function ffprobePath(): string {
  if (process.env.FFPROBE_PATH) return process.env.FFPROBE_PATH;
  return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

/** ffprobe's format names of the containers we accept. */
export const ACCEPTED_CONTAINERS: Record<string, string> = {
  'mov,mp4,m4a,3gp,3g2,mj2': 'MP4/MOV',
  'matroska,webm': 'WebM/MKV',
};
/** The last packet may end this far before the stated duration (rounding, a short audio tail). */
const END_SLACK_SECONDS = 1;

export type VideoProbe = {
  container: string;
  duration: number;
  width: number;
  height: number;
  videoCodec: string;
  hasAudio: boolean;
};

export type ProbeOutcome =
  | { ok: true; probe: VideoProbe }
  | { ok: false; reason: 'not_video' | 'unsupported_container' | 'truncated'; detail: string };

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(ffprobePath(), ['-hide_banner', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 100_000) stderr += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type FfprobeJson = {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
  packets?: { pts_time?: string; duration_time?: string }[];
};

export async function probeUpload(file: string): Promise<ProbeOutcome> {
  const head = await run([
    '-v',
    'error',
    '-show_entries',
    'format=format_name,duration:stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  let info: FfprobeJson;
  try {
    info = JSON.parse(head.stdout || '{}') as FfprobeJson;
  } catch {
    info = {};
  }
  const video = info.streams?.find((s) => s.codec_type === 'video' && s.width && s.height);
  const duration = Number(info.format?.duration);
  if (head.code !== 0 || !info.format || !video) {
    // A cut-off MP4 whose index (moov) was to come at the end also reads as no video at all.
    return { ok: false, reason: 'not_video', detail: head.stderr.trim().split('\n').pop() ?? '' };
  }
  const container = info.format.format_name ?? '';
  if (!(container in ACCEPTED_CONTAINERS)) return { ok: false, reason: 'unsupported_container', detail: container };
  if (!Number.isFinite(duration) || duration <= 0) return { ok: false, reason: 'truncated', detail: 'no duration' };

  // Read the packets of the last few seconds: a complete file has them up to its duration.
  const tail = await run([
    '-v',
    'error',
    '-show_entries',
    'packet=pts_time,duration_time',
    '-of',
    'json',
    '-read_intervals',
    `${Math.max(0, duration - 3).toFixed(3)}%`,
    file,
  ]);
  let lastEnd = 0;
  try {
    for (const p of (JSON.parse(tail.stdout || '{}') as FfprobeJson).packets ?? []) {
      const end = Number(p.pts_time) + (Number(p.duration_time) || 0);
      if (Number.isFinite(end)) lastEnd = Math.max(lastEnd, end);
    }
  } catch {
    lastEnd = 0;
  }
  if (/partial file|Invalid data|truncat|error reading/i.test(tail.stderr) || lastEnd < duration - END_SLACK_SECONDS) {
    return {
      ok: false,
      reason: 'truncated',
      detail: `data ends at ${lastEnd.toFixed(1)} s of ${duration.toFixed(1)} s`,
    };
  }
  return {
    ok: true,
    probe: {
      container: ACCEPTED_CONTAINERS[container],
      duration,
      width: video.width!,
      height: video.height!,
      videoCodec: video.codec_name ?? 'unknown',
      hasAudio: !!info.streams?.some((s) => s.codec_type === 'audio'),
    },
  };
}
