// Does a certificate PDF show the name and course its QR code signs?
//
// The verifier renders the signed name and course title with our own template and fonts, and
// compares the glyphs (outline hashes, see pdf-glyphs.ts) the PDF prints at the name's and the
// course's size with the ones the renderer makes. Comparing glyphs, not extracted text, works for
// every script (Khmer clusters, Arabic joining forms, CJK) and needs no network.
//
// What it proves: the PDF's printed name (and course) is exactly the signed one, as our renderer
// draws it. What it does not: a PDF built to fool this check (the name drawn as an image, text
// hidden under other text). The CLI therefore always prints the signed name for a person to
// compare with the paper, and a PDF whose name it cannot read is "not confirmed", never valid.
import { COURSE_SIZE, NAME_SIZE, renderCertificatePdf } from './pdf.ts';
import { documentLanguage, shownGlyphs, type ShownGlyph } from './pdf-glyphs.ts';

export type VisibleCheck =
  | { status: 'match' }
  | { status: 'differs'; field: 'name' | 'course'; printedText: string }
  | { status: 'unreadable'; reason: string };

const atSize = (glyphs: ShownGlyph[], size: number) => glyphs.filter((g) => Math.abs(g.size - size) < 0.01 && !g.blank);
const sameIds = (a: ShownGlyph[], b: ShownGlyph[]) => a.length === b.length && a.every((g, i) => g.id === b[i].id);

/** Whitespace runs become one space (line breaks in a PDF are not characters). */
/** The languages certificates are printed in (labels.ts); 'en' also stands for any left-to-right page. */
const PAGE_LANGUAGES = ['en', 'ar', 'zh', 'km', 'vi', 'ru', 'fr', 'es', 'id'];

export const normaliseVisible = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/**
 * The QR code carries the title cut to a few words and "…". The printed (full) title must contain
 * the cut title's glyphs, leaving out the ellipsis and the two glyphs either side of it, whose
 * joining forms change where the text is cut. Glyphs are in drawing order, so in right-to-left
 * text the ellipsis comes first: both sides of it are looked for.
 */
function containsStartOf(printed: ShownGlyph[], shortenedTitle: ShownGlyph[]): boolean {
  let at = shortenedTitle.findIndex((g) => g.text === '…');
  if (at < 0) at = shortenedTitle.length;
  const parts = [shortenedTitle.slice(0, Math.max(0, at - 2)), shortenedTitle.slice(at + 3)].filter(
    (p) => p.length > 0,
  );
  const ids = printed.map((g) => g.id).join(' ');
  return parts.length > 0 && parts.every((p) => ` ${ids} `.includes(` ${p.map((g) => g.id).join(' ')} `));
}

export async function checkPrintedText(
  pdf: Buffer,
  signed: { name: string; courseTitle: string },
): Promise<VisibleCheck> {
  const printed = shownGlyphs(pdf);
  const printedName = atSize(printed, NAME_SIZE);
  if (printedName.length === 0)
    return {
      status: 'unreadable',
      reason:
        'no text at the size of the name: this PDF was not made by this platform or was re-saved by another program',
    };
  const printedCourse = atSize(printed, COURSE_SIZE);
  const shortened = signed.courseTitle.endsWith('…');
  // Shaping and line direction depend on the text language of the page, which the PDF does not
  // record reliably: try the platform's languages (the recorded one first) until one matches.
  const langs = [...new Set([documentLanguage(pdf) ?? 'en', ...PAGE_LANGUAGES])];
  let nameSeen = false;
  for (const lang of langs) {
    const expected = shownGlyphs(
      await renderCertificatePdf({
        name: normaliseVisible(signed.name),
        courseTitle: normaliseVisible(signed.courseTitle),
        locale: lang,
        issuedOn: '2000-01-01',
        issuerName: '-',
        certificateNumber: '-',
        verifyUrl: 'https://verifier.invalid/verify/-',
        labels: lang === 'en' ? undefined : {},
      }),
    );
    if (!sameIds(printedName, atSize(expected, NAME_SIZE))) continue;
    nameSeen = true;
    const wanted = atSize(expected, COURSE_SIZE);
    if (shortened ? containsStartOf(printedCourse, wanted) : sameIds(printedCourse, wanted)) return { status: 'match' };
  }
  return nameSeen
    ? { status: 'differs', field: 'course', printedText: printedCourse.map((g) => g.text).join('') }
    : { status: 'differs', field: 'name', printedText: printedName.map((g) => g.text).join('') };
}
