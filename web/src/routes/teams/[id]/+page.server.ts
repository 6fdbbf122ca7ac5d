// A city team: members and code, its dated self-assessments and the profile chart (both dates side by side).
import { fail, redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorField, errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const id = event.params.id;
  const api = apiClient(event);
  const [team, framework, assessments] = await Promise.all([
    orFail(api.GET('/api/teams/{id}', { params: { path: { id } } }), errorText),
    orFail(api.GET('/api/teams/framework', { params: { query: { locale: event.locals.locale } } }), errorText),
    orFail(api.GET('/api/teams/{id}/assessments', { params: { path: { id } } }), errorText),
  ]);
  return {
    team,
    framework,
    // The latest two, oldest first: the comparison the network asks for (a repeat after a year or two).
    compared: assessments.items.slice(-2).map((a) => ({ id: a.id, assessedOn: a.assessedOn, areas: a.areas })),
    today: new Date().toISOString().slice(0, 10),
  };
};

export const actions: Actions = {
  start: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'assessedOn');
    const res = await settle(
      apiClient(event).POST('/api/teams/{id}/assessments', {
        params: { path: { id: event.params.id } },
        body: { assessedOn: values.assessedOn || null },
      }),
    );
    if (!res.ok) return fail(res.status, { error: errorText(res.error), field: errorField(res.error) ?? null, values });
    redirect(303, `/teams/${event.params.id}/assess/${res.data.id}`);
  },
};
