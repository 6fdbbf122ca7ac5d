// The certificate QR payload's format, with no Node API: the server (qr-payload.ts) and the offline verify page
// (web/src/client/verify-offline.ts, bundled for the browser) both read a scanned code with it, so they accept and
// refuse the same codes. Each side checks the Ed25519 signature over `qrSignedMessage` with its own crypto.
//
//   ${publicUrl}/verify/${certificateId}#p=<body>.<signature>
//
// body      = base64url(UTF-8 of "1␟name␟courseId␟courseTitle␟issuedOn␟keyIndex")   (␟ = U+001F)
// signature = base64url(Ed25519(DOMAIN ␟ certificateId ␟ body-bytes))             (64 bytes)

export const QR_VERSION = '1';
export const QR_DOMAIN = 'LCA-CERT-QR-v1';
export const QR_SEP = '\u001f';
/** Bytes of payload text accepted at all (garbage guard). */
export const MAX_QR_BODY = 200;

const CERT_ID = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
export const CERT_ID_RE = new RegExp(`^${CERT_ID}$`);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const B64URL_RE = /^[A-Za-z0-9_-]+$/;

export type QrFields = {
  certificateId: string;
  name: string;
  courseId: string;
  courseTitle: string;
  issuedOn: string; // YYYY-MM-DD
  keyId: string; // `${issuerUrl}/issuer#key-N`
};

/** A code read but not yet checked against a key: the signed bytes, the signature and what the body says. */
export type ParsedQr =
  | {
      ok: true;
      certificateId: string;
      body: Uint8Array<ArrayBuffer>;
      signature: Uint8Array<ArrayBuffer>;
      keyIndex: number;
      fields: Omit<QrFields, 'keyId'>;
    }
  | { ok: false; reason: string };

export function validDate(d: string): boolean {
  if (!DATE_RE.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** N from a key id ending in `#key-N`, or null. */
export function keyIndexOf(keyId: string | undefined): number | null {
  const m = /#key-(\d{1,6})$/.exec(keyId ?? '');
  return m ? Number(m[1]) : null;
}

export function base64urlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of canonical unpadded base64url text, or null (other alphabets, padding, non-canonical endings). */
export function base64urlDecode(text: string): Uint8Array<ArrayBuffer> | null {
  if (!B64URL_RE.test(text) || text.length % 4 === 1) return null;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return base64urlEncode(bytes) === text ? bytes : null;
}

/** What the signature covers: the domain, the certificate id (carried in the path) and the body bytes. */
export function qrSignedMessage(certificateId: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${QR_DOMAIN}${QR_SEP}${certificateId}${QR_SEP}`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  return message;
}

/**
 * The verify address (`/verify/<id>` with its `#p=` payload if any) in pasted or scanned text: a full URL, a path
 * or a bare certificate id. Null when the text holds none.
 */
export function verifyPathOf(text: string): string | null {
  const m = new RegExp(`(?:^|/verify/)(${CERT_ID})(#p=[A-Za-z0-9_.-]+)?\\s*$`).exec(text.trim());
  return m ? `/verify/${m[1]}${m[2] ?? ''}` : null;
}

/** Reads QR text (the full URL, or `<id>#p=<payload>`). Never throws; garbage gets a reason. */
export function parseQrText(text: unknown): ParsedQr {
  if (typeof text !== 'string') return { ok: false, reason: 'malformed: not text' };
  const t = text.trim();
  if (t.length === 0) return { ok: false, reason: 'malformed: empty' };
  if (t.length > 2048) return { ok: false, reason: 'malformed: too long to be a certificate code' };
  const m = /(?:^|\/verify\/)([^/#?\s]+)#p=([^#\s]+)$/.exec(t);
  if (!m) return { ok: false, reason: 'malformed: expected …/verify/<id>#p=<payload>' };
  let certificateId: string;
  try {
    certificateId = decodeURIComponent(m[1]);
  } catch {
    return { ok: false, reason: 'malformed: certificate id is not valid URL text' };
  }
  if (!CERT_ID_RE.test(certificateId)) return { ok: false, reason: 'malformed: bad certificate id' };
  const parts = m[2].split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed: payload must be <body>.<signature>' };
  const body = base64urlDecode(parts[0]);
  const signature = base64urlDecode(parts[1]);
  if (!body || !signature) return { ok: false, reason: 'malformed: payload is not base64url' };
  if (body.length > MAX_QR_BODY) return { ok: false, reason: 'malformed: payload too long' };
  if (signature.length !== 64) return { ok: false, reason: 'malformed: signature must be 64 bytes' };
  let bodyText: string;
  try {
    bodyText = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: 'malformed: payload is not UTF-8' };
  }
  const f = bodyText.split(QR_SEP);
  if (f[0] !== QR_VERSION)
    return { ok: false, reason: `unsupported payload version ${JSON.stringify(f[0]?.slice(0, 8))}` };
  if (f.length !== 6) return { ok: false, reason: 'malformed: wrong number of fields' };
  const [, name, courseId, courseTitle, issuedOn, indexText] = f;
  if (!/^\d{1,6}$/.test(indexText)) return { ok: false, reason: 'malformed: bad key index' };
  if (!name || !courseId || !courseTitle) return { ok: false, reason: 'malformed: empty field' };
  if (!validDate(issuedOn)) return { ok: false, reason: 'malformed: bad issue date' };
  return {
    ok: true,
    certificateId,
    body,
    signature,
    keyIndex: Number(indexText),
    fields: { certificateId, name, courseId, courseTitle, issuedOn },
  };
}
