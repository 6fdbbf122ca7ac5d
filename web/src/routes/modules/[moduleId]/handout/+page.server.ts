import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = apiClient(event);
  const locale = event.locals.locale;
  const mod = await orFail(
    api.GET('/api/modules/{moduleId}', { params: { path: { moduleId: event.params.moduleId }, query: { locale } } }),
  );
  const lessons = await Promise.all(
    mod.lessons.map((l) =>
      orFail(api.GET('/api/lessons/{lessonId}', { params: { path: { lessonId: l.id }, query: { locale } } })),
    ),
  );
  return { module: mod, lessons };
};
