import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api.ts';
import { COURSE_ID, orFail } from '$lib/server/catalog.ts';
import { errorText, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { formFailure, qrSvg, WORKSHOP_FIELDS, workshopBody, workshopChoices } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The workshop in the API's paths: `{ params: { path: { id } } }`. */
const workshop = (event: RequestEvent) => ({ path: { id: event.params.id } });

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const api = apiClient(event);
  const shown = await orFail(api.GET('/api/workshops/{id}', { params: workshop(event) }), errorText);
  const flash = event.url.searchParams.get('done');
  if (shown.view === 'participant') return { workshop: shown, flash, qr: null, modules: [], choices: null };
  const course = await orFail(
    api.GET('/api/courses/{courseId}', {
      params: { path: { courseId: COURSE_ID }, query: { locale: event.locals.locale } },
    }),
  );
  return {
    workshop: shown,
    flash,
    qr: await qrSvg(shown.joinUrl),
    modules: course.modules.map((mod) => ({ id: mod.id, number: mod.number, title: mod.title })),
    choices: workshopChoices(event.locals.locale),
  };
};

/** Every write redirects back to the page, which shows the result (the `done` flag says what was saved). */
const back = (event: RequestEvent, done: string) => redirect(303, `/workshops/${event.params.id}?done=${done}`);

export const actions: Actions = {
  edit: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), ...WORKSHOP_FIELDS, 'joinFrom', 'joinUntil');
    const failed = await formFailure(
      apiClient(event).PATCH('/api/workshops/{id}', { params: workshop(event), body: workshopBody(values, 'edit') }),
      { form: 'edit', values },
    );
    if (failed) return failed;
    back(event, 'saved');
  },
  assign: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'moduleId', 'dueOn', 'dueTime');
    const body = {
      moduleId: values.moduleId,
      dueOn: values.dueOn,
      ...(values.dueTime ? { dueTime: values.dueTime } : {}),
    };
    const failed = await formFailure(
      apiClient(event).POST('/api/workshops/{id}/assignments', { params: workshop(event), body }),
      { form: 'assign', values },
    );
    if (failed) return failed;
    back(event, 'assigned');
  },
  unassign: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { assignmentId } = fields(await event.request.formData(), 'assignmentId');
    const failed = await formFailure(
      apiClient(event).DELETE('/api/workshops/{id}/assignments/{assignmentId}', {
        params: { path: { id: event.params.id, assignmentId } },
      }),
    );
    if (failed) return failed;
    back(event, 'saved');
  },
  addFacilitator: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'email');
    const failed = await formFailure(
      apiClient(event).POST('/api/workshops/{id}/facilitators', {
        params: workshop(event),
        body: { email: values.email },
      }),
      { form: 'facilitator', values },
    );
    if (failed) return failed;
    back(event, 'facilitator');
  },
  removeFacilitator: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const failed = await formFailure(
      apiClient(event).DELETE('/api/workshops/{id}/facilitators/{userId}', {
        params: { path: { id: event.params.id, userId } },
      }),
    );
    if (failed) return failed;
    back(event, 'saved');
  },
  joining: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { open } = fields(await event.request.formData(), 'open');
    const failed = await formFailure(
      apiClient(event).PATCH('/api/workshops/{id}', { params: workshop(event), body: { joinOpen: open === 'true' } }),
    );
    if (failed) return failed;
    back(event, 'saved');
  },
  newCode: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await formFailure(
      apiClient(event).POST('/api/workshops/{id}/join-code', { params: workshop(event) }),
    );
    if (failed) return failed;
    back(event, 'code');
  },
  archive: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await formFailure(apiClient(event).POST('/api/workshops/{id}/archive', { params: workshop(event) }));
    if (failed) return failed;
    back(event, 'saved');
  },
  leave: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await formFailure(apiClient(event).POST('/api/workshops/{id}/leave', { params: workshop(event) }));
    if (failed) return failed;
    redirect(303, '/learning');
  },
};
