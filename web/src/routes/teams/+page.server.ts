// "City team": my teams, forming a team (alone, or in a workshop: ?workshop=<id>), joining one by its code.
import type { TeamList, TeamViewBody } from '$server/modules/teams/teams.schemas.ts';
import type { Static } from 'typebox';
import { fail, redirect } from '@sveltejs/kit';
import { countryList } from '$server/modules/workshops/countries.ts';
import { api } from '$lib/server/api.ts';
import { errorField, errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = event.url.searchParams.get('workshop');
  const workshopId = workshop && UUID.test(workshop) ? workshop : null;
  const [mine, inWorkshop] = await Promise.all([
    readOrFail<Static<typeof TeamList>>(event, '/api/teams/mine'),
    // Facilitators see the workshop's teams with their codes; for anyone else the list is not theirs to see.
    workshopId ? api<Static<typeof TeamList>>(event, 'GET', `/api/teams?workshopId=${workshopId}`) : null,
  ]);
  return {
    teams: mine.items,
    workshopId,
    workshopTeams: inWorkshop?.ok ? inWorkshop.data.items : null,
    countries: countryList(event.locals.locale),
    code: (event.url.searchParams.get('code') ?? '').slice(0, 40),
  };
};

const failed = (res: { status: number; error: { code: string; message: string; details?: unknown } }, form: string, values: Record<string, string>) =>
  fail(res.status, { error: errorText(res.error), field: errorField(res.error) ?? null, form, values });

export const actions: Actions = {
  create: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'city', 'country', 'workshopId');
    const res = await api<TeamViewBody>(event, 'POST', '/api/teams', { city: values.city, country: values.country, ...(values.workshopId ? { workshopId: values.workshopId } : {}) });
    if (!res.ok) return failed(res, 'create', values);
    // A facilitator forming a team for the room stays on the workshop's list of teams.
    redirect(303, res.data.canEdit ? `/teams/${res.data.id}` : `/teams?workshop=${values.workshopId}`);
  },
  join: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'code');
    const res = await api<{ teamId: string }>(event, 'POST', '/api/teams/join', { code: values.code });
    if (!res.ok) return failed(res, 'join', values);
    redirect(303, `/teams/${res.data.teamId}`);
  },
};
