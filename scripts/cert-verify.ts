// npx tsx scripts/cert-verify.ts <file.pdf | credential.json | qr-text> [--keys issuer-keys.json]
// Offline check of a certificate: a PDF (its embedded signed verify URL), an Open Badges 3.0
// credential (Data Integrity proof), or the text of the QR code. No network is used.
// --keys takes the issuer keyring file, a public key set ({issuerUrl, keys:[…]}), the issuer's
// controller document, a Multikey or a JWK (set); CERT_ISSUER_KEYS may name the file instead.
// Exit code: 0 valid, 1 not valid, 2 usage or unreadable input.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePublicKeys, type IssuerPublicKey } from '../server/modules/certificates/issuer-keys.ts';
import { verifyCredential } from '../server/modules/certificates/credential.ts';
import { verifyQrPayload } from '../server/modules/certificates/qr-payload.ts';
import { extractVerifyUrls } from '../server/modules/certificates/pdf-extract.ts';

const usage = 'Usage: npx tsx scripts/cert-verify.ts <file.pdf | credential.json | qr-text> [--keys issuer-keys.json]';

function die(msg: string): never {
  console.error(`${msg}\n${usage}`);
  process.exit(2);
}

let values: { keys?: string };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({ options: { keys: { type: 'string' } }, allowPositionals: true }));
} catch (err) {
  die((err as Error).message);
}
if (positionals.length !== 1) die('Give exactly one PDF, JSON file or QR text.');
const target = positionals[0];
const keysPath = values.keys ?? process.env.CERT_ISSUER_KEYS;
if (!keysPath) die('Give the issuer public keys with --keys (or CERT_ISSUER_KEYS).');

let keys: IssuerPublicKey[];
try {
  keys = await parsePublicKeys(JSON.parse(readFileSync(keysPath, 'utf8')));
} catch (err) {
  die(`Cannot read keys from ${keysPath}: ${(err as Error).message}`);
}

function report(valid: boolean, lines: string[]): never {
  console.log(valid ? 'VALID' : 'NOT VALID');
  for (const l of lines) console.log(`  ${l}`);
  process.exit(valid ? 0 : 1);
}

function qrReport(text: string, source: string): never {
  const r = verifyQrPayload(text, keys);
  const f = r.valid ? r.fields : r.fields;
  const lines = [`checked: signed QR payload (${source})`];
  if (!r.valid) lines.push(`reason: ${r.reason}`);
  if (f) {
    lines.push(
      `certificate: ${f.certificateId ?? '?'}`,
      `name: ${f.name ?? '?'}`,
      `course: ${f.courseId ?? '?'} — ${f.courseTitle ?? '?'}`,
      `issued on: ${f.issuedOn ?? '?'}`,
      `key: ${f.keyId ?? '?'}`,
    );
  }
  report(r.valid, lines);
}

const isFile = existsSync(target);
if (isFile && (target.toLowerCase().endsWith('.pdf') || readFileSync(target).subarray(0, 5).toString('latin1') === '%PDF-')) {
  const urls = extractVerifyUrls(readFileSync(target));
  if (urls.length === 0) report(false, ['checked: PDF', 'reason: no signed verify URL found in this PDF']);
  if (urls.length > 1) report(false, ['checked: PDF', `reason: ${urls.length} different verify URLs in one PDF`, ...urls]);
  qrReport(urls[0], `from PDF ${target}`);
} else if (isFile && target.toLowerCase().endsWith('.json')) {
  let credential: unknown;
  try {
    credential = JSON.parse(readFileSync(target, 'utf8'));
  } catch (err) {
    report(false, ['checked: JSON', `reason: not JSON: ${(err as Error).message}`]);
  }
  const r = await verifyCredential(credential, { issuerPublicKeys: keys });
  const c = credential as any;
  const who = c?.credentialSubject?.identifier?.find?.((i: any) => i?.identityType === 'name')?.identityHash;
  report(r.verified, [
    'checked: Open Badges 3.0 credential, Data Integrity eddsa-rdfc-2022',
    ...r.errors.map((e) => `reason: ${e}`),
    `id: ${c?.id ?? '?'}`,
    `name: ${who ?? '?'}`,
    `achievement: ${c?.credentialSubject?.achievement?.name ?? '?'}`,
    `valid from: ${c?.validFrom ?? '?'}`,
    `key: ${r.keyId ?? '?'}`,
    `revocation status: ${r.status} (status lists are online; not checked here)`,
  ]);
} else if (isFile) {
  qrReport(readFileSync(target, 'utf8'), `text file ${target}`);
} else {
  qrReport(target, 'text');
}
