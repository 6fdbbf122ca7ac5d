// A city team: members and code, its dated self-assessments and the profile chart (both dates side by side).
import type { AssessmentViewBody, FrameworkView, TeamViewBody } from '$server/modules/teams/teams.schemas.ts';
import type { Static } from 'typebox';
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api.ts';
import { errorField, errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const id = event.params.id;
  const [team, framework, assessments] = await Promise.all([
    readOrFail<TeamViewBody>(event, `/api/teams/${id}`),
    readOrFail<Static<typeof FrameworkView>>(event, `/api/teams/framework?locale=${event.locals.locale}`),
    readOrFail<{ items: AssessmentViewBody[] }>(event, `/api/teams/${id}/assessments`),
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
    const res = await api<{ id: string }>(event, 'POST', `/api/teams/${event.params.id}/assessments`, { assessedOn: values.assessedOn || null });
    if (!res.ok) return fail(res.status, { error: errorText(res.error), field: errorField(res.error) ?? null, values });
    redirect(303, `/teams/${event.params.id}/assess/${res.data.id}`);
  },
};
