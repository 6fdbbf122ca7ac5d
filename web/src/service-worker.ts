/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline use: the site's frame and the pages a person visited open without a connection; modules they
// downloaded open whole (pages, quiz, captions, a small video); what they do offline (lessons completed,
// video watched, quizzes submitted) waits in an outbox on the device and is sent when the connection returns.
// Certificate checks keep working offline as before (/verify/offline).
import { build, files, version } from '$service-worker';
import { downloadModule, listDownloads, removeAllDownloads, removeDownload } from '$lib/offline/downloads.ts';
import { EVENTS_URL, enqueue, flush, pending, type FlushResult } from '$lib/offline/outbox.ts';
import type { OfflineReply, OfflineRequest, OutboxStatus } from '$lib/offline/messages.ts';
import { rangeResponse } from '$lib/offline/range.ts';
import { safeRedirectPath } from '$lib/safe-redirect.ts';
import { currentUser, setCurrentUser } from '$lib/offline/store.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = 'pages';
const MAX_PAGES = 60;
const OFFLINE_PAGE = '/offline';
const QUIZ_SAVED_PAGE = '/offline/quiz-saved';
const VERIFY_OFFLINE_PAGE = '/verify/offline';
const SHELL_PAGES = [OFFLINE_PAGE, QUIZ_SAVED_PAGE, '/downloads', '/verify', VERIFY_OFFLINE_PAGE];
// Static files the offline pages need, fetched once at install; a player library, the install icons and the
// facilitators' dashboard script are left to the network (a first visit on 2G should not pay for them).
const SHELL_FILES = [
  ...build.filter((f) => f.endsWith('.css')),
  ...files.filter((f) => !/^\/(vendor|icons)\/|^\/workshop-dashboard\.js$/.test(f)),
];
const STATIC_FILES = new Set(files);
/** Pages never kept: they are about signing in or change on every visit. */
const NOT_KEPT = /^\/(signin|signup|signout|setup|join|slip|admin|offline|verify)(\/|$)/;
const CACHE_OPTIONS = { ignoreVary: true } as const;

const sameOrigin = (url: URL) => url.origin === sw.location.origin;

async function cacheShell() {
  const cache = await caches.open(SHELL);
  await cache.addAll([...SHELL_PAGES, ...SHELL_FILES]);
}

sw.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  const keep = (k: string) => k === SHELL || k === PAGES || k.startsWith('lca-module-');
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !keep(k)).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function keepPage(request: Request, response: Response) {
  const cache = await caches.open(PAGES);
  await cache.put(request.url, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(old);
}

/** A progress event recorded on the device, as the page would have sent it. */
async function queueEvent(type: 'lesson.opened' | 'lesson.completed', lessonId: string) {
  const userId = await currentUser();
  if (!userId) return;
  const event = { id: crypto.randomUUID(), type, lessonId, at: new Date().toISOString() };
  await enqueue({
    userId,
    kind: 'events',
    label: type === 'lesson.completed' ? 'lesson' : 'progress',
    url: EVENTS_URL,
    body: JSON.stringify({ events: [event] }),
    contentType: 'application/json',
  });
}

const lessonIdOf = (url: URL) => /^\/lessons\/([^/]+)$/.exec(url.pathname)?.[1];

/** Network first (a person online always sees the live page); without one, the stored copy or the offline page. */
async function page(event: FetchEvent, url: URL): Promise<Response> {
  try {
    const response = await fetch(event.request);
    if (response.ok && !NOT_KEPT.test(url.pathname) && response.headers.get('content-type')?.includes('text/html')) {
      event.waitUntil(keepPage(event.request, response.clone()));
    }
    return response;
  } catch {
    if (url.pathname.startsWith('/verify/'))
      return (await caches.match(VERIFY_OFFLINE_PAGE, CACHE_OPTIONS)) ?? Response.error();
    const stored =
      (await caches.match(event.request.url, CACHE_OPTIONS)) ?? (await caches.match(url.pathname, CACHE_OPTIONS));
    if (stored) {
      const lessonId = lessonIdOf(url);
      if (lessonId) event.waitUntil(queueEvent('lesson.opened', decodeURIComponent(lessonId)));
      return stored;
    }
    return (await caches.match(OFFLINE_PAGE, CACHE_OPTIONS)) ?? Response.error();
  }
}

/** Progress from the video player: sent when possible, else kept (the player sees it accepted). */
async function progressPost(request: Request): Promise<Response> {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch {
    const userId = await currentUser();
    if (userId)
      await enqueue({
        userId,
        kind: 'events',
        label: 'progress',
        url: EVENTS_URL,
        body: await copy.text(),
        contentType: 'application/json',
      });
    return Response.json({ accepted: 0, duplicates: 0, queued: true }, { status: 202 });
  }
}

/** A lesson marked complete or a quiz submitted with no connection: kept, and the person carries on. */
async function formPost(request: Request, url: URL): Promise<Response> {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch {
    const body = await copy.text();
    const userId = await currentUser();
    const lessonId = lessonIdOf(url);
    if (lessonId && userId) {
      await queueEvent('lesson.completed', decodeURIComponent(lessonId));
      const next = new URLSearchParams(body).get('next');
      return Response.redirect(safeRedirectPath(next, url.pathname), 303);
    }
    if (userId) {
      await enqueue({
        userId,
        kind: 'form',
        label: 'quiz',
        url: url.href,
        body,
        contentType: copy.headers.get('content-type') ?? 'application/x-www-form-urlencoded',
      });
      return Response.redirect(QUIZ_SAVED_PAGE, 303);
    }
    return (await caches.match(OFFLINE_PAGE, CACHE_OPTIONS)) ?? Response.error();
  }
}

/**
 * Media from the network when there is one (the stored MP4 may be the sound alone); without one, the
 * downloaded file, answered in ranges as a video element asks.
 */
async function media(request: Request, url: URL): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const stored = await caches.match(url.pathname, CACHE_OPTIONS);
    return stored ? rangeResponse(request, stored) : Response.error();
  }
}

async function staticFile(request: Request): Promise<Response> {
  const stored = await caches.match(request, CACHE_OPTIONS);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/_app/immutable/')) {
    const copy = response.clone();
    caches.open(SHELL).then((c) => c.put(request, copy));
  }
  return response;
}

/** After signing out, nothing of the person's stays readable on a shared phone. */
async function forgetPerson() {
  await caches.delete(PAGES);
  await removeAllDownloads();
  await setCurrentUser('');
  await cacheShell();
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (!sameOrigin(url)) return;
  if (request.method === 'POST') {
    if (url.pathname === EVENTS_URL) event.respondWith(progressPost(request));
    else if (url.pathname === '/signout')
      event.respondWith(fetch(request).then(async (r) => (await forgetPerson(), r)));
    else if (url.pathname === '/language')
      event.respondWith(fetch(request).then((r) => (event.waitUntil(cacheShell()), r)));
    else if (
      request.mode === 'navigate' &&
      ((url.search === '?/submit' && url.pathname.startsWith('/quizzes/')) ||
        (url.search === '?/complete' && lessonIdOf(url)))
    ) {
      event.respondWith(formPost(request, url));
    }
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/media/') || url.pathname.startsWith('/api/media/uploads/'))
    event.respondWith(media(request, url));
  else if (url.pathname.startsWith('/api/')) return;
  else if (request.mode === 'navigate') event.respondWith(page(event, url));
  else if (url.pathname.startsWith('/_app/') || STATIC_FILES.has(url.pathname)) event.respondWith(staticFile(request));
  // Anything else a page fetches (a dashboard refreshing itself) goes to the network as usual.
});

// ---- What pages ask of the worker (the banner, the download button, the downloads page) ----
/** One send at a time: pages ask on load, on reconnect and on a timer, and may ask together. */
let sending: Promise<FlushResult> | null = null;
function flushOnce(userId: string, force?: boolean): Promise<FlushResult> {
  sending ??= flush(userId, force).finally(() => (sending = null));
  return sending;
}

async function status(): Promise<OutboxStatus> {
  const userId = await currentUser();
  const items = userId ? await pending(userId) : [];
  // When the next try is due, so that an open page can make it (a worker cannot keep a timer).
  const nextAttemptAt = items.length ? Math.min(...items.map((i) => i.nextAttemptAt)) : null;
  return {
    type: 'status',
    pending: items.length,
    quizzes: items.filter((i) => i.label === 'quiz').length,
    nextAttemptAt,
  };
}

async function handle(message: OfflineRequest, reply: (m: OfflineReply) => void) {
  switch (message.type) {
    case 'hello': {
      // A page that shows nobody signed in may be a stored one: it says nothing about who is.
      // Signing out is seen on its own (the POST to /signout).
      const before = await currentUser();
      if (message.userId && before !== message.userId) {
        if (before) {
          // Another person signed in on this device without the last one signing out: nothing of theirs stays readable.
          await caches.delete(PAGES);
          await removeAllDownloads();
        }
        await setCurrentUser(message.userId);
        await cacheShell(); // the offline pages, with this person's menu
      }
      const result = message.send === false ? null : await flushOnce(await currentUser());
      return reply({ ...result, ...(await status()) });
    }
    case 'flush': {
      const result = await flushOnce(await currentUser(), message.force);
      return reply({ ...result, ...(await status()) });
    }
    case 'download': {
      const userId = await currentUser();
      try {
        const record = await downloadModule(userId, message.moduleId, message.locale, message.media, (done, total) =>
          reply({ type: 'progress', done, total }),
        );
        return reply({ type: 'done', record });
      } catch (error) {
        return reply({ type: 'error', message: String((error as Error).message ?? error) });
      }
    }
    case 'downloads':
      return reply({ type: 'downloads', downloads: await listDownloads(await currentUser()) });
    case 'remove':
      await removeDownload(message.moduleId);
      return reply({ type: 'removed', moduleId: message.moduleId });
  }
}

sw.addEventListener('message', (event) => {
  const port = event.ports[0];
  const reply = (m: OfflineReply) => (port ? port.postMessage(m) : (event.source as Client | null)?.postMessage(m));
  event.waitUntil(
    handle(event.data as OfflineRequest, reply).catch((error) => reply({ type: 'error', message: String(error) })),
  );
});
