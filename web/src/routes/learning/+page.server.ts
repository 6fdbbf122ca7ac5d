import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { ParticipantWorkshopBody } from '$server/modules/workshops/workshops.schemas.ts';
import { readOrFail } from '$lib/server/workshops.ts';
import { COURSE_ID, fetchOrFail } from '$lib/server/catalog.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event.locals, event.url);
  const [course, workshops] = await Promise.all([
    fetchOrFail<CourseDetailBody>(event, `/api/courses/${COURSE_ID}`),
    readOrFail<{ participating: ParticipantWorkshopBody[] }>(event, '/api/workshops/mine'),
  ]);
  const core = course.modules.filter((m) => m.kind === 'core');
  const next = course.resume ?? (course.modules[0]?.lessons[0] ? { lessonId: course.modules[0].lessons[0].id, title: course.modules[0].lessons[0].title, positionSeconds: null } : null);
  return {
    name: user.name,
    workshops: workshops.participating,
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
