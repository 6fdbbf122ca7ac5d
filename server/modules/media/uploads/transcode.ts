// The 'media.transcode' job: an uploaded video into the same ladder as rendered tutorials
// (240p/360p/720p H.264/AAC HLS no larger than the source, audio-only, a 360p-or-lower MP4 download, a poster),
// written to a temp folder and renamed into place, then the upload is marked ready.
import fs from 'node:fs';
import path from 'node:path';
import type { DbOrTx } from '../../../db/client.ts';
import type { Job, JobContext } from '../../../jobs/queue.ts';
import { renditionsFor, runFfmpeg, transcodeMp4s } from '../render/encode.ts';
import { packageLadder } from '../render/ladder.ts';
import { probeUpload } from './probe.ts';
import { findUpload, updateUpload } from './uploads.repository.ts';
import { newOutputName, originalFile, uploadDir } from './upload-files.ts';

export const MEDIA_TRANSCODE_JOB = 'media.transcode';
export const TRANSCODE_MAX_ATTEMPTS = 3;
export const DOWNLOAD_FILE = 'video.mp4';
export const POSTER_FILE = 'poster.jpg';
export const MASTER_FILE = 'master.m3u8';

/** Share of the progress bar the encode takes; packaging (HLS cut by stream copy, poster) is the rest. */
const ENCODE_SHARE = 90;

export async function transcodeUpload(db: DbOrTx, mediaDir: string, job: Job, ctx: JobContext): Promise<void> {
  const id = String(job.payload.uploadId);
  const upload = await findUpload(db, id);
  if (!upload || upload.status === 'ready') return; // deleted meanwhile, or already done by an earlier attempt
  const input = originalFile(mediaDir, id);
  const outName = newOutputName();
  const out = path.join(uploadDir(mediaDir, id), outName);
  const tmp = `${out}.tmp`;
  try {
    const probed = await probeUpload(input);
    if (!probed.ok) throw new Error(`The uploaded file can no longer be read (${probed.reason}: ${probed.detail}).`);
    const { duration, height, hasAudio } = probed.probe;
    // Whatever an earlier attempt left (it stopped before marking the upload ready) goes first.
    for (const entry of fs.readdirSync(uploadDir(mediaDir, id)))
      if (entry !== path.basename(input))
        fs.rmSync(path.join(uploadDir(mediaDir, id), entry), { recursive: true, force: true });
    const work = path.join(tmp, 'work');
    fs.mkdirSync(work, { recursive: true });

    const ladder = renditionsFor(height);
    // Progress is written at most every 2 s: enough for a progress bar, few writes.
    let lastWrite = 0;
    const pending: Promise<void>[] = [];
    const mp4s = await transcodeMp4s({
      input,
      duration,
      hasAudio,
      outDir: work,
      renditions: ladder,
      onProgress: (fraction) => {
        if (Date.now() - lastWrite < 2000) return;
        lastWrite = Date.now();
        pending.push(ctx.progress(1 + fraction * (ENCODE_SHARE - 1)).catch(() => {}));
      },
    });
    await Promise.all(pending);
    await packageLadder(mp4s, ladder, tmp, duration);
    const download = ladder.find((r) => r.name === '360p') ?? ladder[0];
    fs.renameSync(mp4s[download.name], path.join(tmp, DOWNLOAD_FILE));
    await runFfmpeg([
      '-loglevel',
      'error',
      '-ss',
      Math.min(1, duration / 2).toFixed(3),
      '-i',
      input,
      '-frames:v',
      '1',
      '-vf',
      'scale=640:-2',
      '-q:v',
      '3',
      '-y',
      path.join(tmp, POSTER_FILE),
    ]);
    fs.rmSync(work, { recursive: true, force: true });
    fs.renameSync(tmp, out);

    // The row may have been deleted while we encoded: then drop what we made.
    if (!(await findUpload(db, id))) {
      fs.rmSync(out, { recursive: true, force: true });
      return;
    }
    await updateUpload(db, id, { status: 'ready', outputDir: outName, error: null });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const message = e instanceof Error ? e.message : String(e);
    // The last attempt: the upload is failed for good, with the reason an admin sees.
    if (job.attempts >= job.maxAttempts)
      await updateUpload(db, id, { status: 'failed', error: message.slice(0, 2000) });
    throw e;
  }
}
