import { apiClient, settle } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiClient(event);
  const [status, jwks] = await Promise.all([
    settle(api.GET('/api/verify/{id}', { params: { path: { id: event.params.id } } })),
    settle(api.GET('/.well-known/issuer-keys.json')),
  ]);
  return {
    verification: status.ok ? status.data : { status: 'unknown' as const },
    keys: jwks.ok ? JSON.stringify(jwks.data.keys) : '[]',
  };
};
