import type { VerificationBody } from '$server/modules/certificates/certificates.schemas.ts';
import { api } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

type Jwks = { issuer: string; keys: { kty: string; crv: string; x: string; kid: string }[] };

export const load: PageServerLoad = async (event) => {
  const [status, jwks] = await Promise.all([
    api<VerificationBody>(event, 'GET', `/api/verify/${encodeURIComponent(event.params.id)}`),
    api<Jwks>(event, 'GET', '/.well-known/issuer-keys.json'),
  ]);
  return { verification: status.ok ? status.data : { status: 'unknown' as const }, keys: jwks.ok ? JSON.stringify(jwks.data.keys) : '[]' };
};
