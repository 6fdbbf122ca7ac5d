// File sizes as people read them, in the page's language: the video's size on the module page (server-rendered)
// and the download sizes the browser script writes (web/src/client/downloads.ts) come from here.

/**
 * A size in megabytes (1 MB = 1,000,000 bytes) with at most one decimal ("12.3 MB", "12,3 Mo");
 * `fixed` always writes the decimal ("12.0 MB"), so a size that changes during a download does not jump in width.
 */
export function formatMegabytes(bytes: number, locale: string, { fixed = false } = {}): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
    minimumFractionDigits: fixed ? 1 : 0,
  }).format(bytes / 1e6);
}
