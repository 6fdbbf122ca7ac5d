import { requireRole } from '$lib/server/guards.ts';
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import type { PageServerLoad } from './$types';

const STATUSES = ['not_started', 'in_progress', 'complete', 'overdue'] as const;
const SORTS = ['name', 'progress', 'last_active'] as const;
type Status = (typeof STATUSES)[number];
type Sort = (typeof SORTS)[number];

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'facilitator');
  const status = STATUSES.find((s) => s === event.url.searchParams.get('status')) ?? null;
  const sort = SORTS.find((s) => s === event.url.searchParams.get('sort')) ?? 'name';
  const locale = event.locals.locale;
  const path = { id: event.params.id };
  const api = apiClient(event);
  const [dashboard, teams, framework] = await Promise.all([
    orFail(
      api.GET('/api/workshops/{id}/dashboard', {
        params: { path, query: { sort, locale, ...(status ? { status } : {}) } },
      }),
      errorText,
    ),
    orFail(api.GET('/api/workshops/{id}/teams', { params: { path } }), errorText),
    orFail(api.GET('/api/teams/framework', { params: { query: { locale } } }), errorText),
  ]);
  return {
    dashboard,
    teams,
    framework,
    status: status as Status | null,
    sort: sort as Sort,
    statuses: STATUSES,
    sorts: SORTS,
  };
};
