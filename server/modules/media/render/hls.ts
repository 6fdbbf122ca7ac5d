// HLS from the encoded MP4s: each cut by stream copy into a VOD media playlist, an audio-only rendition, and a
// master playlist written here (ffmpeg's -master_pl_name with -var_stream_map segfaults in this build).
import fs from 'node:fs';
import path from 'node:path';
import { FPS, SEGMENT_SECONDS } from './encode.ts';
import { runFfmpeg } from './ffmpeg.ts';

/** RFC 6381 codec string of the H.264 stream in an MP4 (read from its avcC box). */
export function avcCodecString(mp4: string): string {
  const buf = fs.readFileSync(mp4);
  const i = buf.indexOf('avcC');
  if (i < 0) throw new Error(`no avcC box in ${mp4}`);
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `avc1.${hex(buf[i + 5])}${hex(buf[i + 6])}${hex(buf[i + 7])}`;
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
  return {
    playlist,
    segments,
    bytes,
    duration,
    peakBps: Math.ceil(peakBps),
    averageBps: Math.ceil((bytes * 8) / duration),
  };
}

/** Cut an MP4 into an HLS VOD rendition by stream copy (`audioOnly` keeps just the audio). */
export async function segmentHls(mp4: string, dir: string, opts: { audioOnly?: boolean } = {}): Promise<HlsPlaylist> {
  fs.mkdirSync(dir, { recursive: true });
  const playlist = path.join(dir, 'index.m3u8');
  await runFfmpeg([
    '-loglevel',
    'error',
    '-i',
    mp4,
    ...(opts.audioOnly ? ['-map', '0:a'] : ['-map', '0:v', '-map', '0:a']),
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_list_size',
    '0',
    '-hls_segment_filename',
    path.join(dir, 'seg-%03d.ts'),
    '-y',
    playlist,
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
