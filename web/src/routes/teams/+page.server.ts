// "City team": my teams, forming a team (alone, or in a workshop: ?workshop=<id>), joining one by its code.
import { fail, redirect } from '@sveltejs/kit';
import { countryList } from '$server/modules/workshops/countries.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorField, errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = event.url.searchParams.get('workshop');
  const workshopId = workshop && UUID.test(workshop) ? workshop : null;
  const api = apiClient(event);
  const [mine, inWorkshop] = await Promise.all([
    orFail(api.GET('/api/teams/mine'), errorText),
    // Facilitators see the workshop's teams with their codes; for anyone else the list is not theirs to see.
    workshopId ? settle(api.GET('/api/teams', { params: { query: { workshopId } } })) : null,
  ]);
  return {
    teams: mine.items,
    workshopId,
    workshopTeams: inWorkshop?.ok ? inWorkshop.data.items : null,
    countries: countryList(event.locals.locale),
    code: (event.url.searchParams.get('code') ?? '').slice(0, 40),
  };
};

const failed = (
  res: { status: number; error: { code: string; message: string; details?: unknown } },
  form: string,
  values: Record<string, string>,
) => fail(res.status, { error: errorText(res.error), field: errorField(res.error) ?? null, form, values });

export const actions: Actions = {
  create: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'city', 'country', 'workshopId');
    const res = await settle(
      apiClient(event).POST('/api/teams', {
        body: {
          city: values.city,
          country: values.country,
          ...(values.workshopId ? { workshopId: values.workshopId } : {}),
        },
      }),
    );
    if (!res.ok) return failed(res, 'create', values);
    // A facilitator forming a team for the room stays on the workshop's list of teams.
    redirect(303, res.data.canEdit ? `/teams/${res.data.id}` : `/teams?workshop=${values.workshopId}`);
  },
  join: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'code');
    const res = await settle(apiClient(event).POST('/api/teams/join', { body: { code: values.code } }));
    if (!res.ok) return failed(res, 'join', values);
    redirect(303, `/teams/${res.data.teamId}`);
  },
};
