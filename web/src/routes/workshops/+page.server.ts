import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { apiFailure, errorText, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import { WORKSHOP_FIELDS, workshopBody, workshopChoices } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'facilitator');
  const archived = event.url.searchParams.get('archived') === 'true';
  const list = await orFail(apiClient(event).GET('/api/workshops', { params: { query: { archived } } }), errorText);
  return {
    workshops: list.items,
    archived,
    ...workshopChoices(event.locals.locale),
    defaults: { locale: event.locals.locale },
  };
};

export const actions: Actions = {
  create: async (event) => {
    requireRole(event.locals, event.url, 'facilitator');
    const values = fields(await event.request.formData(), ...WORKSHOP_FIELDS);
    const res = await settle(apiClient(event).POST('/api/workshops', { body: workshopBody(values, 'create') }));
    if (!res.ok) return apiFailure(res.status, res.error, values);
    redirect(303, `/workshops/${res.data.id}`);
  },
};
