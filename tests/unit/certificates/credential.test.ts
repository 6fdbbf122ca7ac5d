import t from 'tap';
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import {
  buildCredential,
  signCredential,
  verifyCredential,
  VC_CONTEXT_V2,
  OB_CONTEXT_V3,
  type CertificateInput,
} from '../../../server/modules/certificates/credential.ts';
import { publicKeySet } from '../../../server/modules/certificates/issuer-key-documents.ts';
import { revokeKey, rotateKey, unlockActiveKey } from '../../../server/modules/certificates/issuer-keys.ts';
import { COURSE, ISSUER_URL, NAMES, SECRET, makeIssuer } from './fixtures.ts';

const input = (name: string, inLanguage = 'en'): CertificateInput => ({
  certificateId: 'LCA-2026-000123',
  issuerUrl: ISSUER_URL,
  issuerName: 'Learning Cities Academy',
  learner: { name, id: 'urn:uuid:0b1f4c2e-8f0a-4a8e-9d43-5d8a3a0c1e11' },
  course: { ...COURSE, inLanguage },
  issuedOn: '2026-03-14',
  statusListIndex: 42,
});

const schema = JSON.parse(
  readFileSync(
    new URL('../../fixtures/certificates/ob-v3p0-achievementcredential.constraints.schema.json', import.meta.url),
    'utf8',
  ),
);
const ajv = new (Ajv2019 as any).default({ strict: false, allErrors: true });
(addFormats as any).default(ajv);
const validateSchema = ajv.compile(schema);

t.test('OpenBadgeCredential shape', async (t) => {
  const c = buildCredential(input(NAMES.km, 'km'));
  t.same(c['@context'], [VC_CONTEXT_V2, OB_CONTEXT_V3]);
  t.same(c.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  t.match(c.issuer, { id: `${ISSUER_URL}/issuer`, type: ['Profile'], name: 'Learning Cities Academy' });
  t.equal(c.validFrom, '2026-03-14T00:00:00Z');
  t.match(c.credentialSubject, {
    type: ['AchievementSubject'],
    achievement: { type: ['Achievement'], criteria: { narrative: COURSE.criteria }, inLanguage: 'km' },
  });
  t.match(c.credentialStatus, {
    type: 'BitstringStatusListEntry',
    id: `${ISSUER_URL}/status/1#42`,
    statusListIndex: '42',
    statusListCredential: `${ISSUER_URL}/status/1`,
  });
});

t.test('signs and verifies offline for each name; schema check is independent of the signer', async (t) => {
  const { signingKey, publicKeys } = await makeIssuer();
  for (const [lang, name] of Object.entries(NAMES)) {
    const t0 = performance.now();
    const signed = await signCredential(buildCredential(input(name, lang)), {
      signingKey,
      issuerPublicKeys: publicKeys,
      issuerUrl: ISSUER_URL,
    });
    const t1 = performance.now();
    const r = await verifyCredential(signed, { issuerPublicKeys: publicKeys });
    const t2 = performance.now();
    t.comment(`${lang}: sign ${(t1 - t0).toFixed(1)} ms, verify ${(t2 - t1).toFixed(1)} ms`);
    t.same(
      r,
      { verified: true, errors: [], keyId: `${ISSUER_URL}/issuer#key-1`, status: 'unchecked' },
      `${lang} verifies`,
    );
    t.match(signed.proof, {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${ISSUER_URL}/issuer#key-1`,
    });
    const ok = validateSchema(signed);
    t.ok(ok, `${lang} passes the OB 3.0 constraints schema`, { errors: validateSchema.errors });
  }
  // the schema does catch things
  const broken = buildCredential(input(NAMES.vi));
  delete broken.credentialSubject.achievement.criteria;
  delete broken.validFrom;
  t.notOk(validateSchema(broken), 'schema rejects a credential without criteria and validFrom');
});

t.test('edited name, date, course or status fails; other keys fail; rotation and revocation', async (t) => {
  const { keyring, signingKey, publicKeys } = await makeIssuer();
  const signed = await signCredential(buildCredential(input(NAMES.ar, 'ar')), {
    signingKey,
    issuerPublicKeys: publicKeys,
    issuerUrl: ISSUER_URL,
  });

  const edits: [string, (c: any) => void][] = [
    ['name', (c) => (c.credentialSubject.identifier[0].identityHash = 'فاطمة الزهراء ')],
    ['date', (c) => (c.validFrom = '2025-03-14T00:00:00Z')],
    ['course', (c) => (c.credentialSubject.achievement.name = 'Advanced Learning Cities')],
    ['status index', (c) => (c.credentialStatus.statusListIndex = '43')],
    ['credential name', (c) => (c.name = 'Something else')],
  ];
  for (const [what, edit] of edits) {
    const c = structuredClone(signed);
    edit(c);
    const r = await verifyCredential(c, { issuerPublicKeys: publicKeys });
    t.equal(r.verified, false, `edited ${what} fails`);
    t.ok(r.errors.length > 0);
  }

  // A different issuer key pair claiming the same issuer and key id.
  const mallory = await makeIssuer();
  const forged = await signCredential(buildCredential(input(NAMES.ar, 'ar')), {
    signingKey: mallory.signingKey,
    issuerPublicKeys: mallory.publicKeys,
    issuerUrl: ISSUER_URL,
  });
  t.equal(
    (await verifyCredential(forged, { issuerPublicKeys: mallory.publicKeys })).verified,
    true,
    'it is a good signature by its own key',
  );
  const r = await verifyCredential(forged, { issuerPublicKeys: publicKeys });
  t.equal(r.verified, false, 'signed by another key: fails against our keys');
  t.match(r.errors.join(' '), /Invalid signature/);

  // An issuer we have no keys for.
  const stranger = await makeIssuer('https://other.example.net');
  const theirs = await signCredential(buildCredential({ ...input(NAMES.zh), issuerUrl: 'https://other.example.net' }), {
    signingKey: stranger.signingKey,
    issuerPublicKeys: stranger.publicKeys,
    issuerUrl: 'https://other.example.net',
  });
  t.match(await verifyCredential(theirs, { issuerPublicKeys: publicKeys }), {
    verified: false,
    errors: [/no public key known/],
  });

  // Rotation: old credential still verifies, new one is signed by key-2.
  const rotated = await rotateKey(keyring, SECRET);
  const key2 = await unlockActiveKey(rotated, SECRET);
  const pub2 = publicKeySet(rotated).keys;
  t.equal(
    (await verifyCredential(signed, { issuerPublicKeys: pub2 })).verified,
    true,
    'key-1 credential verifies after rotation',
  );
  const fresh = await signCredential(buildCredential(input(NAMES.vi)), {
    signingKey: key2,
    issuerPublicKeys: pub2,
    issuerUrl: ISSUER_URL,
  });
  t.match(await verifyCredential(fresh, { issuerPublicKeys: pub2 }), {
    verified: true,
    keyId: `${ISSUER_URL}/issuer#key-2`,
  });
  t.equal(
    (await verifyCredential(fresh, { issuerPublicKeys: publicKeys })).verified,
    false,
    'key-2 unknown to the old key set',
  );

  // Revocation of key-1.
  const pub3 = publicKeySet(revokeKey(rotated, `${ISSUER_URL}/issuer#key-1`)).keys;
  t.match(await verifyCredential(signed, { issuerPublicKeys: pub3 }), { verified: false, errors: [/revoked/] });
});

t.test('status check hook and garbage input', async (t) => {
  const { signingKey, publicKeys } = await makeIssuer();
  const signed = await signCredential(buildCredential(input(NAMES.zh, 'zh')), {
    signingKey,
    issuerPublicKeys: publicKeys,
    issuerUrl: ISSUER_URL,
  });
  let seen: unknown;
  const revoked = await verifyCredential(signed, {
    issuerPublicKeys: publicKeys,
    checkStatus: (e) => ((seen = e), false),
  });
  t.match(revoked, { verified: false, status: 'revoked' });
  t.match(seen, { statusListIndex: 42, statusListCredential: `${ISSUER_URL}/status/1`, statusPurpose: 'revocation' });
  t.match(await verifyCredential(signed, { issuerPublicKeys: publicKeys, checkStatus: () => true }), {
    verified: true,
    status: 'active',
  });

  for (const junk of [
    null,
    42,
    'x',
    [],
    {},
    { type: 'OpenBadgeCredential' },
    { ...signed, proof: { ...signed.proof, proofValue: 'zzz' } },
    { ...signed, proof: { ...signed.proof, cryptosuite: 'ecdsa-rdfc-2019' } },
    { ...signed, '@context': ['https://evil.example/ctx'] },
  ]) {
    const r = await verifyCredential(junk, { issuerPublicKeys: publicKeys });
    t.equal(r.verified, false, `rejects ${JSON.stringify(junk)?.slice(0, 40)}`);
    t.ok(r.errors.length > 0);
  }
});
