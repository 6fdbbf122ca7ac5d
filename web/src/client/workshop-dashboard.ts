// Workshop dashboard: every 15 seconds while the tab is visible, fetch the page again and bring its #live region up
// to date in place. Only text and attributes that changed are touched, so the reader keeps their place: the tables'
// sideways scroll, the focused element and the quizzes they opened stay as they were.
// Paused while the tab is hidden; refreshed at once when it comes back. Without JavaScript the page has a Refresh link.
const INTERVAL_MS = 15000;
const region = document.getElementById('live');

// Attributes the reader changes: a <details> they opened or closed keeps its state.
const readerOwned = (el: Element, name: string) => el.tagName === 'DETAILS' && name === 'open';
const keyOf = (node: Node) => (node instanceof Element ? node.getAttribute('data-key') : null);
const same = (a: Node, b: Node) => a.nodeType === b.nodeType && a.nodeName === b.nodeName && keyOf(a) === keyOf(b);

function syncAttributes(el: Element, fresh: Element) {
  for (const { name } of Array.from(el.attributes))
    if (!fresh.hasAttribute(name) && !readerOwned(el, name)) el.removeAttribute(name);
  for (const { name, value } of Array.from(fresh.attributes))
    if (el.getAttribute(name) !== value && !readerOwned(el, name)) el.setAttribute(name, value);
}

/** Makes `el`'s children match `fresh`'s, reusing every node that is still the same kind (and row). */
function morphChildren(el: Node, fresh: Node) {
  const current = Array.from(el.childNodes);
  const wanted = Array.from(fresh.childNodes);
  wanted.forEach((node, i) => {
    const old = current[i];
    if (old && same(old, node)) morph(old, node);
    else if (old) el.replaceChild(document.importNode(node, true), old);
    else el.appendChild(document.importNode(node, true));
  });
  for (const extra of current.slice(wanted.length)) el.removeChild(extra);
}

function morph(el: Node, fresh: Node) {
  if (el.nodeType === Node.TEXT_NODE || el.nodeType === Node.COMMENT_NODE) {
    if (el.nodeValue !== fresh.nodeValue) el.nodeValue = fresh.nodeValue;
    return;
  }
  syncAttributes(el as Element, fresh as Element);
  morphChildren(el, fresh);
}

if (region) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    if (document.visibilityState === 'visible') timer = setTimeout(refresh, INTERVAL_MS);
  };
  const refresh = async () => {
    try {
      const res = await fetch(location.href, {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (res.ok) {
        const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('live');
        if (fresh) morphChildren(region, fresh);
      }
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    schedule();
  };
  document.addEventListener('visibilitychange', () =>
    document.visibilityState === 'visible' ? refresh() : clearTimeout(timer),
  );
  schedule();
}
