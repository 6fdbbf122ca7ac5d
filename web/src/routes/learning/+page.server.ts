import { redirect } from '@sveltejs/kit';
import { fields } from '$lib/server/forms.ts';
import { apiClient } from '$lib/server/api.ts';
import { formFailure } from '$lib/server/workshops.ts';
import { COURSE_ID, orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { certificateIdFor } from '$lib/server/completion.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event.locals, event.url);
  const api = apiClient(event);
  const [course, workshops] = await Promise.all([
    orFail(
      api.GET('/api/courses/{courseId}', {
        params: { path: { courseId: COURSE_ID }, query: { locale: event.locals.locale } },
      }),
    ),
    orFail(api.GET('/api/workshops/mine'), errorText),
  ]);
  const core = course.modules.filter((m) => m.kind === 'core');
  const certificateId = await certificateIdFor(event, course);
  const next =
    course.resume ??
    (course.modules[0]?.lessons[0]
      ? {
          lessonId: course.modules[0].lessons[0].id,
          title: course.modules[0].lessons[0].title,
          locale: course.modules[0].lessons[0].locale,
          positionSeconds: null,
        }
      : null);
  return {
    name: user.name,
    workshops: workshops.participating,
    invitations: workshops.invitations,
    answered: event.url.searchParams.get('invitation'),
    enrolled: course.enrolled
      ? [
          {
            id: course.id,
            title: course.title,
            locale: course.locale,
            completed: !!course.completed,
            completion: course.completion,
            certificateId,
            modulesDone: core.filter((m) => m.progress?.status === 'complete').length,
            coreModules: core.length,
            next,
            quizResults: course.modules
              .filter((m) => m.progress?.bestScore != null)
              .map((m) => ({
                moduleId: m.id,
                title: m.title,
                locale: m.locale,
                bestScore: m.progress!.bestScore!,
                quizId: m.quizId,
              })),
          },
        ]
      : [],
  };
};

/** Answering an invitation: plain forms (they work without JavaScript); the API checks the invitation is this person's. */
async function answer(event: RequestEvent, action: 'accept' | 'decline') {
  requireSignedIn(event.locals, event.url);
  const { workshopId } = fields(await event.request.formData(), 'workshopId');
  const failed = await formFailure(
    apiClient(event).POST(`/api/workshop-invitations/{workshopId}/${action}`, { params: { path: { workshopId } } }),
    { form: 'invitation' },
  );
  if (failed) return failed;
  redirect(303, `/learning?invitation=${action === 'accept' ? 'accepted' : 'declined'}`);
}

export const actions: Actions = {
  accept: (event) => answer(event, 'accept'),
  decline: (event) => answer(event, 'decline'),
};
