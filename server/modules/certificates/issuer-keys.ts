// Ed25519 issuer keys for certificates: generation, Multikey/JWK export and import, the
// private half encrypted at rest, rotation, and a small file store.
//
// Key ids follow `${issuerUrl}/issuer#key-N`; `${issuerUrl}/issuer` is both the Open Badges
// issuer Profile id and the controller of every key. Rotation adds key N+1 and marks the old
// key retired: retired keys stay in the keyring (public half) so certificates they signed
// keep verifying. A key marked revoked (compromised) no longer verifies anything.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';

export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';
export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const KEYRING_FILE = 'issuer-keys.json';

/** The 32-byte Ed25519 seed, encrypted with AES-256-GCM under a key derived by scrypt. */
export type EncryptedSecret = {
  alg: 'A256GCM';
  kdf: 'scrypt';
  /** scrypt cost parameters, stored so they can be raised later without breaking old files */
  N: number;
  r: number;
  p: number;
  salt: string; // base64url
  iv: string; // base64url, 12 bytes
  tag: string; // base64url, 16 bytes
  ciphertext: string; // base64url
};

export type IssuerKeyRecord = {
  id: string; // `${issuerUrl}/issuer#key-N`
  index: number; // N
  controller: string; // `${issuerUrl}/issuer`
  type: 'Multikey';
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt?: string; // no longer signs new certificates; still verifies old ones
  revokedAt?: string; // compromised: verifies nothing
  encryptedSecretKey?: EncryptedSecret; // absent in a public-only export
};

export type IssuerKeyring = {
  version: 1;
  issuerUrl: string;
  activeKeyId: string;
  keys: IssuerKeyRecord[];
};

/** What a verifier needs: public keys only. The `--keys` file of the CLI has this shape. */
export type IssuerPublicKey = {
  id: string;
  controller: string;
  type: 'Multikey';
  publicKeyMultibase: string;
  revoked?: boolean;
};

export type IssuerPublicKeySet = { issuerUrl: string; keys: IssuerPublicKey[] };

/** An unlocked signing key: the Multikey pair for Data Integrity plus a node:crypto key for the QR payload. */
export type IssuerSigningKey = {
  id: string;
  index: number;
  controller: string;
  keyPair: Ed25519KeyPair;
  privateKey: KeyObject;
};

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MULTICODEC_ED25519_PUB = [0xed, 0x01];

export function normaliseIssuerUrl(issuerUrl: string): string {
  const u = new URL(issuerUrl); // throws on garbage: configuration error, fail early
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`issuerUrl must be http(s): ${issuerUrl}`);
  return issuerUrl.replace(/\/+$/, '');
}

export const controllerId = (issuerUrl: string) => `${normaliseIssuerUrl(issuerUrl)}/issuer`;
export const keyId = (issuerUrl: string, index: number) => `${controllerId(issuerUrl)}#key-${index}`;

// ---------------------------------------------------------------- encryption at rest

function deriveKey(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  if (typeof secret !== 'string' || secret.length < 16) throw new Error('the issuer key secret must be a string of at least 16 characters');
  return scryptSync(secret.normalize('NFC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
}

/** Encrypts bytes; `aad` (the key id) binds the ciphertext to its record so records can't be swapped. */
export function encryptSecret(plain: Uint8Array, secret: string, aad: string): EncryptedSecret {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt, SCRYPT), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    alg: 'A256GCM',
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64url'),
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
  };
}

export function decryptSecret(enc: EncryptedSecret, secret: string, aad: string): Buffer {
  if (enc.alg !== 'A256GCM' || enc.kdf !== 'scrypt') throw new Error(`unsupported key encryption ${enc.alg}/${enc.kdf}`);
  const key = deriveKey(secret, Buffer.from(enc.salt, 'base64url'), { N: enc.N, r: enc.r, p: enc.p });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(enc.tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(enc.ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new Error('cannot decrypt the issuer key: wrong secret or damaged key file');
  }
}

// ---------------------------------------------------------------- raw key helpers

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(s: string): Buffer {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error('invalid base58 character');
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of s) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

/** 32 raw public-key bytes from a `z6Mk…` Ed25519 publicKeyMultibase. */
export function rawPublicKeyFromMultibase(publicKeyMultibase: string): Buffer {
  if (typeof publicKeyMultibase !== 'string' || !publicKeyMultibase.startsWith('z')) throw new Error('publicKeyMultibase must be base58btc (z…)');
  const bytes = base58Decode(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== MULTICODEC_ED25519_PUB[0] || bytes[1] !== MULTICODEC_ED25519_PUB[1]) {
    throw new Error('publicKeyMultibase is not an Ed25519 public key');
  }
  return bytes.subarray(2);
}

export function publicKeyObject(publicKeyMultibase: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, rawPublicKeyFromMultibase(publicKeyMultibase)]), format: 'der', type: 'spki' });
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
}

// ---------------------------------------------------------------- generate, rotate, unlock

export async function generateIssuerKey(issuerUrl: string, index: number, secret: string, now = new Date()): Promise<IssuerKeyRecord> {
  const id = keyId(issuerUrl, index);
  const seed = randomBytes(32);
  const keyPair = await Ed25519Multikey.generate({ id, controller: controllerId(issuerUrl), seed });
  const record: IssuerKeyRecord = {
    id,
    index,
    controller: controllerId(issuerUrl),
    type: 'Multikey',
    publicKeyMultibase: keyPair.publicKeyMultibase,
    createdAt: now.toISOString(),
    encryptedSecretKey: encryptSecret(seed, secret, id),
  };
  seed.fill(0);
  return record;
}

export async function createKeyring(issuerUrl: string, secret: string, now = new Date()): Promise<IssuerKeyring> {
  const url = normaliseIssuerUrl(issuerUrl);
  const first = await generateIssuerKey(url, 1, secret, now);
  return { version: 1, issuerUrl: url, activeKeyId: first.id, keys: [first] };
}

/** A new keyring with key N+1 active and the previous active key retired (kept for verification). */
export async function rotateKey(ring: IssuerKeyring, secret: string, now = new Date()): Promise<IssuerKeyring> {
  const next = Math.max(0, ...ring.keys.map((k) => k.index)) + 1;
  const fresh = await generateIssuerKey(ring.issuerUrl, next, secret, now);
  const keys = ring.keys.map((k) => (k.id === ring.activeKeyId && !k.retiredAt ? { ...k, retiredAt: now.toISOString() } : k));
  return { ...ring, activeKeyId: fresh.id, keys: [...keys, fresh] };
}

/** Marks a key compromised. If it was the active key, rotate afterwards. */
export function revokeKey(ring: IssuerKeyring, id: string, now = new Date()): IssuerKeyring {
  if (!ring.keys.some((k) => k.id === id)) throw new Error(`no key ${id}`);
  return { ...ring, keys: ring.keys.map((k) => (k.id === id ? { ...k, revokedAt: k.revokedAt ?? now.toISOString() } : k)) };
}

export function activeKeyRecord(ring: IssuerKeyring): IssuerKeyRecord {
  const k = ring.keys.find((x) => x.id === ring.activeKeyId);
  if (!k) throw new Error('keyring has no active key');
  if (k.revokedAt) throw new Error(`the active key ${k.id} is revoked: rotate first`);
  return k;
}

/** Decrypts a key record into a signing key. */
export async function unlockKey(record: IssuerKeyRecord, secret: string): Promise<IssuerSigningKey> {
  if (!record.encryptedSecretKey) throw new Error(`key ${record.id} has no private half (public-only keyring)`);
  const seed = decryptSecret(record.encryptedSecretKey, secret, record.id);
  try {
    const keyPair = await Ed25519Multikey.generate({ id: record.id, controller: record.controller, seed });
    if (keyPair.publicKeyMultibase !== record.publicKeyMultibase) throw new Error(`key ${record.id}: decrypted private key does not match its public key`);
    return { id: record.id, index: record.index, controller: record.controller, keyPair, privateKey: privateKeyObject(seed) };
  } finally {
    seed.fill(0);
  }
}

export async function unlockActiveKey(ring: IssuerKeyring, secret: string): Promise<IssuerSigningKey> {
  return unlockKey(activeKeyRecord(ring), secret);
}

// ---------------------------------------------------------------- public views, Multikey, JWK

export function publicKeySet(ring: IssuerKeyring): IssuerPublicKeySet {
  return {
    issuerUrl: ring.issuerUrl,
    keys: ring.keys.map((k) => ({
      id: k.id,
      controller: k.controller,
      type: 'Multikey' as const,
      publicKeyMultibase: k.publicKeyMultibase,
      ...(k.revokedAt ? { revoked: true } : {}),
    })),
  };
}

/** Multikey document for one key (what `${issuerUrl}/issuer#key-N` dereferences to). */
export function toMultikeyDocument(k: IssuerPublicKey | IssuerKeyRecord) {
  return { '@context': MULTIKEY_CONTEXT_V1, id: k.id, type: 'Multikey' as const, controller: k.controller, publicKeyMultibase: k.publicKeyMultibase };
}

/**
 * The controller document served at `${issuerUrl}/issuer`: every non-revoked key is an
 * assertionMethod, so certificates signed by retired keys still verify.
 */
export function controllerDocument(set: IssuerPublicKeySet) {
  const usable = set.keys.filter((k) => !k.revoked);
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: controllerId(set.issuerUrl),
    verificationMethod: usable.map((k) => ({ id: k.id, type: 'Multikey', controller: k.controller, publicKeyMultibase: k.publicKeyMultibase })),
    assertionMethod: usable.map((k) => k.id),
  };
}

export async function toPublicJwk(k: { publicKeyMultibase: string; id?: string }) {
  const jwk = await Ed25519Multikey.toJwk({ keyPair: { publicKey: rawPublicKeyFromMultibase(k.publicKeyMultibase) } });
  return { ...jwk, ...(k.id ? { kid: k.id } : {}) };
}

export async function fromPublicJwk(jwk: { kty: string; crv: string; x: string; kid?: string }, controller?: string): Promise<IssuerPublicKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error('not an Ed25519 JWK');
  if (!jwk.kid) throw new Error('JWK needs a kid (the key id)');
  const kp = await Ed25519Multikey.fromJwk({ jwk, id: jwk.kid, controller });
  return { id: jwk.kid, controller: controller ?? jwk.kid.split('#')[0], type: 'Multikey', publicKeyMultibase: kp.publicKeyMultibase };
}

/** Accepts a keyring, a public key set, a controller document, a Multikey, or a JWK (set); returns public keys. */
export async function parsePublicKeys(input: unknown): Promise<IssuerPublicKey[]> {
  const o = input as any;
  if (!o || typeof o !== 'object') throw new Error('keys: expected a JSON object');
  if (Array.isArray(o.keys) && o.keys.every((k: any) => k && k.kty)) {
    return Promise.all(o.keys.map((k: any) => fromPublicJwk(k))); // JWK set
  }
  if (Array.isArray(o.keys)) {
    return o.keys.map((k: any) => ({
      id: String(k.id),
      controller: String(k.controller),
      type: 'Multikey' as const,
      publicKeyMultibase: String(k.publicKeyMultibase),
      ...(k.revoked || k.revokedAt ? { revoked: true } : {}),
    }));
  }
  if (Array.isArray(o.verificationMethod)) {
    const assert = new Set((o.assertionMethod ?? []).map((a: any) => (typeof a === 'string' ? a : a.id)));
    return o.verificationMethod.map((k: any) => ({
      id: k.id,
      controller: k.controller,
      type: 'Multikey' as const,
      publicKeyMultibase: k.publicKeyMultibase,
      ...(assert.has(k.id) ? {} : { revoked: true }),
    }));
  }
  if (o.type === 'Multikey' && o.publicKeyMultibase) return [{ id: o.id, controller: o.controller, type: 'Multikey', publicKeyMultibase: o.publicKeyMultibase }];
  if (o.kty) return [await fromPublicJwk(o)];
  throw new Error('keys: unrecognised format (keyring, {keys:[…]}, controller document, Multikey or JWK)');
}

// ---------------------------------------------------------------- file store

export function assertKeyring(o: any): asserts o is IssuerKeyring {
  if (!o || o.version !== 1 || typeof o.issuerUrl !== 'string' || !Array.isArray(o.keys) || typeof o.activeKeyId !== 'string') {
    throw new Error('not an issuer keyring (version 1)');
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, path);
  await chmod(path, 0o600);
}

export async function saveKeyring(dir: string, ring: IssuerKeyring): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(join(dir, KEYRING_FILE), JSON.stringify(ring, null, 2) + '\n');
}

export async function loadKeyring(dir: string): Promise<IssuerKeyring | null> {
  let text: string;
  try {
    text = await readFile(join(dir, KEYRING_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const ring = JSON.parse(text);
  assertKeyring(ring);
  return ring;
}

/**
 * Loads `${dir}/issuer-keys.json`, creating it with key-1 if missing. The secret is checked by
 * unlocking the active key, so a wrong secret fails at start-up rather than at first issue.
 */
export async function loadOrCreateIssuerKeys(
  dir: string,
  secret: string,
  issuerUrl: string,
): Promise<{ keyring: IssuerKeyring; signingKey: IssuerSigningKey; created: boolean }> {
  const url = normaliseIssuerUrl(issuerUrl);
  let keyring = await loadKeyring(dir);
  let created = false;
  if (!keyring) {
    keyring = await createKeyring(url, secret);
    await saveKeyring(dir, keyring);
    created = true;
  } else if (keyring.issuerUrl !== url) {
    throw new Error(`issuer key file is for ${keyring.issuerUrl}, not ${url}`);
  }
  return { keyring, signingKey: await unlockActiveKey(keyring, secret), created };
}
