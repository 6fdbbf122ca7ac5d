// Finds the signed verify URL inside a certificate PDF without any PDF library: the Typst
// output carries it uncompressed as the link annotation's /URI and in the /Keywords metadata.
// Compressed streams (object streams, XMP) are inflated as a fallback.
import { inflateSync } from 'node:zlib';

const URL_RE = /https?:\/\/[^\s()<>\\]+\/verify\/[A-Za-z0-9._%-]+#p=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

function unescapePdfString(s: string): string {
  return s.replace(/\\([()\\])/g, '$1');
}

export function extractVerifyUrls(pdf: Buffer): string[] {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return [];
  const found = new Set<string>();
  const scan = (text: string) => {
    for (const m of unescapePdfString(text).matchAll(URL_RE)) found.add(m[0]);
  };
  const raw = pdf.toString('latin1');
  scan(raw);
  if (found.size === 0) {
    let pos = 0;
    for (;;) {
      const i = raw.indexOf('stream', pos);
      if (i < 0) break;
      let start = i + 6;
      if (raw[start] === '\r') start++;
      if (raw[start] === '\n') start++;
      const end = raw.indexOf('endstream', start);
      if (end < 0) break;
      if (raw.slice(i - 3, i) !== 'end') {
        try {
          scan(inflateSync(pdf.subarray(start, end)).toString('latin1'));
        } catch {
          /* not a Flate stream */
        }
      }
      pos = end + 9;
    }
  }
  return [...found];
}
