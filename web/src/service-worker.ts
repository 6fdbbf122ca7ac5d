/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Keeps certificate verification working without a network: once any verify page has been opened,
// /verify/<id> opens offline from a cached page that checks the QR payload's signature on the device.
import { build, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `verify-${version}`;
const OFFLINE_PAGE = '/verify/offline';
const SCAN_PAGE = '/verify';
const ASSETS = [OFFLINE_PAGE, SCAN_PAGE, '/verify-offline.js', '/favicon.svg', ...build.filter((f) => f.endsWith('.css'))];

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (event.request.mode === 'navigate' && url.pathname === SCAN_PAGE) {
    event.respondWith(fetch(event.request).catch(async () => (await caches.match(SCAN_PAGE)) ?? Response.error()));
    return;
  }
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/verify/')) {
    // Online: the live page (with the issuer's current answer). Offline: the cached on-device check.
    event.respondWith(fetch(event.request).catch(async () => (await caches.match(OFFLINE_PAGE)) ?? Response.error()));
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(event.request)));
  }
});
