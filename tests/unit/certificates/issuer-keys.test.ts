import t from 'tap';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  publicKeyObject,
  rawPublicKeyFromMultibase,
  toPublicJwk,
} from '../../../server/modules/certificates/issuer-key-codec.ts';
import {
  controllerDocument,
  fromPublicJwk,
  parsePublicKeys,
  publicKeySet,
  toMultikeyDocument,
} from '../../../server/modules/certificates/issuer-key-documents.ts';
import { decryptSecret, encryptSecret } from '../../../server/modules/certificates/issuer-key-secret.ts';
import { loadOrCreateIssuerKeys } from '../../../server/modules/certificates/issuer-keyring-store.ts';
import {
  createKeyring,
  keyId,
  revokeKey,
  rotateKey,
  unlockKey,
} from '../../../server/modules/certificates/issuer-keys.ts';
import { ISSUER_URL, SECRET } from './fixtures.ts';

t.test('key ids follow ${issuerUrl}/issuer#key-N', async (t) => {
  t.equal(keyId('https://academy.example.org/', 3), 'https://academy.example.org/issuer#key-3');
  const ring = await createKeyring(ISSUER_URL, SECRET);
  t.equal(ring.activeKeyId, `${ISSUER_URL}/issuer#key-1`);
  t.equal(ring.keys[0].controller, `${ISSUER_URL}/issuer`);
  t.match(ring.keys[0].publicKeyMultibase, /^z6Mk/);
  t.notOk(JSON.stringify(ring).includes('secretKeyMultibase'), 'no plaintext secret in the keyring');
});

t.test('AES-256-GCM at rest: round trip, wrong secret, tampering, swapped record', async (t) => {
  const data = Buffer.from('0123456789abcdef0123456789abcdef');
  const enc = encryptSecret(data, SECRET, 'aad-1');
  t.same(decryptSecret(enc, SECRET, 'aad-1'), data);
  t.throws(() => decryptSecret(enc, 'another secret of enough length', 'aad-1'), /wrong secret/);
  t.throws(() => decryptSecret(enc, SECRET, 'aad-2'), /wrong secret/, 'bound to its key id');
  const flipped = {
    ...enc,
    ciphertext: Buffer.from(Buffer.from(enc.ciphertext, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString(
      'base64url',
    ),
  };
  t.throws(() => decryptSecret(flipped, SECRET, 'aad-1'), /damaged/);
  t.throws(() => encryptSecret(data, 'short', 'x'), /at least 16/);
});

t.test('unlocked key signs; Multikey, JWK and raw forms agree with the library', async (t) => {
  const ring = await createKeyring(ISSUER_URL, SECRET);
  const k = await unlockKey(ring.keys[0], SECRET);
  const msg = Buffer.from('hello');
  const sig = sign(null, msg, k.privateKey);
  t.ok(verify(null, msg, publicKeyObject(ring.keys[0].publicKeyMultibase), sig), 'node:crypto key pair matches');
  const libSig = await k.keyPair.signer().sign({ data: msg });
  t.ok(
    verify(null, msg, publicKeyObject(ring.keys[0].publicKeyMultibase), Buffer.from(libSig)),
    'Multikey signer matches',
  );

  const mk = toMultikeyDocument(ring.keys[0]);
  const imported = await Ed25519Multikey.from(mk);
  t.same(
    Buffer.from(imported.publicKey),
    rawPublicKeyFromMultibase(mk.publicKeyMultibase),
    'base58 decode matches the library',
  );
  const good = mk.publicKeyMultibase;
  t.throws(
    () => rawPublicKeyFromMultibase(`${good.slice(0, 10)}0${good.slice(11)}`),
    /invalid base58 character/,
    '0 is not base58',
  );
  t.throws(
    () => rawPublicKeyFromMultibase(`${good.slice(0, 10)} ${good.slice(10)}`),
    /invalid base58 character/,
    'nor is a space',
  );
  t.throws(() => rawPublicKeyFromMultibase(good.slice(0, -4)), /not an Ed25519 public key/, 'a shortened key');
  t.throws(() => rawPublicKeyFromMultibase(`m${good.slice(1)}`), /base58btc/, 'another multibase');

  const jwk = await toPublicJwk(ring.keys[0]);
  t.match(jwk, { kty: 'OKP', crv: 'Ed25519', kid: ring.keys[0].id });
  t.notOk('d' in jwk, 'public JWK has no private part');
  const back = await fromPublicJwk(jwk);
  t.equal(back.publicKeyMultibase, ring.keys[0].publicKeyMultibase, 'JWK round trip');
  await t.rejects(unlockKey(ring.keys[0], 'a wrong secret of enough length'), /wrong secret/);
});

t.test('rotation keeps old public keys; revocation removes them from the controller document', async (t) => {
  let ring = await createKeyring(ISSUER_URL, SECRET);
  ring = await rotateKey(ring, SECRET);
  t.equal(ring.activeKeyId, `${ISSUER_URL}/issuer#key-2`);
  t.equal(ring.keys.length, 2);
  t.ok(ring.keys[0].retiredAt, 'key-1 retired');
  let doc = controllerDocument(publicKeySet(ring));
  t.same(doc.assertionMethod, [`${ISSUER_URL}/issuer#key-1`, `${ISSUER_URL}/issuer#key-2`]);
  ring = revokeKey(ring, `${ISSUER_URL}/issuer#key-1`);
  doc = controllerDocument(publicKeySet(ring));
  t.same(doc.assertionMethod, [`${ISSUER_URL}/issuer#key-2`]);
  const parsed = await parsePublicKeys(ring);
  t.equal(parsed.find((k) => k.id.endsWith('key-1'))?.revoked, true);
  t.same(
    (await parsePublicKeys(doc)).map((k) => k.id),
    [`${ISSUER_URL}/issuer#key-2`],
  );
});

t.test('file store: creates once, reloads, 0600, checks secret and issuer', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lca-keys-'));
  const a = await loadOrCreateIssuerKeys(dir, SECRET, ISSUER_URL);
  t.equal(a.created, true);
  const mode = (await stat(join(dir, 'issuer-keys.json'))).mode & 0o777;
  t.equal(mode, 0o600);
  const b = await loadOrCreateIssuerKeys(dir, SECRET, ISSUER_URL);
  t.equal(b.created, false);
  t.equal(b.signingKey.keyPair.publicKeyMultibase, a.signingKey.keyPair.publicKeyMultibase);
  await t.rejects(loadOrCreateIssuerKeys(dir, 'a wrong secret of enough length', ISSUER_URL), /wrong secret/);
  await t.rejects(loadOrCreateIssuerKeys(dir, SECRET, 'https://other.example.org'), /is for/);
  const text = await readFile(join(dir, 'issuer-keys.json'), 'utf8');
  t.notOk(text.includes(SECRET));
  await writeFile(join(dir, 'issuer-keys.json'), '{"nope":1}');
  await t.rejects(loadOrCreateIssuerKeys(dir, SECRET, ISSUER_URL), /not an issuer keyring/);
});
