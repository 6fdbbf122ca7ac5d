// Workshop dashboard: every 15 seconds while the tab is visible, fetch the page again and swap in its #live region.
// Paused while the tab is hidden; refreshed at once when it comes back. Without JavaScript the page has a Refresh link.
(() => {
  const INTERVAL_MS = 15000;
  const region = document.getElementById('live');
  if (!region) return;
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    if (document.visibilityState === 'visible') timer = setTimeout(refresh, INTERVAL_MS);
  };
  async function refresh() {
    try {
      const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
      if (res.ok) {
        const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('live');
        if (fresh) region.replaceChildren(...Array.from(fresh.childNodes, (n) => document.importNode(n, true)));
      }
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    schedule();
  }
  document.addEventListener('visibilitychange', () => (document.visibilityState === 'visible' ? refresh() : clearTimeout(timer)));
  schedule();
})();
