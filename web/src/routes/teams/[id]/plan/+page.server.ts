// The team's action plan: its sections with progress, the document downloads and the read-only share links.
import type { PlanViewBody, ShareCreated, ShareList } from '$server/modules/teams/plan.schemas.ts';
import type { TeamViewBody } from '$server/modules/teams/teams.schemas.ts';
import type { Static } from 'typebox';
import { fail } from '@sveltejs/kit';
import { api } from '$lib/server/api.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const id = event.params.id;
  const [team, plan] = await Promise.all([
    readOrFail<TeamViewBody>(event, `/api/teams/${id}`),
    readOrFail<PlanViewBody>(event, `/api/teams/${id}/plan?locale=${event.locals.locale}`),
  ]);
  const shares = plan.canEdit ? (await readOrFail<Static<typeof ShareList>>(event, `/api/teams/${id}/plan/shares`)).items : [];
  // A workshop team's documents are in the workshop's language; a team of its own gets the reader's.
  const query = team.workshopId ? '' : `?locale=${event.locals.locale}`;
  return { team: { id: team.id, city: team.city, country: team.country }, plan, shares, documentQuery: query };
};

export const actions: Actions = {
  share: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await api<Static<typeof ShareCreated>>(event, 'POST', `/api/teams/${event.params.id}/plan/shares`);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    return { created: { url: res.data.url } };
  },
  revoke: async (event) => {
    requireSignedIn(event.locals, event.url);
    const shareId = String((await event.request.formData()).get('shareId') ?? '');
    const res = await api(event, 'DELETE', `/api/teams/${event.params.id}/plan/shares/${encodeURIComponent(shareId)}`);
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    return { revoked: true };
  },
};
