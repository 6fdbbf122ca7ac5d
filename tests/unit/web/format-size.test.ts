// Sizes on the module page (server-rendered) and in the downloads script (web/src/client/downloads.ts) come from here.
import t from 'tap';
import { formatMegabytes } from '../../../web/src/lib/format-size.ts';

t.test('a size in megabytes in the page language, one decimal at most', async (t) => {
  t.equal(formatMegabytes(12_345_678, 'en'), '12.3 MB');
  t.equal(formatMegabytes(12_000_000, 'en'), '12 MB');
  t.match(formatMegabytes(12_345_678, 'fr'), /^12,3\sMo$/, 'French: decimal comma, a (no-break) space, Mo');
});

t.test('fixed always writes the decimal (a download in progress does not change width)', async (t) => {
  t.equal(formatMegabytes(12_000_000, 'en', { fixed: true }), '12.0 MB');
  t.equal(formatMegabytes(0, 'en', { fixed: true }), '0.0 MB');
});
