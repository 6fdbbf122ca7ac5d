// The team's action plan: its sections with progress, the document downloads and the read-only share links.
import { fail } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const id = event.params.id;
  const api = apiClient(event);
  const [team, plan] = await Promise.all([
    orFail(api.GET('/api/teams/{id}', { params: { path: { id } } }), errorText),
    orFail(
      api.GET('/api/teams/{id}/plan', { params: { path: { id }, query: { locale: event.locals.locale } } }),
      errorText,
    ),
  ]);
  const shares = plan.canEdit
    ? (await orFail(api.GET('/api/teams/{id}/plan/shares', { params: { path: { id } } }), errorText)).items
    : [];
  // A workshop team's documents are in the workshop's language; a team of its own gets the reader's.
  const query = team.workshopId ? '' : `?locale=${event.locals.locale}`;
  return { team: { id: team.id, city: team.city, country: team.country }, plan, shares, documentQuery: query };
};

export const actions: Actions = {
  share: async (event) => {
    requireSignedIn(event.locals, event.url);
    const res = await settle(
      apiClient(event).POST('/api/teams/{id}/plan/shares', { params: { path: { id: event.params.id } } }),
    );
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    return { created: { url: res.data.url } };
  },
  revoke: async (event) => {
    requireSignedIn(event.locals, event.url);
    const shareId = String((await event.request.formData()).get('shareId') ?? '');
    const res = await settle(
      apiClient(event).DELETE('/api/teams/{id}/plan/shares/{shareId}', {
        params: { path: { id: event.params.id, shareId } },
      }),
    );
    if (!res.ok) return fail(res.status, { error: errorText(res.error) });
    return { revoked: true };
  },
};
