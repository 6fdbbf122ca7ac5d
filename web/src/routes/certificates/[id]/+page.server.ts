import { qrSvg } from '$server/modules/certificates/qr-payload.ts';
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const certificate = await orFail(
    apiClient(event).GET('/api/certificates/{id}', { params: { path: { id: event.params.id } } }),
  );
  return { certificate, qr: await qrSvg(certificate.verifyUrl) };
};
