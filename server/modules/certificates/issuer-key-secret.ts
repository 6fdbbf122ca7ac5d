// The issuer's private key seeds encrypted at rest: AES-256-GCM under a key derived by scrypt from the secret,
// with the key id as additional data so records cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

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

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };

function deriveKey(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  if (typeof secret !== 'string' || secret.length < 16)
    throw new Error('the issuer key secret must be a string of at least 16 characters');
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
  if (enc.alg !== 'A256GCM' || enc.kdf !== 'scrypt')
    throw new Error(`unsupported key encryption ${enc.alg}/${enc.kdf}`);
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
