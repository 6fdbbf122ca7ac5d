// A compact signed payload for the certificate's QR code, verifiable offline from paper:
//
//   ${publicUrl}/verify/${certificateId}#p=<body>.<signature>
//
// The format (body fields, the signed message, how a code is read) is in qr-payload-format.ts, which the offline
// verify page shares. The certificate id is carried once, in the path, and is covered by the signature, so changing
// the id, name, course, date or key in any part of the URL breaks it. The key is named by its
// index N (`${issuerUrl}/issuer#key-N`), keeping the code small. The fragment (#p=…) is never
// sent to the server by a browser, so the online page can still show the same check.
import { sign as edSign, verify as edVerify } from 'node:crypto';
import QRCode from 'qrcode';
import { publicKeyObject } from './issuer-key-codec.ts';
import type { IssuerPublicKey, IssuerSigningKey } from './issuer-keys.ts';
import {
  CERT_ID_RE,
  QR_SEP,
  QR_VERSION,
  keyIndexOf,
  parseQrText,
  qrSignedMessage,
  validDate,
  type QrFields,
} from './qr-payload-format.ts';

export { QR_VERSION, type QrFields };
const MAX_TITLE = 24; // grapheme clusters kept from the course title (keeps the QR at version 11 for typical names)

export type QrVerification =
  { valid: true; fields: QrFields } | { valid: false; reason: string; fields?: Partial<QrFields> };

// Control characters (incl. our separator) and bidi overrides have no place in these fields.
const FORBIDDEN_RE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export function shortenTitle(title: string, max = MAX_TITLE): string {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const parts = [...seg.segment(title.normalize('NFC').trim())].map((s) => s.segment);
  return parts.length <= max
    ? parts.join('')
    : parts
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

function keyIndexOrThrow(keyId: string): number {
  const index = keyIndexOf(keyId);
  if (index === null) throw new Error(`key id must end in #key-N: ${keyId}`);
  return index;
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
  const index = keyIndexOrThrow(opts.signingKey.id);
  const body = Buffer.from(
    [QR_VERSION, name, fields.courseId, courseTitle, fields.issuedOn, String(index)].join(QR_SEP),
    'utf8',
  );
  const sig = edSign(null, qrSignedMessage(fields.certificateId, body), opts.signingKey.privateKey);
  const payload = `${body.toString('base64url')}.${sig.toString('base64url')}`;
  const base = opts.publicUrl.replace(/\/+$/, '');
  return {
    url: `${base}/verify/${fields.certificateId}#p=${payload}`,
    payload,
    fields: {
      certificateId: fields.certificateId,
      name,
      courseId: fields.courseId,
      courseTitle,
      issuedOn: fields.issuedOn,
      keyId: opts.signingKey.id,
    },
  };
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
  const parsed = parseQrText(text);
  if (!parsed.ok) return { valid: false, reason: parsed.reason };
  const index = parsed.keyIndex;
  const key = issuerPublicKeys.find((k) => k.id.endsWith(`#key-${index}`));
  const fields: QrFields = { ...parsed.fields, keyId: key?.id ?? `#key-${index}` };
  if (!key) return { valid: false, reason: `unknown issuer key key-${index}`, fields };
  if (key.revoked) return { valid: false, reason: `issuer key ${key.id} is revoked`, fields };
  const ok = edVerify(
    null,
    qrSignedMessage(parsed.certificateId, parsed.body),
    publicKeyObject(key.publicKeyMultibase),
    parsed.signature,
  );
  if (!ok)
    return {
      valid: false,
      reason: 'signature does not match: the code was altered or not issued by this issuer',
      fields,
    };
  return { valid: true, fields };
}

// ---------------------------------------------------------------- QR code rendering

/** Error correction M (15%): survives smudges on paper while keeping modules large. */
export const QR_ECC = 'M' as const;

export function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_ECC }).version;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: QR_ECC,
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
