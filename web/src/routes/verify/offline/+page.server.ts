import { apiClient, settle } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

// The page the service worker keeps for verifying without a network: the issuer's keys, no online result.
export const load: PageServerLoad = async (event) => {
  const jwks = await settle(apiClient(event).GET('/.well-known/issuer-keys.json'));
  return { keys: jwks.ok ? JSON.stringify(jwks.data.keys) : '[]' };
};
