// The public side of the issuer's keys as others read it: the public key set, the Multikey and controller
// documents served under the issuer URL, and the key files a verifier may be given (parsePublicKeys).
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  controllerId,
  type IssuerKeyRecord,
  type IssuerKeyring,
  type IssuerPublicKey,
  type IssuerPublicKeySet,
} from './issuer-keys.ts';

export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';
export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';

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
  return {
    '@context': MULTIKEY_CONTEXT_V1,
    id: k.id,
    type: 'Multikey' as const,
    controller: k.controller,
    publicKeyMultibase: k.publicKeyMultibase,
  };
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
    verificationMethod: usable.map((k) => ({
      id: k.id,
      type: 'Multikey',
      controller: k.controller,
      publicKeyMultibase: k.publicKeyMultibase,
    })),
    assertionMethod: usable.map((k) => k.id),
  };
}

export async function fromPublicJwk(
  jwk: { kty: string; crv: string; x: string; kid?: string },
  controller?: string,
): Promise<IssuerPublicKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error('not an Ed25519 JWK');
  if (!jwk.kid) throw new Error('JWK needs a kid (the key id)');
  const kp = await Ed25519Multikey.fromJwk({ jwk, id: jwk.kid, controller });
  return {
    id: jwk.kid,
    controller: controller ?? jwk.kid.split('#')[0],
    type: 'Multikey',
    publicKeyMultibase: kp.publicKeyMultibase,
  };
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
  if (o.type === 'Multikey' && o.publicKeyMultibase)
    return [{ id: o.id, controller: o.controller, type: 'Multikey', publicKeyMultibase: o.publicKeyMultibase }];
  if (o.kty) return [await fromPublicJwk(o)];
  throw new Error('keys: unrecognised format (keyring, {keys:[…]}, controller document, Multikey or JWK)');
}
