// The rules for uploaded videos: accept a streamed file only when it is a complete video in an accepted
// container for a tutorial the course has, queue its transcode, report progress, attach captions, delete;
// and which ready uploads learners get.
import type { Db } from '../../../db/client.ts';
import type { MediaUploadRow } from '../../../db/schema.ts';
import type { Actor } from '../../../http/auth.ts';
import { AppError, BadRequest, NotFound } from '../../../http/errors.ts';
import { deleteJobs, enqueue, latestJob, type Job } from '../../../jobs/queue.ts';
import { tutorialExists } from '../../catalog/catalog.service.ts';
import { conformingVtt } from '../render/captions.ts';
import { cuesToTranscript, cuesToVtt, detectFormat, parseCaptions } from './caption-files.ts';
import { probeUpload } from './probe.ts';
import { requireUploadAccess } from './uploads.permissions.ts';
import * as repo from './uploads.repository.ts';
import type { UploadBodyOut } from './uploads.schemas.ts';
import { removeUploadFiles, UPLOADS_URL_PREFIX } from './upload-files.ts';
import { DOWNLOAD_FILE, MASTER_FILE, MEDIA_TRANSCODE_JOB, POSTER_FILE, TRANSCODE_MAX_ATTEMPTS } from './transcode.ts';

export type StagedFile = { id: string; path: string; originalName: string; sizeBytes: number };
export type UploadFields = { tutorialId: string; locale: string; title: string; placement: 'replace' | 'beside' };

const captionsUrl = (id: string, locale: string) => `/api/media/uploads/${id}/captions/${locale}`;
const outputUrl = (row: MediaUploadRow, file: string) => `${UPLOADS_URL_PREFIX}${row.id}/${row.outputDir}/${file}`;

function toUploadResponse(
  row: MediaUploadRow,
  job: Job | null,
  captions: { locale: string; cueCount: number }[],
): UploadBodyOut {
  return {
    id: row.id,
    tutorialId: row.tutorialId,
    locale: row.locale,
    title: row.title,
    placement: row.placement,
    status: row.status,
    progress: row.status === 'ready' ? 100 : (job?.progress ?? 0),
    error: row.error ?? (row.status === 'processing' ? (job?.lastError?.split('\n')[0] ?? null) : null),
    originalName: row.originalName,
    sizeBytes: row.sizeBytes,
    durationSeconds: row.durationSeconds,
    width: row.width,
    height: row.height,
    captions: captions.map((c) => ({ locale: c.locale, cueCount: c.cueCount })),
    hlsUrl: row.status === 'ready' && row.outputDir ? outputUrl(row, MASTER_FILE) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const mb = (bytes: number) => `${Math.round(bytes / 1_000_000).toLocaleString('en')} MB`;

export const tooLarge = (limitBytes: number) =>
  new AppError(
    413,
    'media.upload_too_large',
    `The file is larger than the upload limit of ${mb(limitBytes)}. Shorten or compress the video, or ask the server administrator to raise MAX_UPLOAD_BYTES.`,
  );

/** Checks a staged upload and records it with its transcode job (one transaction). The caller removes the staged file when this throws. */
export async function createUpload(
  db: Db,
  actor: Actor,
  fields: UploadFields,
  staged: StagedFile,
): Promise<UploadBodyOut> {
  requireUploadAccess(actor, 'upload.manage');
  if (!(await tutorialExists(db, fields.tutorialId))) {
    throw BadRequest(
      'media.unknown_tutorial',
      `There is no tutorial "${fields.tutorialId}" in the course. Choose one of the course's tutorials.`,
      [{ field: 'body.tutorialId', message: 'unknown tutorial' }],
    );
  }
  if (staged.sizeBytes === 0)
    throw BadRequest('media.empty_file', 'The file is empty. Choose the video file again.', [
      { field: 'body.file', message: 'empty' },
    ]);
  const probed = await probeUpload(staged.path);
  if (!probed.ok) {
    const name = staged.originalName;
    if (probed.reason === 'truncated') {
      throw BadRequest(
        'media.truncated',
        `The file "${name}" is incomplete (${probed.detail}): the upload or the copy was probably cut off. Upload the whole file again.`,
        [{ field: 'body.file', message: 'truncated' }],
      );
    }
    const what =
      probed.reason === 'unsupported_container' ? `a ${probed.detail.split(',')[0]} file` : 'not a video we can read';
    throw new AppError(
      415,
      'media.not_a_video',
      `The file "${name}" is ${what}. Upload an MP4, WebM, MOV or MKV video.`,
      [{ field: 'body.file', message: probed.reason }],
    );
  }
  const p = probed.probe;
  const row = await db.transaction(async (tx) => {
    const created = await repo.insertUpload(tx, {
      id: staged.id,
      tutorialId: fields.tutorialId,
      locale: fields.locale,
      title: fields.title.trim(),
      placement: fields.placement,
      status: 'processing',
      originalName: staged.originalName.slice(0, 300),
      sizeBytes: staged.sizeBytes,
      durationSeconds: p.duration,
      width: p.width,
      height: p.height,
      createdBy: actor.id,
    });
    await enqueue(tx, {
      kind: MEDIA_TRANSCODE_JOB,
      key: created.id,
      payload: { uploadId: created.id },
      maxAttempts: TRANSCODE_MAX_ATTEMPTS,
    });
    return created;
  });
  const job = await latestJob(db, MEDIA_TRANSCODE_JOB, row.id);
  return toUploadResponse(row, job, []);
}

async function requireUpload(db: Db, id: string): Promise<MediaUploadRow> {
  const row = await repo.findUpload(db, id);
  if (!row) throw NotFound('The uploaded video', 'media.upload_not_found');
  return row;
}

export async function getUpload(db: Db, actor: Actor, id: string): Promise<UploadBodyOut> {
  requireUploadAccess(actor, 'upload.manage');
  const row = await requireUpload(db, id);
  const [job, captions] = await Promise.all([latestJob(db, MEDIA_TRANSCODE_JOB, id), repo.captionsOf(db, [id])]);
  return toUploadResponse(row, job, captions);
}

export async function listUploads(
  db: Db,
  actor: Actor,
  filter: { tutorialId?: string },
): Promise<{ items: UploadBodyOut[] }> {
  requireUploadAccess(actor, 'upload.manage');
  const rows = await repo.listUploads(db, filter);
  const captions = await repo.captionsOf(
    db,
    rows.map((r) => r.id),
  );
  const jobs = await Promise.all(
    rows.map((r) => (r.status === 'processing' ? latestJob(db, MEDIA_TRANSCODE_JOB, r.id) : null)),
  );
  return {
    items: rows.map((r, i) =>
      toUploadResponse(
        r,
        jobs[i],
        captions.filter((c) => c.uploadId === r.id),
      ),
    ),
  };
}

export async function removeUpload(db: Db, mediaDir: string, actor: Actor, id: string): Promise<void> {
  requireUploadAccess(actor, 'upload.manage');
  await requireUpload(db, id);
  await db.transaction(async (tx) => {
    await deleteJobs(tx, MEDIA_TRANSCODE_JOB, id);
    await repo.deleteUpload(tx, id); // captions go with it (on delete cascade)
  });
  removeUploadFiles(mediaDir, id);
}

/** Validates a .vtt/.srt file against the video and stores it as WebVTT; nothing is stored when any cue is wrong. */
export async function attachCaptions(
  db: Db,
  actor: Actor,
  id: string,
  input: { locale: string; text: string; fileName: string },
): Promise<UploadBodyOut> {
  requireUploadAccess(actor, 'upload.manage');
  const row = await requireUpload(db, id);
  if (input.text.includes('\u0000') || input.text.includes('\uFFFD')) {
    throw BadRequest(
      'media.captions_not_text',
      'The captions file is not UTF-8 text. Save it as UTF-8 WebVTT (.vtt) or SubRip (.srt) and try again.',
      [{ field: 'body.file', message: 'not text' }],
    );
  }
  const format = detectFormat(input.text, input.fileName);
  const { cues, problems } = parseCaptions(input.text, { format, duration: row.durationSeconds });
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => `line ${p.line}: ${p.problem}`);
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw BadRequest(
      'media.captions_invalid',
      `The captions file has problems: ${shown.join('; ')}${more}. Fix them and upload it again.`,
      problems,
    );
  }
  await repo.upsertCaptions(db, {
    uploadId: id,
    locale: input.locale,
    vtt: cuesToVtt(cues, input.locale),
    cueCount: cues.length,
  });
  return getUpload(db, actor, id);
}

export async function captionsVtt(db: Db, id: string, locale: string): Promise<string> {
  const row = await repo.findCaptions(db, id, locale);
  if (!row) throw NotFound(`Captions in "${locale}" for this video`, 'media.captions_not_found');
  return conformingVtt(row.vtt); // rows stored before the conforming head
}

export async function captionsTranscript(db: Db, id: string, locale: string): Promise<string> {
  return cuesToTranscript(parseCaptions(await captionsVtt(db, id, locale), { format: 'vtt' }).cues);
}

export type LearnerUpload = {
  id: string;
  title: string;
  locale: string;
  hlsUrl: string;
  mp4Url: string;
  posterUrl: string;
  durationSeconds: number;
  captions: { locale: string; url: string }[];
  transcriptUrl?: string;
};

async function toLearnerUpload(db: Db, row: MediaUploadRow): Promise<LearnerUpload> {
  const captions = await repo.captionsOf(db, [row.id]);
  // The video's own language first.
  captions.sort((a, b) => Number(b.locale === row.locale) - Number(a.locale === row.locale));
  const first = captions[0]?.locale;
  return {
    id: row.id,
    title: row.title,
    locale: row.locale,
    hlsUrl: outputUrl(row, MASTER_FILE),
    mp4Url: outputUrl(row, DOWNLOAD_FILE),
    posterUrl: outputUrl(row, POSTER_FILE),
    durationSeconds: row.durationSeconds ?? 0,
    captions: captions.map((c) => ({ locale: c.locale, url: captionsUrl(row.id, c.locale) })),
    ...(first ? { transcriptUrl: `/api/media/uploads/${row.id}/transcript/${first}` } : {}),
  };
}

/**
 * Ready uploads for learners of a tutorial: the 'replace' video in `locale` (else in the fallback locale,
 * as renders fall back), and every 'beside' video as another version.
 */
export async function uploadsForLearners(db: Db, tutorialId: string, locale: string, fallback: string) {
  const rows = (await repo.readyUploads(db, tutorialId)).filter((r) => r.outputDir);
  const replacing =
    rows.find((r) => r.placement === 'replace' && r.locale === locale) ??
    rows.find((r) => r.placement === 'replace' && r.locale === fallback);
  return {
    replace: replacing ? await toLearnerUpload(db, replacing) : undefined,
    beside: await Promise.all(rows.filter((r) => r.placement === 'beside').map((r) => toLearnerUpload(db, r))),
  };
}
