import type { LessonDetailBody, ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const mod = await fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(event.params.moduleId)}`);
  const lessons = await Promise.all(mod.lessons.map((l) => fetchOrFail<LessonDetailBody>(event, `/api/lessons/${encodeURIComponent(l.id)}`)));
  return { module: mod, lessons };
};
