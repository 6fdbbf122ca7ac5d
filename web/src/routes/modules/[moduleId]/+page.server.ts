import type { ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  module: await fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(event.params.moduleId)}`),
});
