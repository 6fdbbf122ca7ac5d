// npx tsx scripts/cert-verify.ts <file.pdf | credential.json | qr-text> [--keys issuer-keys.json] [--issuer URL]
// Offline check of a certificate: a PDF (its embedded signed verify URL, and the name and course it
// prints), an Open Badges 3.0 credential (Data Integrity proof), or the text of the QR code. No network.
//
// --keys    the issuer keyring file, a public key set ({issuerUrl, keys:[…]}), the issuer's controller
//           document, a Multikey or a JWK (set). Default: CERT_ISSUER_KEYS, else this install's
//           DATA_DIR/keys/issuer-keys.json when it exists.
// --issuer  the issuer you trust (its public address). Default: this install's PUBLIC_URL. Only keys of
//           this issuer count, and a QR code must point to it: the address in a QR code is not signed,
//           so a code under another address is refused even when the signature checks.
//
// Exit code: 0 valid; 1 not valid (bad signature, another issuer, or the PDF prints another name or
// course than the signed one); 2 usage or unreadable input; 3 the signature is valid but the PDF's
// printed name could not be read to compare (made or re-saved by another program): look at the paper.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { parsePublicKeys } from '../server/modules/certificates/issuer-key-documents.ts';
import { controllerId, normaliseIssuerUrl, type IssuerPublicKey } from '../server/modules/certificates/issuer-keys.ts';
import { verifyCredential } from '../server/modules/certificates/credential.ts';
import { verifyQrPayload, type QrFields } from '../server/modules/certificates/qr-payload.ts';
import { extractVerifyUrls } from '../server/modules/certificates/pdf-extract.ts';
import { checkPrintedText } from '../server/modules/certificates/pdf-visible.ts';

const usage =
  'Usage: npx tsx scripts/cert-verify.ts <file.pdf | credential.json | qr-text> [--keys issuer-keys.json] [--issuer https://academy.example.org]';

function die(msg: string): never {
  console.error(`${msg}\n${usage}`);
  process.exit(2);
}

let values: { keys?: string; issuer?: string };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    options: { keys: { type: 'string' }, issuer: { type: 'string' } },
    allowPositionals: true,
  }));
} catch (err) {
  die((err as Error).message);
}
if (positionals.length !== 1) die('Give exactly one PDF, JSON file or QR text.');
const target = positionals[0];

let config: ReturnType<typeof loadConfig> | undefined;
try {
  config = loadConfig();
} catch {
  config = undefined; // a broken server configuration need not stop an offline check given --keys and --issuer
}

let issuer: string;
try {
  const given = values.issuer ?? config?.publicUrl;
  if (!given) die('Give the issuer you trust with --issuer https://… (PUBLIC_URL is not usable here).');
  issuer = normaliseIssuerUrl(new URL(given).href);
} catch (err) {
  die(`--issuer must be an http(s) address such as https://academy.example.org: ${(err as Error).message}`);
}

const installKeys = config ? join(config.dataDir, 'keys', 'issuer-keys.json') : undefined;
const keysPath =
  values.keys || process.env.CERT_ISSUER_KEYS || (installKeys && existsSync(installKeys) ? installKeys : undefined);
if (!keysPath) die('Give the issuer public keys with --keys (or CERT_ISSUER_KEYS).');

let allKeys: IssuerPublicKey[];
try {
  allKeys = await parsePublicKeys(JSON.parse(readFileSync(keysPath, 'utf8')));
} catch (err) {
  die(`Cannot read keys from ${keysPath}: ${(err as Error).message}`);
}
// Only the trusted issuer's keys: a key file may hold several issuers' keys.
const keys = allKeys.filter((k) => k.controller === controllerId(issuer));
const keyIssuers = [...new Set(allKeys.map((k) => k.controller.replace(/\/issuer$/, '')))];

function report(code: 0 | 1 | 3, headline: string, lines: string[]): never {
  console.log(headline);
  for (const l of lines) console.log(`  ${l}`);
  process.exit(code);
}

function noKeysLines(): string[] {
  return keys.length > 0
    ? []
    : [
        `reason: ${keysPath} holds no key of the expected issuer ${issuer}; it has keys of ${keyIssuers.join(', ') || 'no issuer'}.` +
          (keyIssuers.length ? ` If you trust that issuer, add --issuer ${keyIssuers[0]}` : ''),
      ];
}

/** The address a QR URL points to (everything before /verify/), or null for the bare `<id>#p=…` form. */
function qrOrigin(text: string): string | null {
  const i = text.trim().lastIndexOf('/verify/');
  return i < 0 ? null : text.trim().slice(0, i);
}

function signedLines(f: Partial<QrFields>): string[] {
  return [
    `signed name:    ${f.name ?? '?'}`,
    `signed course:  ${f.courseTitle ?? '?'} (${f.courseId ?? '?'})`,
    `issued on:      ${f.issuedOn ?? '?'}`,
    `certificate:    ${f.certificateId ?? '?'}`,
    `signed by:      ${f.keyId && !f.keyId.startsWith('#') ? `${f.keyId.replace(/\/issuer#.*$/, '')} (key ${f.keyId})` : '?'}`,
  ];
}

/** Checks QR text; returns the signed fields when valid for the expected issuer, else reports and exits. */
function checkQr(text: string, source: string): QrFields {
  const head = [`checked: signed QR payload (${source})`, `expected issuer: ${issuer}`];
  if (keys.length === 0) report(1, 'NOT VALID', [...head, ...noKeysLines()]);
  const r = verifyQrPayload(text, keys);
  if (!r.valid) report(1, 'NOT VALID', [...head, `reason: ${r.reason}`, ...(r.fields ? signedLines(r.fields) : [])]);
  const origin = qrOrigin(text);
  if (origin !== null && origin !== issuer) {
    report(1, 'NOT VALID', [
      ...head,
      `reason: the code points to ${origin}, not to the issuer ${issuer}. The address in a code is not signed: a genuine certificate's code points to its issuer, so this one was altered or copied onto another site`,
      ...signedLines(r.fields),
    ]);
  }
  return r.fields;
}

const isFile = existsSync(target);
if (
  isFile &&
  (target.toLowerCase().endsWith('.pdf') || readFileSync(target).subarray(0, 5).toString('latin1') === '%PDF-')
) {
  const pdf = readFileSync(target);
  const urls = extractVerifyUrls(pdf);
  if (urls.length === 0) report(1, 'NOT VALID', ['checked: PDF', 'reason: no signed verify URL found in this PDF']);
  if (urls.length > 1)
    report(1, 'NOT VALID', ['checked: PDF', `reason: ${urls.length} different verify URLs in one PDF`, ...urls]);
  const f = checkQr(urls[0], `from PDF ${target}`);
  const head = [
    `checked: signed QR payload and the printed name and course (PDF ${target})`,
    `expected issuer: ${issuer}`,
  ];
  const printed = await checkPrintedText(pdf, f);
  if (printed.status === 'differs') {
    const what = printed.field === 'name' ? 'name' : 'course';
    report(1, 'NOT VALID', [
      ...head,
      `reason: the PDF prints another ${what} than the one signed in its QR code: this PDF was altered or forged`,
      `printed ${what} (as the PDF's text reads): ${printed.printedText}`,
      ...signedLines(f),
    ]);
  }
  if (printed.status === 'unreadable') {
    report(3, 'SIGNATURE VALID, PRINTED NAME NOT CONFIRMED', [
      ...head,
      `reason: ${printed.reason}`,
      `Check by eye that the paper shows exactly this name and course:`,
      ...signedLines(f),
    ]);
  }
  report(0, 'VALID', [...head, 'printed name and course match the signed ones', ...signedLines(f)]);
} else if (isFile && target.toLowerCase().endsWith('.json')) {
  let credential: unknown;
  try {
    credential = JSON.parse(readFileSync(target, 'utf8'));
  } catch (err) {
    report(1, 'NOT VALID', ['checked: JSON', `reason: not JSON: ${(err as Error).message}`]);
  }
  const c = credential as any;
  const issuerId: unknown = typeof c?.issuer === 'string' ? c.issuer : c?.issuer?.id;
  const r = await verifyCredential(credential, { issuerPublicKeys: keys });
  const errors = [...r.errors];
  if (issuerId !== controllerId(issuer))
    errors.unshift(
      `issued by ${String(issuerId)}, not by the expected issuer ${controllerId(issuer)} (use --issuer to trust another)`,
    );
  const who = c?.credentialSubject?.identifier?.find?.((i: any) => i?.identityType === 'name')?.identityHash;
  report(r.verified && errors.length === 0 ? 0 : 1, r.verified && errors.length === 0 ? 'VALID' : 'NOT VALID', [
    'checked: Open Badges 3.0 credential, Data Integrity eddsa-rdfc-2022',
    `expected issuer: ${issuer}`,
    ...errors.map((e) => `reason: ${e}`),
    `id: ${c?.id ?? '?'}`,
    `signed name:    ${who ?? '?'}`,
    `achievement:    ${c?.credentialSubject?.achievement?.name ?? '?'}`,
    `valid from:     ${c?.validFrom ?? '?'}`,
    `signed by:      ${String(issuerId ?? '?').replace(/\/issuer$/, '')} (key ${r.keyId ?? '?'})`,
    `revocation status: ${r.status} (status lists are online; not checked here)`,
  ]);
} else {
  const text = isFile ? readFileSync(target, 'utf8') : target;
  const f = checkQr(text, isFile ? `text file ${target}` : 'text');
  report(0, 'VALID', [
    `checked: signed QR payload (${isFile ? `text file ${target}` : 'text'})`,
    `expected issuer: ${issuer}`,
    ...signedLines(f),
  ]);
}
