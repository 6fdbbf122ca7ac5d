// Certificate PDF through Typst (@myriaddreamin/typst-ts-node-compiler). The fonts are the Noto
// TTF files from the installed @expo-google-fonts packages, passed as buffers; the data goes
// in through sys.inputs (see certificate.typ), never interpolated into markup.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { qrSvg as makeQrSvg } from './qr-payload.ts';
import { PROJECT_ROOT } from '../../shared/project-files.ts';

const require = createRequire(import.meta.url);

export type CertificatePdfInput = {
  name: string;
  courseTitle: string;
  /** BCP 47 locale for the labels' language and the date format, e.g. 'km', 'ar', 'zh-CN', 'vi'. */
  locale: string;
  /** ISO date YYYY-MM-DD. */
  issuedOn: string;
  issuerName: string;
  certificateNumber: string;
  /** Full verification URL (with the signed #p= payload): linked, embedded as PDF metadata. */
  verifyUrl: string;
  /** Pre-rendered QR SVG; when absent, `qrPayload` (or else verifyUrl) is encoded. */
  qrSvg?: string;
  qrPayload?: string;
  /** Printed labels, already translated into `locale` by the caller; English when absent. */
  labels?: Partial<CertificateLabels>;
};

export type CertificateLabels = {
  title: string;
  certifies: string;
  completed: string;
  issued: string;
  number: string;
  issuer: string;
  verify: string;
  scan: string;
};

export const DEFAULT_LABELS: CertificateLabels = {
  title: 'Certificate of Completion',
  certifies: 'This certifies that',
  completed: 'has successfully completed the course',
  issued: 'Issued',
  number: 'Certificate no.',
  issuer: 'Issuer',
  verify: 'Verify at',
  scan: 'Scan to verify',
};

// ---------------------------------------------------------------- fonts and compiler (lazy, shared)

const FONT_FILES = [
  ['noto-sans', 'NotoSans', ['400Regular', '700Bold']],
  ['noto-sans-khmer', 'NotoSansKhmer', ['400Regular', '700Bold']],
  ['noto-sans-arabic', 'NotoSansArabic', ['400Regular', '700Bold']],
  ['noto-sans-sc', 'NotoSansSC', ['400Regular', '700Bold']],
] as const;

export function fontPaths(): string[] {
  const out: string[] = [];
  for (const [pkg, prefix, weights] of FONT_FILES) {
    const root = dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
    for (const w of weights) out.push(join(root, w, `${prefix}_${w}.ttf`));
  }
  return out;
}

let compiler: Promise<NodeCompiler> | null = null;
let template: string | null = null;

/**
 * The one Typst compiler with the Noto fonts, shared by every PDF this server makes (certificates, action plans).
 * Loaded with the first PDF: serving pages needs neither the compiler nor its fonts in memory.
 */
export function getCompiler(): Promise<NodeCompiler> {
  compiler ??= import('@myriaddreamin/typst-ts-node-compiler').then(({ NodeCompiler }) =>
    NodeCompiler.create({ fontArgs: [{ fontBlobs: fontPaths().map((p) => readFileSync(p)) }] }),
  );
  return compiler;
}

function getTemplate(): string {
  template ??= readFileSync(join(PROJECT_ROOT, 'server/modules/certificates/certificate.typ'), 'utf8');
  return template;
}

/** Loads fonts and parses the template ahead of the first request (~0.2 s). */
export async function warmUpPdf(): Promise<void> {
  await getCompiler();
  getTemplate();
}

// ---------------------------------------------------------------- render

/**
 * Font sizes (pt) of the name and the course title. No other text on the page uses them, so the
 * offline verifier (pdf-visible.ts) finds the printed name and course by size.
 */
export const NAME_SIZE = 34;
export const COURSE_SIZE = 20;

const RTL_LANGS = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function formatDate(iso: string, locale: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  } catch {
    return iso;
  }
}

function langOf(locale: string): string {
  const l = locale.toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(l) ? l : 'en';
}

/** Visible short form of the verify URL: origin + path, without the signed fragment. */
function displayUrl(verifyUrl: string): string {
  try {
    const u = new URL(verifyUrl);
    return `${u.host}${u.pathname}`;
  } catch {
    return verifyUrl.split('#')[0];
  }
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const m = DATE_RE.exec(input.issuedOn);
  if (!m) throw new Error(`issuedOn must be YYYY-MM-DD: ${input.issuedOn}`);
  for (const k of ['name', 'courseTitle', 'issuerName', 'certificateNumber', 'verifyUrl'] as const) {
    if (typeof input[k] !== 'string' || input[k].trim() === '') throw new Error(`${k} is required`);
  }
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const qr = input.qrSvg ?? (await makeQrSvg(input.qrPayload ?? input.verifyUrl));
  const inputs: Record<string, string> = {
    name: input.name.normalize('NFC'),
    courseTitle: input.courseTitle.normalize('NFC'),
    issuerName: input.issuerName,
    certificateNumber: input.certificateNumber,
    verifyUrl: input.verifyUrl,
    verifyDisplay: displayUrl(input.verifyUrl),
    issuedOn: input.issuedOn,
    issuedOnText: formatDate(input.issuedOn, input.locale),
    // A date written in an RTL locale keeps its own order inside an LTR page (and vice versa).
    dateDir: RTL_LANGS.has(langOf(input.locale)) ? 'rtl' : 'ltr',
    // Layout direction follows the labels' language: English defaults stay left-to-right even
    // for an Arabic locale; translated Arabic labels (labels given) mirror the page.
    lang: input.labels ? langOf(input.locale) : 'en',
    docTitle: `${labels.title}: ${input.name} — ${input.courseTitle}`,
    qrSvg: qr,
    labelTitle: labels.title,
    labelCertifies: labels.certifies,
    labelCompleted: labels.completed,
    labelIssued: labels.issued,
    labelNumber: labels.number,
    labelIssuer: labels.issuer,
    labelVerify: labels.verify,
    labelScan: labels.scan,
    nameSize: String(NAME_SIZE),
    courseSize: String(COURSE_SIZE),
  };
  const c = await getCompiler();
  const result = c.compile({ mainFileContent: getTemplate(), inputs });
  const err = result.takeError();
  if (err || !result.result) {
    const diags = err ? c.fetchDiagnostics(err) : [];
    throw new Error(`typst failed: ${JSON.stringify(diags).slice(0, 1000)}`);
  }
  return c.pdf(result.result);
}
