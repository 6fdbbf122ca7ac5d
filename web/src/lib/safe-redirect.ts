// Where a form or link may send someone next: only a path on this site, never another origin.
// Shared by the server actions and the service worker.

const BASE = 'http://same-origin.invalid';
// C0 and C1 controls (tab, CR, LF included: browsers drop them from URLs, so "/\t/evil" becomes "//evil"),
// DEL, the backslash (read as "/" by browsers) and anything outside Latin-1 (a header cannot carry it).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]|[^\u0000-\u00ff]/;

/** The target as a same-origin path (normalised and percent-encoded), or `fallback` for anything else. */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || UNSAFE.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // After normalisation the path must still be one path on this site (e.g. "/%2e%2e//evil" must not become "//evil").
  return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
