import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  course: await fetchOrFail<CourseDetailBody>(event, `/api/courses/${encodeURIComponent(event.params.courseId)}`),
});
