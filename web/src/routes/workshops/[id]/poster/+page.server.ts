import { error } from '@sveltejs/kit';
import type { ManagedWorkshopBody, ParticipantWorkshopBody } from '$server/modules/workshops/workshops.schemas.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { qrSvg, readOrFail } from '$lib/server/workshops.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = await readOrFail<ManagedWorkshopBody | ParticipantWorkshopBody>(event, `/api/workshops/${encodeURIComponent(event.params.id)}`);
  if (workshop.view !== 'manager') error(403, { message: m.errors_workshops_forbidden(), code: 'workshops.forbidden' });
  const joinPage = new URL(workshop.joinUrl);
  return { workshop, qr: await qrSvg(workshop.joinUrl), joinPage: `${joinPage.host}${joinPage.pathname}` };
};
