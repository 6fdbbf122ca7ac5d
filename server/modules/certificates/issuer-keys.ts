// Ed25519 issuer keys for certificates: the keyring, generation, rotation, revocation and unlocking. The private
// half is encrypted at rest (issuer-key-secret.ts); key bytes and JWK in issuer-key-codec.ts; the public documents
// in issuer-key-documents.ts; the file in issuer-keyring-store.ts.
//
// Key ids follow `${issuerUrl}/issuer#key-N`; `${issuerUrl}/issuer` is both the Open Badges
// issuer Profile id and the controller of every key. Rotation adds key N+1 and marks the old
// key retired: retired keys stay in the keyring (public half) so certificates they signed
// keep verifying. A key marked revoked (compromised) no longer verifies anything.
import { randomBytes, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import { privateKeyObject } from './issuer-key-codec.ts';
import { decryptSecret, encryptSecret, type EncryptedSecret } from './issuer-key-secret.ts';

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

export function normaliseIssuerUrl(issuerUrl: string): string {
  const u = new URL(issuerUrl); // throws on garbage: configuration error, fail early
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`issuerUrl must be http(s): ${issuerUrl}`);
  return issuerUrl.replace(/\/+$/, '');
}

export const controllerId = (issuerUrl: string) => `${normaliseIssuerUrl(issuerUrl)}/issuer`;
export const keyId = (issuerUrl: string, index: number) => `${controllerId(issuerUrl)}#key-${index}`;

export async function generateIssuerKey(
  issuerUrl: string,
  index: number,
  secret: string,
  now = new Date(),
): Promise<IssuerKeyRecord> {
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
  const keys = ring.keys.map((k) =>
    k.id === ring.activeKeyId && !k.retiredAt ? { ...k, retiredAt: now.toISOString() } : k,
  );
  return { ...ring, activeKeyId: fresh.id, keys: [...keys, fresh] };
}

/** Marks a key compromised. If it was the active key, rotate afterwards. */
export function revokeKey(ring: IssuerKeyring, id: string, now = new Date()): IssuerKeyring {
  if (!ring.keys.some((k) => k.id === id)) throw new Error(`no key ${id}`);
  return {
    ...ring,
    keys: ring.keys.map((k) => (k.id === id ? { ...k, revokedAt: k.revokedAt ?? now.toISOString() } : k)),
  };
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
    if (keyPair.publicKeyMultibase !== record.publicKeyMultibase)
      throw new Error(`key ${record.id}: decrypted private key does not match its public key`);
    return {
      id: record.id,
      index: record.index,
      controller: record.controller,
      keyPair,
      privateKey: privateKeyObject(seed),
    };
  } finally {
    seed.fill(0);
  }
}

export async function unlockActiveKey(ring: IssuerKeyring, secret: string): Promise<IssuerSigningKey> {
  return unlockKey(activeKeyRecord(ring), secret);
}
