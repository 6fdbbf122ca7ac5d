import type { CourseDetailBody, ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { TutorialMediaBody } from '$server/modules/media/media.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const module = await fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(event.params.moduleId)}`);
  const media = module.tutorialId ? await fetchOrFail<TutorialMediaBody>(event, `/api/tutorials/${encodeURIComponent(module.tutorialId)}`) : null;
  // Where this learner stopped in the video (the tutorial's progress is kept on the module's first lesson).
  let resumeSeconds = 0;
  if (media && event.locals.user) {
    const course = await fetchOrFail<CourseDetailBody>(event, `/api/courses/${encodeURIComponent(module.courseId)}`);
    if (course.resume?.lessonId === module.lessons[0]?.id) resumeSeconds = course.resume.positionSeconds ?? 0;
  }
  return { module, media, resumeSeconds };
};
