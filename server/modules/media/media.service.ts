// Which rendered media a learner gets for a tutorial: read from the render pointers and manifests
// that renderTutorial writes under the media directory (no database rows yet).
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import { NotFound } from '../../http/errors.ts';
import { tutorialExists } from '../catalog/catalog.service.ts';
import type { Manifest } from './render/render-tutorial.ts';
import type { TutorialMediaBody, VideoVersionBody } from './media.schemas.ts';
import { uploadsForLearners, type LearnerUpload } from './uploads/uploads.service.ts';

export const MEDIA_URL_PREFIX = '/media/';
const FALLBACK_LOCALE = 'en';
/** `<locale>-<first 16 hex of the storyboard hash>`: the folder renderTutorial writes. */
export const RENDER_DIR = /^[a-z]{2,3}-[0-9a-f]{16}$/;

type Render = { dir: string; manifest: Manifest };

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined; // not rendered yet, or being replaced
  }
}

/** The newest complete render of a tutorial in one locale, if any. */
async function readRender(mediaDir: string, tutorialId: string, locale: string): Promise<Render | undefined> {
  const pointer = await readJson<{ dir?: unknown }>(path.join(mediaDir, tutorialId, `${locale}.json`));
  if (typeof pointer?.dir !== 'string' || !RENDER_DIR.test(pointer.dir)) return undefined;
  const manifest = await readJson<Manifest>(path.join(mediaDir, tutorialId, pointer.dir, 'manifest.json'));
  if (!manifest || manifest.tutorialId !== tutorialId) return undefined;
  return { dir: pointer.dir, manifest };
}

/** Captions can go on a video only when they were timed to the same narration (same voice, same scene times). */
function sameNarration(a: Manifest, b: Manifest): boolean {
  const scenes = (m: Manifest) => JSON.stringify(m.scenes.map((s) => [s.id, s.start, s.end]));
  return (
    a.narrationLocales.join() === b.narrationLocales.join() &&
    Math.abs(a.duration - b.duration) < 0.01 &&
    scenes(a) === scenes(b)
  );
}

/** The language heard in a render: the video's own, unless some scene fell back to another voice (English). */
const narrationLocaleOf = (m: Manifest) =>
  m.narrationLocales.length === 1
    ? m.narrationLocales[0]
    : (m.narrationLocales.find((l) => l !== m.locale) ?? m.locale);

const urlOf = (tutorialId: string, dir: string, file: string) =>
  `${MEDIA_URL_PREFIX}${encodeURIComponent(tutorialId)}/${dir}/${file.split('/').map(encodeURIComponent).join('/')}`;

/**
 * The tutorial's video in `locale`, or in English when that locale has no render, with the caption
 * tracks timed to it; `preparing` until a render exists.
 */
export async function tutorialMedia(mediaDir: string, tutorialId: string, locale: string): Promise<TutorialMediaBody> {
  const served =
    (await readRender(mediaDir, tutorialId, locale)) ??
    (locale === FALLBACK_LOCALE ? undefined : await readRender(mediaDir, tutorialId, FALLBACK_LOCALE));
  if (!served) return { status: 'preparing', tutorialId, versions: [] };
  const m = served.manifest;

  const otherLocales = (await fs.readdir(path.join(mediaDir, tutorialId)).catch(() => [] as string[]))
    .map((f) => /^([a-z]{2,3})\.json$/.exec(f)?.[1])
    .filter((l): l is string => !!l && l !== m.locale)
    .sort();
  const others = await Promise.all(otherLocales.map((l) => readRender(mediaDir, tutorialId, l)));
  const captions = [served, ...others.filter((r): r is Render => !!r && sameNarration(r.manifest, m))].map((r) => ({
    locale: r.manifest.captions.locale,
    url: urlOf(tutorialId, r.dir, r.manifest.captions.file),
  }));

  return {
    status: 'ready',
    tutorialId,
    source: 'render',
    locale: m.locale,
    narrationLocale: narrationLocaleOf(m),
    hlsUrl: urlOf(tutorialId, served.dir, m.player?.hls ?? m.master),
    mp4Url: urlOf(tutorialId, served.dir, m.download.file),
    mp4Bytes: m.download.bytes,
    posterUrl: urlOf(tutorialId, served.dir, m.poster),
    captions,
    transcriptUrl: urlOf(tutorialId, served.dir, m.transcript),
    durationSeconds: m.duration,
    versions: [],
  };
}

/** Bytes of a file served under /media/ (0 when it is not there). */
function servedBytes(mediaDir: string, url: string): number {
  try {
    return fsSync.statSync(path.join(mediaDir, ...url.slice(MEDIA_URL_PREFIX.length).split('/'))).size;
  } catch {
    return 0;
  }
}

const toVersion = (mediaDir: string, u: LearnerUpload): VideoVersionBody => ({
  ...u,
  mp4Bytes: servedBytes(mediaDir, u.mp4Url),
});

/** As tutorialMedia, for a tutorial the course has (404 otherwise). */
export async function getTutorialMedia(
  db: Db,
  mediaDir: string,
  tutorialId: string,
  locale = FALLBACK_LOCALE,
): Promise<TutorialMediaBody> {
  if (!(await tutorialExists(db, tutorialId)))
    throw NotFound(`The tutorial "${tutorialId}"`, 'media.tutorial_not_found');
  const uploads = await uploadsForLearners(db, tutorialId, locale, FALLBACK_LOCALE);
  const versions = uploads.beside.map((u) => toVersion(mediaDir, u));
  const rendered = await tutorialMedia(mediaDir, tutorialId, locale);
  // An uploaded video placed to replace the rendered one wins in its language. Fallbacks go as for renders:
  // the wanted language (upload, then render), then English (upload, then render).
  const renderInLocale = rendered.status === 'ready' && rendered.locale === locale;
  if (uploads.replace && (uploads.replace.locale === locale || !renderInLocale)) {
    const { id: _id, ...u } = toVersion(mediaDir, uploads.replace);
    return { status: 'ready', tutorialId, source: 'upload', ...u, narrationLocale: u.locale, versions };
  }
  return { ...rendered, versions };
}
