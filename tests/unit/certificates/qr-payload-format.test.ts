// The QR payload format shared by the server and the offline verify page (web/src/client/verify-offline.ts):
// the page's check, WebCrypto Ed25519 over qrSignedMessage with the issuer's JWK, is run here as the browser runs it.
import t from 'tap';
import { toPublicJwk } from '../../../server/modules/certificates/issuer-key-codec.ts';
import {
  base64urlDecode,
  base64urlEncode,
  keyIndexOf,
  parseQrText,
  qrSignedMessage,
  verifyPathOf,
} from '../../../server/modules/certificates/qr-payload-format.ts';
import { createQrPayload, verifyQrPayload } from '../../../server/modules/certificates/qr-payload.ts';
import { COURSE, NAMES, PUBLIC_URL, makeIssuer } from './fixtures.ts';

/** The offline verify page's check, with the keys the page is given (GET /.well-known/issuer-keys.json). */
async function browserCheck(text: string, jwks: { kid?: string; x: string }[]): Promise<boolean> {
  const code = parseQrText(text);
  const jwk = code.ok ? jwks.find((k) => keyIndexOf(k.kid) === code.keyIndex) : undefined;
  if (!code.ok || !jwk) return false;
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify({ name: 'Ed25519' }, key, code.signature, qrSignedMessage(code.certificateId, code.body));
}

t.test('the browser check accepts what the server signs and refuses what the server refuses', async (t) => {
  const { signingKey, publicKeys } = await makeIssuer();
  const jwks = await Promise.all(publicKeys.map((k) => toPublicJwk(k)));
  const q = createQrPayload(
    {
      certificateId: 'LCA-2026-000123',
      name: NAMES.km,
      courseId: COURSE.id,
      courseTitle: COURSE.title,
      issuedOn: '2026-03-14',
    },
    { signingKey, publicUrl: PUBLIC_URL },
  );
  const parsed = parseQrText(q.url);
  t.ok(parsed.ok, 'the full URL is read');
  t.same(parsed.ok && parsed.fields, {
    certificateId: 'LCA-2026-000123',
    name: NAMES.km,
    courseId: COURSE.id,
    courseTitle: q.fields.courseTitle,
    issuedOn: '2026-03-14',
  });
  t.equal(parsed.ok && parsed.keyIndex, 1);
  t.equal(
    await browserCheck(`/verify/LCA-2026-000123#p=${q.payload}`, jwks),
    true,
    'the page (path and hash) finds it valid',
  );
  const changedId = `/verify/LCA-2026-000124#p=${q.payload}`;
  t.equal(await browserCheck(changedId, jwks), false, 'another certificate id breaks the signature in the page');
  t.equal(verifyQrPayload(changedId, publicKeys).valid, false, '… and on the server');
  const [body, sig] = q.payload.split('.');
  const flipped = `/verify/LCA-2026-000123#p=${body}.${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
  t.equal(await browserCheck(flipped, jwks), false, 'a changed signature is refused in the page');
  t.equal(await browserCheck(q.url, []), false, 'no key, no valid check');
});

t.test('garbage gets a reason, never an exception', async (t) => {
  t.same(parseQrText(42), { ok: false, reason: 'malformed: not text' });
  t.same(parseQrText('   '), { ok: false, reason: 'malformed: empty' });
  t.same(parseQrText('https://x.org/verify/abc'), {
    ok: false,
    reason: 'malformed: expected …/verify/<id>#p=<payload>',
  });
  t.same(parseQrText('/verify/abc#p=AAAA'), { ok: false, reason: 'malformed: payload must be <body>.<signature>' });
  t.same(
    parseQrText('/verify/abc#p=AA+A.AAAA'),
    { ok: false, reason: 'malformed: payload is not base64url' },
    'standard base64 is refused',
  );
  t.same(
    parseQrText(`/verify/abc#p=AB.${'A'.repeat(86)}`),
    { ok: false, reason: 'malformed: payload is not base64url' },
    'a non-canonical ending is refused',
  );
  t.same(parseQrText('/verify/abc#p=AAAA.AAAA'), { ok: false, reason: 'malformed: signature must be 64 bytes' });
  t.same(parseQrText(`/verify/%E0%A4%A#p=AAAA.${'A'.repeat(86)}`), {
    ok: false,
    reason: 'malformed: certificate id is not valid URL text',
  });
});

t.test('strict base64url round-trips and refuses other alphabets and padding', async (t) => {
  const bytes = Uint8Array.from([0, 1, 250, 251, 252, 253, 254, 255]);
  t.equal(base64urlEncode(bytes), Buffer.from(bytes).toString('base64url'), 'the same text as Node writes');
  t.same(base64urlDecode(base64urlEncode(bytes)), bytes);
  t.equal(base64urlDecode('AA=='), null, 'padding');
  t.equal(base64urlDecode('A+/A'), null, 'standard base64 alphabet');
  t.equal(base64urlDecode('AAAAA'), null, 'impossible length');
});

t.test('the scan page finds the verify address in what was pasted or scanned', async (t) => {
  t.equal(
    verifyPathOf('https://academy.example.org/verify/LCA-2026-000123#p=abc.def'),
    '/verify/LCA-2026-000123#p=abc.def',
  );
  t.equal(verifyPathOf('  LCA-2026-000123  '), '/verify/LCA-2026-000123', 'a bare certificate id');
  t.equal(verifyPathOf('https://academy.example.org/verify/LCA-2026-000123'), '/verify/LCA-2026-000123');
  t.equal(verifyPathOf('not a code at all!'), null);
  t.equal(verifyPathOf('https://evil.example/verify/../admin'), null);
});

t.test('key index from a key id', async (t) => {
  t.equal(keyIndexOf('https://academy.example.org/issuer#key-12'), 12);
  t.equal(keyIndexOf('https://academy.example.org/issuer'), null);
  t.equal(keyIndexOf(undefined), null);
});
