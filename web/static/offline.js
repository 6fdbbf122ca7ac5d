// On every page (about 1 KB): registers the service worker, tells it who is signed in, sends what waits
// in the device's outbox when the connection returns, and shows the offline banner with the count.
(function () {
  if (!('serviceWorker' in navigator) || !window.MessageChannel) return;
  navigator.serviceWorker.register('/service-worker.js').catch(function () {});
  var banner = document.querySelector('[data-offline-banner]');
  var userId = banner ? banner.getAttribute('data-user') || '' : '';
  var last = null;
  var timer;

  function ask(message, onReply) {
    return navigator.serviceWorker.ready.then(function (registration) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { if (onReply) onReply(event.data); };
      registration.active.postMessage(message, [channel.port2]);
    });
  }
  window.lcaOffline = { ask: ask };

  function text(name) { return banner.getAttribute('data-msg-' + name) || ''; }
  function show(status) {
    if (status && status.type === 'status') last = status;
    if (!banner) return;
    var parts = [];
    if (!navigator.onLine) parts.push(text('offline'));
    if (last && last.pending) parts.push(text('pending').replace('{count}', last.pending));
    if (last && last.pending && last.needsSignIn) parts.push(text('signin'));
    if (!parts.length && status && status.sent && !status.remaining) parts.push(text('sent'));
    banner.textContent = parts.join(' ');
    banner.hidden = !parts.length;
    // Try again when the backoff says (checking at least every 15 s), while this page is open.
    clearTimeout(timer);
    if (last && last.pending && navigator.onLine) {
      var wait = last.nextAttemptAt ? last.nextAttemptAt - Date.now() : 5000;
      timer = setTimeout(function () { ask({ type: 'flush' }, show); }, Math.min(15000, Math.max(1000, wait)));
    }
  }
  // Offline, "hello" only reports what waits: sending would fail and push the next try further away.
  ask({ type: 'hello', userId: userId, send: navigator.onLine }, show);
  // Requests made the instant the network changes can fail (Chromium: ERR_NETWORK_CHANGED): wait a second.
  window.addEventListener('online', function () {
    show(null);
    setTimeout(function () { ask({ type: 'flush', force: true }, show); }, 1000);
  });
  window.addEventListener('offline', function () { show(null); });
  if (!navigator.onLine) show(null);
})();
