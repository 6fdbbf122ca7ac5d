import t from 'tap';
import {
  createQrPayload,
  qrSvg,
  qrVersion,
  shortenTitle,
  verifyQrPayload,
} from '../../../server/modules/certificates/qr-payload.ts';
import { publicKeySet } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { revokeKey, rotateKey, unlockActiveKey } from '../../../server/modules/certificates/issuer-keys.ts';
import { COURSE, NAMES, PUBLIC_URL, SECRET, makeIssuer } from './fixtures.ts';

const fieldsFor = (name: string) => ({
  certificateId: 'LCA-2026-000123',
  name,
  courseId: COURSE.id,
  courseTitle: COURSE.title,
  issuedOn: '2026-03-14',
});

/** Re-encode a payload body with one field changed (keeps the original signature). */
function withField(url: string, index: number, value: string): string {
  const [head, payload] = url.split('#p=');
  const [body, sig] = payload.split('.');
  const f = Buffer.from(body, 'base64url').toString('utf8').split('\u001f');
  f[index] = value;
  return `${head}#p=${Buffer.from(f.join('\u001f'), 'utf8').toString('base64url')}.${sig}`;
}

t.test('valid for each name; QR version measured', async (t) => {
  const { signingKey, publicKeys } = await makeIssuer();
  let maxVersion = 0;
  for (const [lang, name] of Object.entries(NAMES)) {
    const q = createQrPayload(fieldsFor(name), { signingKey, publicUrl: PUBLIC_URL });
    t.match(q.url, /^https:\/\/academy\.example\.org\/verify\/LCA-2026-000123#p=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    const r = verifyQrPayload(q.url, publicKeys);
    t.same(r, { valid: true, fields: { ...q.fields } }, `${lang} valid`);
    t.equal(r.valid && r.fields.name, name);
    t.same(verifyQrPayload(`LCA-2026-000123#p=${q.payload}`, publicKeys).valid, true, 'short form <id>#p=… works too');
    const v = qrVersion(q.url);
    maxVersion = Math.max(maxVersion, v);
    t.comment(
      `${lang} "${name}": ${Buffer.byteLength(name)} bytes, URL ${q.url.length} chars, QR version ${v} (ECC M)`,
    );
  }
  t.ok(maxVersion <= 11, `QR version for the test names is ${maxVersion} (≤ 11: 61×61 modules, ~0.7 mm at 4.8 cm)`);
  const long = 'Maria Fernanda de los Ángeles Rodríguez-Villanueva';
  const ql = createQrPayload(fieldsFor(long), { signingKey, publicUrl: PUBLIC_URL });
  t.comment(
    `long name (${Buffer.byteLength(long)} bytes): URL ${ql.url.length} chars, QR version ${qrVersion(ql.url)}`,
  );
  t.equal(verifyQrPayload(ql.url, publicKeys).valid, true);
  const svg = await qrSvg(ql.url);
  t.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

t.test('course title is shortened by graphemes, never splitting a cluster', async (t) => {
  t.equal(shortenTitle('Short'), 'Short');
  const s = shortenTitle('សុខ '.repeat(20));
  t.ok([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length <= 24);
  t.ok(s.endsWith('…'));
});

t.test('tampering is caught', async (t) => {
  const { signingKey, publicKeys } = await makeIssuer();
  const q = createQrPayload(fieldsFor(NAMES.vi), { signingKey, publicUrl: PUBLIC_URL });
  const cases: [string, string][] = [
    ['name', withField(q.url, 1, 'Nguyễn Thị Minh Khải')],
    ['course id', withField(q.url, 2, 'lc-201')],
    ['date', withField(q.url, 4, '2025-03-14')],
    ['certificate number in path', q.url.replace('/verify/LCA-2026-000123#', '/verify/LCA-2026-000124#')],
    ['key index', withField(q.url, 5, '2')],
    ['signature', q.url.slice(0, -2) + (q.url.endsWith('AA') ? 'AB' : 'AA')],
  ];
  for (const [what, url] of cases) {
    const r = verifyQrPayload(url, publicKeys);
    t.equal(r.valid, false, `tampered ${what} → not valid`);
    if (!r.valid)
      t.match(r.reason, /signature does not match|unknown issuer key|malformed|not base64url/, `${what}: ${r.reason}`);
  }
  // Signed by another issuer key with the same key index.
  const other = await makeIssuer();
  const forged = createQrPayload(fieldsFor(NAMES.vi), { signingKey: other.signingKey, publicUrl: PUBLIC_URL });
  t.match(verifyQrPayload(forged.url, publicKeys), { valid: false, reason: /signature does not match/ });
});

t.test('rotation and revocation', async (t) => {
  const { keyring, signingKey } = await makeIssuer();
  const q1 = createQrPayload(fieldsFor(NAMES.zh), { signingKey, publicUrl: PUBLIC_URL });
  const rotated = await rotateKey(keyring, SECRET);
  const q2 = createQrPayload(fieldsFor(NAMES.zh), {
    signingKey: await unlockActiveKey(rotated, SECRET),
    publicUrl: PUBLIC_URL,
  });
  const keys = publicKeySet(rotated).keys;
  t.equal(verifyQrPayload(q1.url, keys).valid, true, 'old key still verifies');
  t.match(verifyQrPayload(q2.url, keys), { valid: true, fields: { keyId: /#key-2$/ } });
  const revoked = publicKeySet(revokeKey(rotated, keys[0].id)).keys;
  t.match(verifyQrPayload(q1.url, revoked), { valid: false, reason: /revoked/ });
});

t.test('garbage gets a clear reason and never throws', async (t) => {
  const { publicKeys } = await makeIssuer();
  const garbage: unknown[] = [
    undefined,
    null,
    0,
    {},
    [],
    '',
    '   ',
    'hello',
    'https://academy.example.org/verify/',
    'https://academy.example.org/verify/X#p=',
    'https://academy.example.org/verify/X#p=abc',
    'https://academy.example.org/verify/X#p=a.b.c',
    'https://academy.example.org/verify/X#p=!!!.???',
    `https://academy.example.org/verify/X#p=${Buffer.from('2\u001fa').toString('base64url')}.${Buffer.alloc(64).toString('base64url')}`,
    `https://academy.example.org/verify/X#p=${Buffer.from([0xff, 0xfe]).toString('base64url')}.${Buffer.alloc(64).toString('base64url')}`,
    `https://academy.example.org/verify/X#p=${Buffer.from('1\u001fa\u001fb\u001fc\u001f2026-02-30\u001f1').toString('base64url')}.${Buffer.alloc(64).toString('base64url')}`,
    `https://academy.example.org/verify/X#p=${Buffer.from('1\u001fa\u001fb\u001fc\u001f2026-02-03\u001f1').toString('base64url')}.${Buffer.alloc(10).toString('base64url')}`,
    `https://academy.example.org/verify/X#p=${Buffer.from('1\u001fa\u001fb\u001fc\u001f2026-02-03\u001f1').toString('base64url')}.${Buffer.alloc(64).toString('base64url')}`,
    `https://academy.example.org/verify/%E0%A4%A#p=a.b`,
    `https://academy.example.org/verify/X#p=${'A'.repeat(5000)}.b`,
    'x'.repeat(1e6),
  ];
  for (const g of garbage) {
    let r: ReturnType<typeof verifyQrPayload> | undefined;
    t.doesNotThrow(() => (r = verifyQrPayload(g, publicKeys)));
    t.equal(r?.valid, false);
    if (r && !r.valid) t.ok(r.reason.length > 5, `${JSON.stringify(g)?.slice(0, 50)} → ${r.reason}`);
  }
  t.doesNotThrow(() => verifyQrPayload('a#p=b.c', null as any));
});

t.test('issuer side refuses bad input', async (t) => {
  const { signingKey } = await makeIssuer();
  t.throws(() =>
    createQrPayload({ ...fieldsFor('A'), certificateId: 'bad id/..' }, { signingKey, publicUrl: PUBLIC_URL }),
  );
  t.throws(() => createQrPayload({ ...fieldsFor('A'), issuedOn: '2026-02-30' }, { signingKey, publicUrl: PUBLIC_URL }));
  t.throws(() => createQrPayload(fieldsFor('A\u001fB'), { signingKey, publicUrl: PUBLIC_URL }));
  t.throws(() => createQrPayload(fieldsFor('\u202eevil'), { signingKey, publicUrl: PUBLIC_URL }));
});
