// On every page (about 1 KB): registers the service worker, tells it who is signed in, sends what waits
// in the device's outbox when the connection returns, and shows the offline banner with the count.
import type { AskOffline, OfflineReply } from './lib/offline-channel.ts';
import { fill, signedInUser } from './lib/page.ts';

if ('serviceWorker' in navigator && window.MessageChannel) {
  navigator.serviceWorker.register('/service-worker.js').catch(() => {});
  const banner = document.querySelector<HTMLElement>('[data-offline-banner]');
  const userId = signedInUser();
  let last: Extract<OfflineReply, { type: 'status' }> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const ask: AskOffline = (message, onReply) =>
    navigator.serviceWorker.ready.then((registration) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<OfflineReply>) => onReply?.(event.data);
      registration.active!.postMessage(message, [channel.port2]);
    });
  window.lcaOffline = { ask };

  const text = (name: string) => banner!.getAttribute(`data-msg-${name}`) || '';
  const show = (reply: OfflineReply | null) => {
    const status = reply?.type === 'status' ? reply : null;
    if (status) last = status;
    if (!banner) return;
    const parts: string[] = [];
    if (!navigator.onLine) parts.push(text('offline'));
    if (last?.pending) parts.push(fill(text('pending'), { count: last.pending }));
    if (last?.pending && last.needsSignIn) parts.push(text('signin'));
    if (!parts.length && status?.sent && !status.remaining) parts.push(text('sent'));
    banner.textContent = parts.join(' ');
    banner.hidden = !parts.length;
    // Try again when the backoff says (checking at least every 15 s), while this page is open.
    clearTimeout(timer);
    if (last?.pending && navigator.onLine) {
      const wait = last.nextAttemptAt ? last.nextAttemptAt - Date.now() : 5000;
      timer = setTimeout(() => ask({ type: 'flush' }, show), Math.min(15000, Math.max(1000, wait)));
    }
  };
  // Offline, "hello" only reports what waits: sending would fail and push the next try further away.
  ask({ type: 'hello', userId, send: navigator.onLine }, show);
  // Requests made the instant the network changes can fail (Chromium: ERR_NETWORK_CHANGED): wait a second.
  window.addEventListener('online', () => {
    show(null);
    setTimeout(() => ask({ type: 'flush', force: true }, show), 1000);
  });
  window.addEventListener('offline', () => show(null));
  if (!navigator.onLine) show(null);
}
