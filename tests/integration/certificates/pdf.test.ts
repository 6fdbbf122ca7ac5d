import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf, warmUpPdf } from '../../../server/modules/certificates/pdf.ts';
import { createQrPayload } from '../../../server/modules/certificates/qr-payload.ts';
import { extractVerifyUrls } from '../../../server/modules/certificates/pdf-extract.ts';
import { COURSE, NAMES, PUBLIC_URL, makeIssuer } from '../../unit/certificates/fixtures.ts';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(join(tmpdir(), 'lca-cert-pdf-'));
// Kept for a look when CERT_TEST_KEEP=1 (the PNGs show the shaping); removed otherwise.
t.teardown(() => {
  if (!process.env.CERT_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
});
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const letters = (s: string) => [...new Set([...s.replace(/\s/g, '')])];

// poppler-utils is a test prerequisite (CI installs it): without it these tests fail, they never skip.
t.test('poppler-utils is installed for the PDF checks', async (t) => {
  t.ok(hasPoppler, 'pdftoppm and pdftotext are needed: apt-get install -y poppler-utils');
});

t.test('a PDF for each of the four names', async (t) => {
  const { signingKey } = await makeIssuer();
  let t0 = performance.now();
  await warmUpPdf();
  t.comment(`fonts + compiler warm-up: ${(performance.now() - t0).toFixed(0)} ms`);
  for (const [lang, name] of Object.entries(NAMES)) {
    const q = createQrPayload(
      {
        certificateId: 'LCA-2026-000123',
        name,
        courseId: COURSE.id,
        courseTitle: COURSE.title,
        issuedOn: '2026-03-14',
      },
      { signingKey, publicUrl: PUBLIC_URL },
    );
    t0 = performance.now();
    const pdf = await renderCertificatePdf({
      name,
      courseTitle: COURSE.title,
      locale: lang,
      issuedOn: '2026-03-14',
      issuerName: 'Learning Cities Academy',
      certificateNumber: 'LCA-2026-000123',
      verifyUrl: q.url,
    });
    const ms = performance.now() - t0;
    t.comment(`${lang}: ${ms.toFixed(1)} ms, ${pdf.length} bytes`);
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const file = join(dir, `${lang}.pdf`);
    writeFileSync(file, pdf);

    const info = run('pdfinfo', [file]);
    t.match(info, /Pages:\s+1\b/);
    t.match(info, /Page size:\s+841\.8\d* x 595\.\d+ pts/, 'A4 landscape');
    t.ok(info.includes(name), `${lang}: exact name in the PDF title metadata`);

    const text = run('pdftotext', ['-layout', file, '-']);
    t.ok(text.includes(COURSE.title), 'course title in the text layer');
    t.ok(text.includes('LCA-2026-000123'), 'certificate number in the text layer');
    if (lang === 'vi' || lang === 'zh') {
      t.ok(text.normalize('NFC').includes(name), `${lang}: exact name found by pdftotext`);
    } else {
      // Poppler rebuilds Khmer clusters and right-to-left Arabic runs imperfectly from Typst's
      // ToUnicode data (it repeats the Khmer base consonant, splits the Arabic run); the
      // exact string is checked in the metadata above and the shaping by eye in the PNG.
      for (const ch of letters(name))
        t.ok(text.includes(ch), `${lang}: letter ${ch} U+${ch.codePointAt(0)!.toString(16)} in the text layer`);
    }
    t.same(extractVerifyUrls(pdf), [q.url], 'signed verify URL recoverable from the PDF bytes');

    run('pdftoppm', ['-png', '-r', '50', '-singlefile', file, join(dir, lang)]);
    const png = readFileSync(join(dir, `${lang}.png`));
    t.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    t.ok(statSync(join(dir, `${lang}.png`)).size > 5000, 'PNG is not blank');
  }
  if (process.env.CERT_TEST_KEEP) t.comment(`PDFs and PNGs left in ${dir}`);
});

t.test('user text is never Typst markup', async (t) => {
  const nasty = '#panic("boom") *bold* $x^2$ <l> @ref \\ ]} #read("/etc/passwd")';
  const pdf = await renderCertificatePdf({
    name: nasty,
    courseTitle: '= Heading _x_ `code`',
    locale: 'en',
    issuedOn: '2026-03-14',
    issuerName: 'Academy #1',
    certificateNumber: 'LCA-1',
    verifyUrl: 'https://academy.example.org/verify/LCA-1#p=a.b',
  });
  const file = join(dir, 'nasty.pdf');
  writeFileSync(file, pdf);
  const text = run('pdftotext', ['-raw', file, '-']);
  const flat = text.replace(/\s+/g, ' ');
  t.ok(flat.includes(nasty), 'name printed literally (line-wrapped, whitespace collapsed)');
  t.ok(text.includes('= Heading _x_ `code`'), 'course title printed literally');
  t.notOk(text.includes('root:'), 'no file read');
});

t.test('bad input is refused before Typst', async (t) => {
  const base = {
    name: 'A',
    courseTitle: 'B',
    locale: 'en',
    issuedOn: '2026-03-14',
    issuerName: 'C',
    certificateNumber: 'D',
    verifyUrl: 'https://x/verify/D#p=a.b',
  };
  await t.rejects(renderCertificatePdf({ ...base, issuedOn: '14/03/2026' }), /YYYY-MM-DD/);
  await t.rejects(renderCertificatePdf({ ...base, name: '  ' }), /name is required/);
});
