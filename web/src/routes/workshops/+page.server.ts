import { redirect } from '@sveltejs/kit';
import { LOCALES, LOCALE_NAMES } from '$server/i18n/locales.ts';
import type { ManagedWorkshopBody, WorkshopSummaryBody } from '$server/modules/workshops/workshops.schemas.ts';
import { api } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import { countryChoices, readOrFail, timeZoneChoices } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'facilitator');
  const archived = event.url.searchParams.get('archived') === 'true';
  const list = await readOrFail<{ items: WorkshopSummaryBody[] }>(event, `/api/workshops?archived=${archived}`);
  return {
    workshops: list.items,
    archived,
    countries: countryChoices(event.locals.locale),
    timeZones: timeZoneChoices(),
    locales: LOCALES.map((l) => ({ code: l, name: LOCALE_NAMES[l] })),
    defaults: { locale: event.locals.locale },
  };
};

const FIELDS = ['title', 'city', 'country', 'locale', 'timeZone', 'startsOn', 'endsOn', 'description', 'maxParticipants'];

export const actions: Actions = {
  create: async (event) => {
    requireRole(event.locals, event.url, 'facilitator');
    const values = fields(await event.request.formData(), ...FIELDS);
    const max = values.maxParticipants.trim();
    const res = await api<ManagedWorkshopBody>(event, 'POST', '/api/workshops', {
      title: values.title, city: values.city, country: values.country, locale: values.locale, timeZone: values.timeZone,
      startsOn: values.startsOn, endsOn: values.endsOn,
      ...(values.description.trim() ? { description: values.description } : {}),
      ...(max ? { maxParticipants: /^\d+$/.test(max) ? Number(max) : max } : {}),
    });
    if (!res.ok) return apiFailure(res.status, res.error, values);
    redirect(303, `/workshops/${res.data.id}`);
  },
};
