// A workshop's participants: the list (remove, new slip), adding people from a CSV, and the printable sign-in slips.
// Codes exist only in the API's answer (only hashes are stored), so the slips come from the action's result; they are
// printed in each participant's language, with a QR code that opens the sign-in page with their username filled in.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Static } from 'typebox';
import type { ImportResult, ManagedWorkshopBody, ParticipantList, ParticipantWorkshopBody, SlipResult } from '$server/modules/workshops/workshops.schemas.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { byKey } from '$lib/i18n/generated/by-key.ts';
import { api } from '$lib/server/api.ts';
import { errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { printableSlips } from '$lib/server/slips.ts';
import { readOrFail, write } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const base = (event: RequestEvent) => `/api/workshops/${encodeURIComponent(event.params.id)}`;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = await readOrFail<ManagedWorkshopBody | ParticipantWorkshopBody>(event, base(event));
  if (workshop.view !== 'manager') error(403, { message: m.errors_workshops_forbidden(), code: 'workshops.forbidden' });
  const list = await readOrFail<Static<typeof ParticipantList>>(event, `${base(event)}/participants`);
  return { workshop, participants: list.items, flash: event.url.searchParams.get('done') };
};

type Problem = { code: string; message: string; params: Record<string, string | number> };
/** Each `line N: ...` problem of a refused file, in the page's language. */
const problemTexts = (details: unknown): string[] => {
  const problems = (details as { problems?: Problem[] } | undefined)?.problems ?? [];
  return problems.map((p) => byKey[`errors.${p.code}`]?.(p.params) ?? p.message);
};

export const actions: Actions = {
  import: async (event) => {
    requireSignedIn(event.locals, event.url);
    const data = await event.request.formData();
    const file = data.get('file');
    const csv = String(data.get('csv') ?? '');
    const values = { csv: csv.slice(0, 200_000) };
    const body = file instanceof File && file.size > 0
      ? { raw: new Uint8Array(await file.arrayBuffer()), contentType: 'text/csv' }
      : csv.trim() ? { csv } : null;
    if (!body) return fail(400, { form: 'import', error: m.workshops_import_nothing(), problems: [] as string[], values });
    const res = await api<Static<typeof ImportResult>>(event, 'POST', `${base(event)}/participants/import`, body);
    if (!res.ok) return fail(res.status, { form: 'import', error: errorText(res.error), problems: problemTexts(res.error.details), values });
    const workshop = await readOrFail<ManagedWorkshopBody>(event, base(event));
    return { form: 'import', imported: { listed: res.data.listed, already: res.data.alreadyParticipants }, slips: await printableSlips(res.data.slips, res.data.signInUrl, workshop.locale) };
  },
  reissue: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const res = await api<Static<typeof SlipResult>>(event, 'POST', `${base(event)}/participants/${encodeURIComponent(userId)}/sign-in-code`);
    if (!res.ok) return fail(res.status, { form: 'list', error: errorText(res.error) });
    const workshop = await readOrFail<ManagedWorkshopBody>(event, base(event));
    return { form: 'reissue', slips: await printableSlips(res.data.slips, res.data.signInUrl, workshop.locale) };
  },
  remove: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const failed = await write(event, 'DELETE', `${base(event)}/participants/${encodeURIComponent(userId)}`, undefined, { form: 'list' });
    if (failed) return failed;
    redirect(303, `/workshops/${event.params.id}/participants?done=removed`);
  },
};
