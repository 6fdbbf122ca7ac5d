import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import { COURSE_ID, fetchOrFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event.locals, event.url);
  const course = await fetchOrFail<CourseDetailBody>(event, `/api/courses/${COURSE_ID}`);
  const core = course.modules.filter((m) => m.kind === 'core');
  const next = course.resume ?? (course.modules[0]?.lessons[0] ? { lessonId: course.modules[0].lessons[0].id, title: course.modules[0].lessons[0].title, positionSeconds: null } : null);
  return {
    name: user.name,
    enrolled: course.enrolled
      ? [{
          id: course.id,
          title: course.title,
          locale: course.locale,
          completed: course.completed,
          modulesDone: core.filter((m) => m.progress?.status === 'complete').length,
          coreModules: core.length,
          next,
          quizResults: course.modules.filter((m) => m.progress?.bestScore != null).map((m) => ({ moduleId: m.id, title: m.title, bestScore: m.progress!.bestScore!, quizId: m.quizId })),
        }]
      : [],
  };
};
