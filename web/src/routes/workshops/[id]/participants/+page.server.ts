// A workshop's participants: the list (remove, new slip), adding people from a CSV, and the printable sign-in slips.
// Codes exist only in the API's answer (only hashes are stored), so the slips come from the action's result; they are
// printed in each participant's language, with a QR code that opens the sign-in page with their username filled in.
import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';
import { byKey } from '$lib/i18n/generated/by-key.ts';
import { apiClient, rawBody, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { printableSlips } from '$lib/server/slips.ts';
import { formFailure } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The workshop in the API's paths: `{ params: { path: { id } } }`. */
const workshop = (event: RequestEvent) => ({ path: { id: event.params.id } });
const readWorkshop = (event: RequestEvent) =>
  orFail(apiClient(event).GET('/api/workshops/{id}', { params: workshop(event) }), errorText);

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const shown = await readWorkshop(event);
  if (shown.view !== 'manager') error(403, { message: m.errors_workshops_forbidden(), code: 'workshops.forbidden' });
  const list = await orFail(
    apiClient(event).GET('/api/workshops/{id}/participants', { params: workshop(event) }),
    errorText,
  );
  return { workshop: shown, participants: list.items, flash: event.url.searchParams.get('done') };
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
    const upload = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    if (!upload && !csv.trim())
      return fail(400, { form: 'import', error: m.workshops_import_nothing(), problems: [] as string[], values });
    const importing = apiClient(event).POST(
      '/api/workshops/{id}/participants/import',
      upload
        ? { params: workshop(event), body: upload as never, ...rawBody('text/csv') } // the file as uploaded
        : { params: workshop(event), body: { csv } },
    );
    const res = await settle(importing);
    if (!res.ok)
      return fail(res.status, {
        form: 'import',
        error: errorText(res.error),
        problems: problemTexts(res.error.details),
        values,
      });
    const shown = await readWorkshop(event);
    return {
      form: 'import',
      imported: { listed: res.data.listed, already: res.data.alreadyParticipants },
      slips: await printableSlips(res.data.slips, res.data.signInUrl, shown.locale),
    };
  },
  reissue: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const res = await settle(
      apiClient(event).POST('/api/workshops/{id}/participants/{userId}/sign-in-code', {
        params: { path: { id: event.params.id, userId } },
      }),
    );
    if (!res.ok) return fail(res.status, { form: 'list', error: errorText(res.error) });
    const shown = await readWorkshop(event);
    return { form: 'reissue', slips: await printableSlips(res.data.slips, res.data.signInUrl, shown.locale) };
  },
  remove: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const failed = await formFailure(
      apiClient(event).DELETE('/api/workshops/{id}/participants/{userId}', {
        params: { path: { id: event.params.id, userId } },
      }),
      { form: 'list' },
    );
    if (failed) return failed;
    redirect(303, `/workshops/${event.params.id}/participants?done=removed`);
  },
};
