import type { CourseDetailBody, ModuleDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { TutorialMediaBody } from '$server/modules/media/media.schemas.ts';
import { fetchOrFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const module = await fetchOrFail<ModuleDetailBody>(event, `/api/modules/${encodeURIComponent(event.params.moduleId)}`);
  // The signed-in learner's own progress (ticks per lesson and for the quiz) comes with the course.
  const [media, course] = await Promise.all([
    module.tutorialId ? fetchOrFail<TutorialMediaBody>(event, `/api/tutorials/${encodeURIComponent(module.tutorialId)}`) : null,
    event.locals.user ? fetchOrFail<CourseDetailBody>(event, `/api/courses/${encodeURIComponent(module.courseId)}`) : null,
  ]);
  const own = course?.modules.find((m) => m.id === module.id);
  const progress = own?.progress
    ? { lessons: Object.fromEntries(own.lessons.map((l) => [l.id, l.status === 'complete'])), quizPassed: own.progress.quizPassed, bestScore: own.progress.bestScore }
    : null;
  // Where this learner stopped in the video (the tutorial's progress is kept on the module's first lesson).
  const resumeSeconds = media && course?.resume?.lessonId === module.lessons[0]?.id ? (course.resume.positionSeconds ?? 0) : 0;
  return { module, media, resumeSeconds, progress };
};
