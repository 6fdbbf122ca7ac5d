// What a device stores to use a module with no connection: its pages, the quiz page (drawn online
// first), the tutorial's captions, transcript and poster, and the video as one small MP4 or as sound only.
// One file rather than HLS: players' HLS requests do not pass through a service worker (Chromium's and
// Safari's native HLS alike), while a video element's MP4 requests do.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { SingleFlight } from '../../shared/single-flight.ts';
import { getModule, lessonContent } from '../catalog/catalog.service.ts';
import { MEDIA_URL_PREFIX, getTutorialMedia } from '../media/media.service.ts';
import { runFfmpeg } from '../media/render/encode.ts';
import type { OfflinePackageBody } from './offline.schemas.ts';

/** A rendered page is its text plus the site's frame (header, footer, links): about this much. */
const PAGE_FRAME_BYTES = 9_000;
const AUDIO_FILE = 'offline-audio.m4a';

/** The file under mediaDir that a /media/ URL names (only our own URLs come here). */
function fileOf(mediaDir: string, url: string): string {
  const rel = decodeURIComponent(new URL(url, 'http://x').pathname.slice(MEDIA_URL_PREFIX.length));
  const file = path.resolve(mediaDir, rel);
  if (!file.startsWith(path.resolve(mediaDir) + path.sep)) throw new Error(`not a media URL: ${url}`);
  return file;
}

/** An uploaded video's captions and transcript are made on request from the database: about this much. */
const MADE_ON_REQUEST_BYTES = 8_000;
const sizeOf = async (mediaDir: string, url: string) =>
  url.startsWith(MEDIA_URL_PREFIX) ? (await fs.stat(fileOf(mediaDir, url))).size : MADE_ON_REQUEST_BYTES;

/** Speech stays clear at this rate in mono AAC; it is about a third of the smallest video. */
const AUDIO_KBPS = 24;

/** Sound files being made now: many first requests for one tutorial start one ffmpeg, not many. */
const making = new SingleFlight<string, void>();

async function makeAudio(mp4: string, file: string) {
  const tmp = `${file}.${randomUUID()}.tmp.m4a`;
  try {
    await runFfmpeg([
      '-loglevel',
      'error',
      '-i',
      mp4,
      '-map',
      '0:a',
      '-c:a',
      'aac',
      '-b:a',
      `${AUDIO_KBPS}k`,
      '-ac',
      '1',
      '-movflags',
      '+faststart',
      '-y',
      tmp,
    ]);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** The MP4's sound alone, beside it (made once, on first request: about a second for a 5-minute tutorial). */
async function audioOf(mediaDir: string, mp4Url: string): Promise<{ url: string; bytes: number }> {
  const url = mp4Url.replace(/[^/]+$/, AUDIO_FILE);
  const file = fileOf(mediaDir, url);
  const existing = await fs.stat(file).catch(() => null);
  if (existing) return { url, bytes: existing.size };
  await making.run(file, () => makeAudio(fileOf(mediaDir, mp4Url), file));
  return { url, bytes: (await fs.stat(file)).size };
}

export async function offlinePackage(
  db: Db,
  mediaDir: string,
  actor: Actor | null,
  moduleId: string,
  locale?: string,
): Promise<OfflinePackageBody> {
  const mod = await getModule(db, moduleId, locale);
  const lessons = await Promise.all(mod.lessons.map((l) => lessonContent(db, l.id, locale)));
  const pages = [
    {
      url: `/modules/${encodeURIComponent(mod.id)}`,
      bytes: PAGE_FRAME_BYTES + Buffer.byteLength(mod.summary + mod.objectives.join('') + (mod.activity?.html ?? '')),
    },
    ...lessons.map((l) => ({
      url: `/lessons/${encodeURIComponent(l.id)}`,
      bytes: PAGE_FRAME_BYTES + Buffer.byteLength(l.html),
    })),
  ];
  if (mod.activity)
    pages.push({
      url: `/modules/${encodeURIComponent(mod.id)}/handout`,
      bytes: PAGE_FRAME_BYTES + Buffer.byteLength(mod.activity.html),
    });
  // The quiz needs an account: its attempt is drawn for the person before they go offline.
  const quizId = actor ? mod.quizId : null;
  if (quizId) pages.push({ url: `/quizzes/${encodeURIComponent(quizId)}`, bytes: PAGE_FRAME_BYTES * 2 });

  const base = { moduleId: mod.id, title: mod.title, locale: mod.locale, quizId, pages };
  const media = mod.tutorialId ? await getTutorialMedia(db, mediaDir, mod.tutorialId, mod.locale) : null;
  if (!media || media.status !== 'ready') return { ...base, assets: [], video: null, audio: null };

  // An uploaded video has a transcript only when it has captions.
  const assetUrls = [
    ...media.captions.map((c) => c.url),
    ...(media.transcriptUrl ? [media.transcriptUrl] : []),
    media.posterUrl,
  ];
  const [assets, audio] = await Promise.all([
    Promise.all(assetUrls.map(async (url) => ({ url, bytes: await sizeOf(mediaDir, url) }))),
    audioOf(mediaDir, media.mp4Url),
  ]);
  return {
    ...base,
    assets,
    video: { url: media.mp4Url, source: media.mp4Url, bytes: media.mp4Bytes },
    audio: { url: media.mp4Url, source: audio.url, bytes: audio.bytes },
  };
}
