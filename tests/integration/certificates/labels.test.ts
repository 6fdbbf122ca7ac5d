// The certificate PDF's printed labels in Indonesian: every label translated, printed on the page with an Indonesian date.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF_LABELS } from '../../../server/modules/certificates/labels.ts';
import { DEFAULT_LABELS, renderCertificatePdf } from '../../../server/modules/certificates/pdf.ts';
import { checkPrintedText } from '../../../server/modules/certificates/pdf-visible.ts';

t.test('every printed label exists in Indonesian, translated', async (t) => {
  const id = PDF_LABELS.id;
  t.ok(id, 'labels for id');
  t.same(Object.keys(id ?? {}).sort(), Object.keys(DEFAULT_LABELS).sort(), 'the same labels as English');
  for (const [key, english] of Object.entries(DEFAULT_LABELS)) {
    const text = id?.[key as keyof typeof DEFAULT_LABELS] ?? '';
    t.ok(text.trim().length > 0, `${key} is not empty`);
    t.not(text, english, `${key} is not left in English`);
  }
});

t.test('an Indonesian certificate prints its labels and an Indonesian date, and its name checks out', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lca-cert-id-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const name = 'Siti Nurhaliza Wulandari';
  const courseTitle = 'Kota Pembelajar 101: Membangun kota yang belajar bersama';
  const pdf = await renderCertificatePdf({
    name,
    courseTitle,
    locale: 'id',
    issuedOn: '2026-03-14',
    issuerName: 'Learning Cities Academy',
    certificateNumber: 'a1b2c3d4e5f6a7b8c9d0',
    verifyUrl: 'https://academy.example.org/verify/a1b2c3d4e5f6a7b8c9d0',
    labels: PDF_LABELS.id,
  });
  const file = join(dir, 'id.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const label of ['title', 'certifies', 'completed', 'issued', 'number'] as const) {
    t.ok(text.includes(PDF_LABELS.id?.[label] ?? '(no Indonesian label)'), `"${label}" printed in Indonesian`);
  }
  t.ok(text.includes('14 Maret 2026'), 'the date is written in Indonesian (Intl, long form)');
  t.same(
    await checkPrintedText(pdf, { name, courseTitle }),
    { status: 'match' },
    'the printed name and course match the signed ones',
  );
});
