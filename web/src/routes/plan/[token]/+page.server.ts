// A city's action plan read through its share link: no account needed, read only, with the documents.
import type { PlanViewBody } from '$server/modules/teams/plan.schemas.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const token = encodeURIComponent(event.params.token);
  const plan = await readOrFail<PlanViewBody>(event, `/api/shared-plans/${token}?locale=${event.locals.locale}`);
  return { plan, base: `/api/shared-plans/${token}` };
};
