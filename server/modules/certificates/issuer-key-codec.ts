// Ed25519 key bytes in the forms the certificates use: a Multikey's publicKeyMultibase (z6Mk…, base58btc of the
// multicodec-prefixed key), node:crypto KeyObjects (for the QR payload), and JWK.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decode as base58Decode } from 'base58-universal';

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MULTICODEC_ED25519_PUB = [0xed, 0x01];

/** 32 raw public-key bytes from a `z6Mk…` Ed25519 publicKeyMultibase. */
export function rawPublicKeyFromMultibase(publicKeyMultibase: string): Buffer {
  if (typeof publicKeyMultibase !== 'string' || !publicKeyMultibase.startsWith('z'))
    throw new Error('publicKeyMultibase must be base58btc (z…)');
  // The library skips whitespace and answers undefined for other characters outside the alphabet: refuse both.
  const bytes = /\s/.test(publicKeyMultibase) ? undefined : base58Decode(publicKeyMultibase.slice(1));
  if (!bytes) throw new Error('invalid base58 character');
  if (bytes.length !== 34 || bytes[0] !== MULTICODEC_ED25519_PUB[0] || bytes[1] !== MULTICODEC_ED25519_PUB[1]) {
    throw new Error('publicKeyMultibase is not an Ed25519 public key');
  }
  return Buffer.from(bytes.subarray(2));
}

export function publicKeyObject(publicKeyMultibase: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, rawPublicKeyFromMultibase(publicKeyMultibase)]),
    format: 'der',
    type: 'spki',
  });
}

export function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(seed)]),
    format: 'der',
    type: 'pkcs8',
  });
}

export async function toPublicJwk(k: { publicKeyMultibase: string; id?: string }) {
  const jwk = await Ed25519Multikey.toJwk({ keyPair: { publicKey: rawPublicKeyFromMultibase(k.publicKeyMultibase) } });
  return { ...jwk, ...(k.id ? { kid: k.id } : {}) };
}
