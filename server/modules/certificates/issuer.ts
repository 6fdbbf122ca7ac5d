// The platform as certificate issuer: its Ed25519 keyring (private key encrypted at rest) and public identity.
import path from 'node:path';
import { persistentSecret } from '../../secrets.ts';
import { toPublicJwk } from './issuer-key-codec.ts';
import { controllerDocument, publicKeySet } from './issuer-key-documents.ts';
import { loadOrCreateIssuerKeys } from './issuer-keyring-store.ts';
import type { IssuerKeyring, IssuerPublicKey, IssuerSigningKey } from './issuer-keys.ts';

export const ISSUER_NAME = 'Learning Cities Academy';

export type Issuer = {
  url: string;
  name: string;
  keyring: IssuerKeyring;
  signingKey: IssuerSigningKey;
  publicKeys: IssuerPublicKey[];
};

export async function openIssuer(config: {
  dataDir: string;
  publicUrl: string;
  certKeySecret?: string;
}): Promise<Issuer> {
  const secret = persistentSecret(config.dataDir, 'cert-key-secret', config.certKeySecret);
  const { keyring, signingKey } = await loadOrCreateIssuerKeys(
    path.join(config.dataDir, 'keys'),
    secret,
    config.publicUrl,
  );
  return { url: keyring.issuerUrl, name: ISSUER_NAME, keyring, signingKey, publicKeys: publicKeySet(keyring).keys };
}

/** The issuer's controller document: where verifiers find the public keys the proofs name. */
export const issuerDocument = (issuer: Issuer) => ({
  ...controllerDocument(publicKeySet(issuer.keyring)),
  name: issuer.name,
});

/** The public keys as a JWK set (for the offline verify page and the command-line verifier). */
export async function issuerJwks(issuer: Issuer) {
  return { issuer: issuer.url, keys: await Promise.all(issuer.publicKeys.map((k) => toPublicJwk(k))) };
}
