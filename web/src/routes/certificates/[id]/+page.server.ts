import type { CertificateBody } from '$server/modules/certificates/certificates.schemas.ts';
import { qrSvg } from '$server/modules/certificates/qr-payload.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const certificate = await fetchOrFail<CertificateBody>(event, `/api/certificates/${encodeURIComponent(event.params.id)}`);
  return { certificate, qr: await qrSvg(certificate.verifyUrl) };
};
