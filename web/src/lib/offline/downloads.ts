// A module stored on the device: its pages, the tutorial's captions and one small rendition, in a cache of
// its own so that removing it is one call. Nothing half-stored is kept: a failed download is removed whole.
import type { Answer } from '$lib/api/answers.ts';
import { db, type DownloadRecord } from './store.ts';

export type MediaChoice = DownloadRecord['media'];
export const moduleCache = (moduleId: string) => `lca-module-${moduleId}`;

/** The body as the browser decoded it: the transfer headers no longer describe it. */
export function storable(res: Response, body: Blob): Response {
  const headers = new Headers(res.headers);
  for (const h of ['content-encoding', 'content-length', 'transfer-encoding', 'set-cookie']) headers.delete(h);
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

export async function fetchPackage(moduleId: string, locale: string): Promise<Answer<'getOfflinePackage'>> {
  const res = await fetch(`/api/modules/${encodeURIComponent(moduleId)}/offline?locale=${encodeURIComponent(locale)}`, {
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`offline package: HTTP ${res.status}`);
  return res.json();
}

export async function downloadModule(
  userId: string,
  moduleId: string,
  locale: string,
  media: MediaChoice,
  onProgress: (done: number, total: number) => void,
): Promise<DownloadRecord> {
  const pkg = await fetchPackage(moduleId, locale);
  // The quiz's questions are drawn now, online, so the stored quiz page holds this person's attempt.
  if (pkg.quizId) {
    await fetch(`/api/quizzes/${encodeURIComponent(pkg.quizId)}/attempts?locale=${encodeURIComponent(pkg.locale)}`, {
      method: 'POST',
      credentials: 'same-origin',
    });
  }
  const rendition = media === 'video' ? pkg.video : media === 'audio' ? pkg.audio : null;
  const files = [...pkg.pages, ...(media === 'none' ? [] : pkg.assets)];
  const total = files.reduce((s, f) => s + f.bytes, 0) + (rendition?.bytes ?? 0);
  const name = moduleCache(moduleId);
  await caches.delete(name);
  const cache = await caches.open(name);
  let done = 0;
  let stored = 0;
  try {
    for (const file of files) {
      const res = await fetch(file.url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${file.url}: HTTP ${res.status}`);
      const blob = await res.blob();
      await cache.put(file.url, storable(res, blob));
      done += file.bytes;
      stored += blob.size;
      onProgress(done, total);
    }
    if (rendition) {
      // Stored under the address the page's video plays (the sound alone, for "audio only").
      const res = await fetch(rendition.source, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${rendition.source}: HTTP ${res.status}`);
      const blob = await res.blob();
      await cache.put(rendition.url, storable(res, blob));
      stored += blob.size;
      onProgress(total, total);
    }
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
  const record: DownloadRecord = {
    moduleId: pkg.moduleId,
    userId,
    title: pkg.title,
    locale: pkg.locale,
    bytes: stored,
    media: rendition ? media : 'none',
    urls: [...files.map((f) => f.url), ...(rendition ? [rendition.url] : [])],
    firstPage: pkg.pages[0].url,
    savedAt: Date.now(),
  };
  await (await db()).put('downloads', record);
  return record;
}

export async function listDownloads(userId: string): Promise<DownloadRecord[]> {
  const all = await (await db()).getAll('downloads');
  return all.filter((d) => d.userId === userId).sort((a, b) => a.savedAt - b.savedAt);
}

export async function removeDownload(moduleId: string): Promise<void> {
  await caches.delete(moduleCache(moduleId));
  await (await db()).delete('downloads', moduleId);
}

/** Signing out removes what the person stored (their quiz attempts are in it); their unsent changes stay, theirs. */
export async function removeAllDownloads(): Promise<void> {
  const store = await db();
  for (const d of await store.getAll('downloads')) await caches.delete(moduleCache(d.moduleId));
  await store.clear('downloads');
}
