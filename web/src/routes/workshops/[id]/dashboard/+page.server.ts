import type { FrameworkView, WorkshopTeamsProgressBody } from '$server/modules/teams/teams.schemas.ts';
import type { DashboardBody } from '$server/modules/workshops/workshops.schemas.ts';
import type { Static } from 'typebox';
import { requireRole } from '$lib/server/guards.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import type { PageServerLoad } from './$types';

const STATUSES = ['not_started', 'in_progress', 'complete', 'overdue'] as const;
const SORTS = ['name', 'progress', 'last_active'] as const;
type Status = (typeof STATUSES)[number];
type Sort = (typeof SORTS)[number];

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'facilitator');
  const status = STATUSES.find((s) => s === event.url.searchParams.get('status')) ?? null;
  const sort = SORTS.find((s) => s === event.url.searchParams.get('sort')) ?? 'name';
  const query = new URLSearchParams({ sort, locale: event.locals.locale, ...(status ? { status } : {}) });
  const id = encodeURIComponent(event.params.id);
  const [dashboard, teams, framework] = await Promise.all([
    readOrFail<DashboardBody>(event, `/api/workshops/${id}/dashboard?${query}`),
    readOrFail<WorkshopTeamsProgressBody>(event, `/api/workshops/${id}/teams`),
    readOrFail<Static<typeof FrameworkView>>(event, `/api/teams/framework?locale=${event.locals.locale}`),
  ]);
  return { dashboard, teams, framework, status: status as Status | null, sort: sort as Sort, statuses: STATUSES, sorts: SORTS };
};
