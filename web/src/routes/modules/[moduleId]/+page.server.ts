import type { ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { TutorialMediaBody } from '$server/modules/media/media.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const module = await fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(event.params.moduleId)}`);
  const media = module.tutorialId ? await fetchOrFail<TutorialMediaBody>(event, `/api/tutorials/${encodeURIComponent(module.tutorialId)}`) : null;
  return { module, media };
};
