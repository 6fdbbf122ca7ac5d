// A compact signed payload for the certificate's QR code, verifiable offline from paper:
//
//   ${publicUrl}/verify/${certificateId}#p=<body>.<signature>
//
// body      = base64url(UTF-8 of "1␟name␟courseId␟courseTitle␟issuedOn␟keyIndex")   (␟ = U+001F)
// signature = base64url(Ed25519(DOMAIN ␟ certificateId ␟ body-bytes))             (64 bytes)
//
// The certificate id is carried once, in the path, and is covered by the signature, so changing
// the id, name, course, date or key in any part of the URL breaks it. The key is named by its
// index N (`${issuerUrl}/issuer#key-N`), keeping the code small. The fragment (#p=…) is never
// sent to the server by a browser, so the online page can still show the same check.
import { sign as edSign, verify as edVerify } from 'node:crypto';
import QRCode from 'qrcode';
import { publicKeyObject, type IssuerPublicKey, type IssuerSigningKey } from './issuer-keys.ts';

export const QR_VERSION = '1';
const DOMAIN = 'LCA-CERT-QR-v1';
const SEP = '\u001f';
const MAX_TITLE = 24; // grapheme clusters kept from the course title (keeps the QR at version 11 for typical names)
const MAX_TEXT = 200; // bytes of payload text we accept at all (garbage guard)

export type QrFields = {
  certificateId: string;
  name: string;
  courseId: string;
  courseTitle: string; // shortened to MAX_TITLE graphemes when signed
  issuedOn: string; // YYYY-MM-DD
  keyId: string; // `${issuerUrl}/issuer#key-N`
};

export type QrVerification = { valid: true; fields: QrFields } | { valid: false; reason: string; fields?: Partial<QrFields> };

const CERT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// Control characters (incl. our separator) and bidi overrides have no place in these fields.
const FORBIDDEN_RE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export function shortenTitle(title: string, max = MAX_TITLE): string {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const parts = [...seg.segment(title.normalize('NFC').trim())].map((s) => s.segment);
  return parts.length <= max ? parts.join('') : parts.slice(0, max - 1).join('').trimEnd() + '…';
}

function validDate(d: string): boolean {
  if (!DATE_RE.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function keyIndexOf(keyId: string): number {
  const m = /#key-(\d{1,6})$/.exec(keyId);
  if (!m) throw new Error(`key id must end in #key-N: ${keyId}`);
  return Number(m[1]);
}

function signedMessage(certificateId: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${DOMAIN}${SEP}${certificateId}${SEP}`, 'utf8'), body]);
}

/** Creates the QR URL. Throws on bad input (issuer-side bug), unlike the verifier. */
export function createQrPayload(
  fields: Omit<QrFields, 'keyId'>,
  opts: { signingKey: IssuerSigningKey; publicUrl: string },
): { url: string; payload: string; fields: QrFields } {
  const name = fields.name.normalize('NFC').trim();
  const courseTitle = shortenTitle(fields.courseTitle);
  if (!CERT_ID_RE.test(fields.certificateId)) throw new Error(`certificate id must match ${CERT_ID_RE}`);
  if (!validDate(fields.issuedOn)) throw new Error(`issuedOn must be YYYY-MM-DD: ${fields.issuedOn}`);
  for (const [k, v] of Object.entries({ name, courseId: fields.courseId, courseTitle })) {
    if (!v) throw new Error(`${k} is empty`);
    if (FORBIDDEN_RE.test(v)) throw new Error(`${k} contains control or bidi-override characters`);
  }
  const index = keyIndexOf(opts.signingKey.id);
  const body = Buffer.from([QR_VERSION, name, fields.courseId, courseTitle, fields.issuedOn, String(index)].join(SEP), 'utf8');
  const sig = edSign(null, signedMessage(fields.certificateId, body), opts.signingKey.privateKey);
  const payload = `${body.toString('base64url')}.${sig.toString('base64url')}`;
  const base = opts.publicUrl.replace(/\/+$/, '');
  return {
    url: `${base}/verify/${fields.certificateId}#p=${payload}`,
    payload,
    fields: { certificateId: fields.certificateId, name, courseId: fields.courseId, courseTitle, issuedOn: fields.issuedOn, keyId: opts.signingKey.id },
  };
}

const B64URL_RE = /^[A-Za-z0-9_-]+$/;

function strictB64url(s: string): Buffer | null {
  if (!B64URL_RE.test(s) || s.length % 4 === 1) return null;
  const b = Buffer.from(s, 'base64url');
  return b.toString('base64url') === s ? b : null; // rejects non-canonical encodings
}

/**
 * Verifies QR text: the full URL, or `<id>#p=<payload>`. Never throws; garbage gets a reason.
 * `issuerPublicKeys` are the keys of the one issuer this verifier trusts.
 */
export function verifyQrPayload(text: unknown, issuerPublicKeys: IssuerPublicKey[]): QrVerification {
  try {
    return verifyQrPayloadUnsafe(text, issuerPublicKeys);
  } catch (err) {
    return { valid: false, reason: `malformed: ${(err as Error)?.message ?? String(err)}` };
  }
}

function verifyQrPayloadUnsafe(text: unknown, issuerPublicKeys: IssuerPublicKey[]): QrVerification {
  if (typeof text !== 'string') return { valid: false, reason: 'malformed: not text' };
  const t = text.trim();
  if (t.length === 0) return { valid: false, reason: 'malformed: empty' };
  if (t.length > 2048) return { valid: false, reason: 'malformed: too long to be a certificate code' };
  const m = /(?:^|\/verify\/)([^/#?\s]+)#p=([^#\s]+)$/.exec(t);
  if (!m) return { valid: false, reason: 'malformed: expected …/verify/<id>#p=<payload>' };
  let certificateId: string;
  try {
    certificateId = decodeURIComponent(m[1]);
  } catch {
    return { valid: false, reason: 'malformed: certificate id is not valid URL text' };
  }
  if (!CERT_ID_RE.test(certificateId)) return { valid: false, reason: 'malformed: bad certificate id' };
  const parts = m[2].split('.');
  if (parts.length !== 2) return { valid: false, reason: 'malformed: payload must be <body>.<signature>' };
  const body = strictB64url(parts[0]);
  const sig = strictB64url(parts[1]);
  if (!body || !sig) return { valid: false, reason: 'malformed: payload is not base64url' };
  if (body.length > MAX_TEXT) return { valid: false, reason: 'malformed: payload too long' };
  if (sig.length !== 64) return { valid: false, reason: 'malformed: signature must be 64 bytes' };
  let bodyText: string;
  try {
    bodyText = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { valid: false, reason: 'malformed: payload is not UTF-8' };
  }
  const f = bodyText.split(SEP);
  if (f[0] !== QR_VERSION) return { valid: false, reason: `unsupported payload version ${JSON.stringify(f[0]?.slice(0, 8))}` };
  if (f.length !== 6) return { valid: false, reason: 'malformed: wrong number of fields' };
  const [, name, courseId, courseTitle, issuedOn, indexText] = f;
  if (!/^\d{1,6}$/.test(indexText)) return { valid: false, reason: 'malformed: bad key index' };
  if (!name || !courseId || !courseTitle) return { valid: false, reason: 'malformed: empty field' };
  if (!validDate(issuedOn)) return { valid: false, reason: 'malformed: bad issue date' };
  const index = Number(indexText);
  const key = issuerPublicKeys.find((k) => k.id.endsWith(`#key-${index}`));
  const fields: QrFields = { certificateId, name, courseId, courseTitle, issuedOn, keyId: key?.id ?? `#key-${index}` };
  if (!key) return { valid: false, reason: `unknown issuer key key-${index}`, fields };
  if (key.revoked) return { valid: false, reason: `issuer key ${key.id} is revoked`, fields };
  const ok = edVerify(null, signedMessage(certificateId, body), publicKeyObject(key.publicKeyMultibase), sig);
  if (!ok) return { valid: false, reason: 'signature does not match: the code was altered or not issued by this issuer', fields };
  return { valid: true, fields };
}

// ---------------------------------------------------------------- QR code rendering

/** Error correction M (15%): survives smudges on paper while keeping modules large. */
export const QR_ECC = 'M' as const;

export function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_ECC }).version;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ECC, margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}
