// `npm run cert:verify` against forgeries: a genuine QR code on a PDF printing another name or
// course, a code moved under another address, a tampered payload, and the issuer it trusts.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicKeySet } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { PDF_LABELS } from '../../../server/modules/certificates/labels.ts';
import { renderCertificatePdf } from '../../../server/modules/certificates/pdf.ts';
import { createQrPayload } from '../../../server/modules/certificates/qr-payload.ts';
import { COURSE, ISSUER_URL, NAMES, makeIssuer } from '../../unit/certificates/fixtures.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lca-cert-forgery-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cert-verify.ts', ...args], {
    cwd: root,
    env: { ...process.env, PUBLIC_URL: ISSUER_URL, DATA_DIR: dir, CERT_ISSUER_KEYS: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const ISSUED_ON = '2026-03-14';
const TITLES: Record<string, string> = {
  en: COURSE.title,
  km: 'ទីក្រុងសិក្សា ១០១៖ ការកសាងទីក្រុងដែលរៀនជាមួយគ្នា',
  ar: 'مدن التعلم 101: بناء مدينة تتعلم معًا',
  zh: '学习型城市 101：共同学习的城市',
};

const issuer = await makeIssuer();
const keysFile = join(dir, 'keys.json');
writeFileSync(keysFile, JSON.stringify(publicKeySet(issuer.keyring)));

/** A certificate as the platform renders it: the QR signs `signed`, the page prints `printed`. */
async function certificatePdf(
  file: string,
  locale: string,
  signed: { name: string; courseTitle: string },
  printed = signed,
  opts = { publicUrl: ISSUER_URL, signingKey: issuer.signingKey },
) {
  const q = createQrPayload(
    {
      certificateId: 'a1b2c3d4e5f6a7b8c9d0',
      name: signed.name,
      courseId: COURSE.id,
      courseTitle: signed.courseTitle,
      issuedOn: ISSUED_ON,
    },
    opts,
  );
  const pdf = await renderCertificatePdf({
    name: printed.name,
    courseTitle: printed.courseTitle,
    locale,
    issuedOn: ISSUED_ON,
    issuerName: 'Learning Cities Academy',
    certificateNumber: 'a1b2c3d4e5f6a7b8c9d0',
    verifyUrl: q.url,
    labels: PDF_LABELS[locale],
  });
  const path = join(dir, file);
  writeFileSync(path, pdf);
  return { path, url: q.url };
}

// Each case spawns the real script (a second or more each); pdf-visible.test.ts covers more scripts in-process.
t.test('a genuine certificate is valid and shows the signed name, course and issuer', async (t) => {
  for (const [locale, name] of [
    ['km', NAMES.km],
    ['ar', NAMES.ar],
  ] as const) {
    const { path } = await certificatePdf(`genuine-${locale}.pdf`, locale, { name, courseTitle: TITLES[locale] });
    const r = cli([path, '--keys', keysFile]);
    t.equal(r.code, 0, `${locale}: exit 0\n${r.out}`);
    t.match(r.out, /^VALID/, locale);
    t.match(r.out, /printed name and course match the signed ones/, locale);
    t.match(r.out, new RegExp(`signed name:\\s+${name}\\n`), `${locale}: prints the signed name`);
    t.match(r.out, /signed course:\s+\S/, `${locale}: prints the signed course`);
    t.match(
      r.out,
      /signed by:\s+https:\/\/academy\.example\.org \(key https:\/\/academy\.example\.org\/issuer#key-1\)/,
      `${locale}: prints the issuer`,
    );
  }
});

t.test("a PDF printing another name with someone's genuine QR code is not valid", async (t) => {
  for (const [locale, name] of [
    ['ar', NAMES.ar],
    ['en', 'Ana María O’Neil'],
  ] as const) {
    const signed = { name, courseTitle: TITLES[locale] };
    const { path } = await certificatePdf(`forged-${locale}.pdf`, locale, signed, {
      ...signed,
      name: 'Mallory Forger',
    });
    const r = cli([path, '--keys', keysFile]);
    t.equal(r.code, 1, `${locale}: exit 1\n${r.out}`);
    t.match(r.out, /^NOT VALID[\s\S]*prints another name than the one signed/, locale);
    t.match(r.out, /printed name \(as the PDF's text reads\): MalloryForger/, locale);
    t.match(r.out, new RegExp(`signed name:\\s+${name}\\n`), `${locale}: says whose name was signed`);
  }
});

t.test('a PDF printing another course than the signed one is not valid', async (t) => {
  const signed = { name: NAMES.vi, courseTitle: 'Learning Cities 101' };
  const { path } = await certificatePdf('forged-course.pdf', 'vi', signed, {
    ...signed,
    courseTitle: 'Advanced Urban Governance',
  });
  const r = cli([path, '--keys', keysFile]);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /prints another course than the one signed/);
});

t.test('the issuer: a code under another address, other keys, --issuer and PUBLIC_URL', async (t) => {
  const { url } = await certificatePdf('for-url.pdf', 'en', { name: NAMES.vi, courseTitle: COURSE.title });
  const evilUrl = url.replace(ISSUER_URL, 'https://evil.example');

  let r = cli([url, '--keys', keysFile]);
  t.equal(r.code, 0, `genuine code, issuer from PUBLIC_URL\n${r.out}`);
  t.match(r.out, /expected issuer: https:\/\/academy\.example\.org/);

  r = cli([evilUrl, '--keys', keysFile]);
  t.equal(r.code, 1, 'genuine signature under another address');
  t.match(r.out, /the code points to https:\/\/evil\.example, not to the issuer https:\/\/academy\.example\.org/);
  t.match(r.out, new RegExp(`signed name:\\s+${NAMES.vi}`));

  r = cli([evilUrl, '--keys', keysFile, '--issuer', 'https://evil.example']);
  t.equal(r.code, 1, 'trusting evil.example does not make our keys theirs');
  t.match(
    r.out,
    /holds no key of the expected issuer https:\/\/evil\.example; it has keys of https:\/\/academy\.example\.org/,
  );

  r = cli([url, '--keys', keysFile], { PUBLIC_URL: 'https://other-academy.example' });
  t.equal(r.code, 1, 'another install (PUBLIC_URL) does not trust these keys');
  r = cli([url, '--keys', keysFile, '--issuer', `${ISSUER_URL}/`]);
  t.equal(r.code, 0, '--issuer overrides PUBLIC_URL (trailing slash allowed)');

  // A certificate of another issuer verifies only when that issuer is the one trusted.
  const evil = await makeIssuer('https://evil.example');
  const evilKeys = join(dir, 'evil-keys.json');
  writeFileSync(evilKeys, JSON.stringify(publicKeySet(evil.keyring)));
  const theirs = await certificatePdf('evil.pdf', 'en', { name: NAMES.vi, courseTitle: COURSE.title }, undefined, {
    publicUrl: 'https://evil.example',
    signingKey: evil.signingKey,
  });
  t.equal(cli([theirs.path, '--keys', evilKeys]).code, 1, 'not valid for this install');
  r = cli([theirs.path, '--keys', evilKeys, '--issuer', 'https://evil.example']);
  t.equal(r.code, 0, 'valid when that issuer is named');
  t.match(r.out, /signed by:\s+https:\/\/evil\.example \(key https:\/\/evil\.example\/issuer#key-1\)/);
});

t.test('a tampered payload is not valid', async (t) => {
  const { url } = await certificatePdf('for-tamper.pdf', 'en', { name: 'Ana', courseTitle: COURSE.title });
  const [head, payload] = url.split('#p=');
  const body = Buffer.from(payload.split('.')[0], 'base64url').toString('utf8').replace('Ana', 'Mal');
  const tampered = `${head}#p=${Buffer.from(body, 'utf8').toString('base64url')}.${payload.split('.')[1]}`;
  const r = cli([tampered, '--keys', keysFile]);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /signature does not match/);
});

t.test('a PDF whose printed name cannot be read is not confirmed (exit 3), and says what to check', async (t) => {
  const { url } = await certificatePdf('for-bare.pdf', 'en', { name: NAMES.vi, courseTitle: COURSE.title });
  // A PDF that carries the signed link but draws no text (as a scan or an image would).
  const bare = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Annots [4 0 R] >> endobj\n4 0 obj << /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (${url}) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  const path = join(dir, 'bare.pdf');
  writeFileSync(path, bare);
  const r = cli([path, '--keys', keysFile]);
  t.equal(r.code, 3, r.out);
  t.match(r.out, /^SIGNATURE VALID, PRINTED NAME NOT CONFIRMED[\s\S]*Check by eye[\s\S]*signed name:\s+Nguyễn/);
});
