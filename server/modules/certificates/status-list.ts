// The revocation list every credential points to (credentialStatus → `${issuer}/status/1`): a W3C Bitstring
// Status List credential, signed like the certificates. Bit N is set when the certificate with statusIndex N is revoked.
import { gzipSync, gunzipSync } from 'node:zlib';
import { controllerId } from './issuer-keys.ts';
import type { Issuer } from './issuer.ts';

/** The minimum list length the specification asks for (16 KB), so a list does not reveal how many were issued. */
export const STATUS_LIST_BITS = 131_072;

export function encodeStatusList(revokedIndexes: number[], bits = STATUS_LIST_BITS): string {
  const size = Math.max(bits, Math.ceil((Math.max(0, ...revokedIndexes) + 1) / 8) * 8);
  const bytes = new Uint8Array(size / 8);
  for (const i of revokedIndexes) bytes[i >> 3] |= 0x80 >> (i & 7); // index 0 is the left-most bit
  return `u${gzipSync(bytes).toString('base64url')}`;
}

export function isSet(encodedList: string, index: number): boolean {
  const bytes = gunzipSync(Buffer.from(encodedList.replace(/^u/, ''), 'base64url'));
  return ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

export async function statusListCredential(issuer: Issuer, revokedIndexes: number[], now = new Date()) {
  const id = `${issuer.url}/status/1`;
  const { signCredential, VC_CONTEXT_V2 } = await import('./credential.ts');
  return signCredential(
    {
      '@context': [VC_CONTEXT_V2],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: controllerId(issuer.url),
      validFrom: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      credentialSubject: {
        id: `${id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(revokedIndexes),
      },
    },
    { signingKey: issuer.signingKey, issuerPublicKeys: issuer.publicKeys, issuerUrl: issuer.url, now },
  );
}
