import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { COURSE_ID, fetchOrFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event.locals, event.url);
  const course = await fetchOrFail<CourseDetailBody>(event, `/api/courses/${COURSE_ID}`);
  return {
    name: user.name,
    enrolled: course.enrolled ? [{ id: course.id, title: course.title, locale: course.locale, modules: course.modules.length, firstLessonId: course.modules[0]?.lessons[0]?.id }] : [],
  };
};
