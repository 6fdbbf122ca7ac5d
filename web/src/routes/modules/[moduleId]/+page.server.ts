import { shareWhenAnonymous } from '$lib/server/shared-render.ts';
import { apiClient } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  shareWhenAnonymous(event);
  const api = apiClient(event);
  const locale = event.locals.locale;
  const module = await orFail(
    api.GET('/api/modules/{moduleId}', { params: { path: { moduleId: event.params.moduleId }, query: { locale } } }),
  );
  // The signed-in learner's own progress (ticks per lesson and for the quiz) comes with the course.
  const [media, course] = await Promise.all([
    module.tutorialId
      ? orFail(
          api.GET('/api/tutorials/{tutorialId}', {
            params: { path: { tutorialId: module.tutorialId }, query: { locale } },
          }),
        )
      : null,
    event.locals.user
      ? orFail(
          api.GET('/api/courses/{courseId}', { params: { path: { courseId: module.courseId }, query: { locale } } }),
        )
      : null,
  ]);
  const own = course?.modules.find((m) => m.id === module.id);
  const progress = own?.progress
    ? {
        lessons: Object.fromEntries(own.lessons.map((l) => [l.id, l.status === 'complete'])),
        quizPassed: own.progress.quizPassed,
        bestScore: own.progress.bestScore,
      }
    : null;
  // Where this learner stopped in the video (the tutorial's progress is kept on the module's first lesson).
  const resumeSeconds =
    media && course?.resume?.lessonId === module.lessons[0]?.id ? (course.resume.positionSeconds ?? 0) : 0;
  return { module, media, resumeSeconds, progress };
};
