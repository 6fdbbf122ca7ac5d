// Small real video files made with the bundled ffmpeg for upload tests, and multipart bodies for app.inject.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runFfmpeg } from '../../server/modules/media/render/ffmpeg.ts';

/** A `seconds`-long test pattern with a tone: MP4 (H.264/AAC, index at the end unless faststart), WebM (VP9/Opus) or AVI. */
export async function makeVideo(
  dir: string,
  name: string,
  opts: { seconds?: number; size?: string; faststart?: boolean; audio?: boolean } = {},
): Promise<string> {
  const file = path.join(dir, name);
  const seconds = String(opts.seconds ?? 4);
  const ext = path.extname(name);
  const codecs =
    ext === '.webm'
      ? ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus']
      : ext === '.avi'
        ? ['-c:v', 'mpeg4', '-c:a', 'mp3']
        : ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'];
  await runFfmpeg([
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${opts.size ?? '192x108'}:rate=12`,
    ...(opts.audio === false ? [] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']),
    '-t',
    seconds,
    ...codecs,
    ...(opts.audio === false ? ['-an'] : []),
    ...(opts.faststart ? ['-movflags', '+faststart'] : []),
    '-y',
    file,
  ]);
  return file;
}

/** The first half of a file: what an interrupted upload or copy leaves. */
export function truncatedCopy(file: string, name: string): string {
  const out = path.join(path.dirname(file), name);
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return out;
}

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body, as a browser sends one. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lca${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'filename' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), 'filename' in p ? p.content : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The fields of an upload form plus the file. */
export function uploadForm(
  file: string,
  fields: Partial<Record<'tutorialId' | 'locale' | 'title' | 'placement', string>> = {},
  filename = path.basename(file),
) {
  const values = {
    tutorialId: 'm1-tutorial',
    locale: 'en',
    title: 'Our learning city story',
    placement: 'replace',
    ...fields,
  };
  return multipart([
    ...Object.entries(values).map(([name, value]) => ({ name, value })),
    { name: 'file', filename, content: fs.readFileSync(file), type: 'video/mp4' },
  ]);
}
