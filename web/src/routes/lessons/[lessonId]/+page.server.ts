import type { LessonDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  lesson: await fetchOrFail<LessonDetailBody>(event, `/api/lessons/${encodeURIComponent(event.params.lessonId)}`),
});
