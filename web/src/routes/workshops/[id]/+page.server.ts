import { redirect } from '@sveltejs/kit';
import type { CourseDetailBody } from '$server/modules/catalog/catalog.schemas.ts';
import type { ManagedWorkshopBody, ParticipantWorkshopBody } from '$server/modules/workshops/workshops.schemas.ts';
import { COURSE_ID, fetchOrFail } from '$lib/server/catalog.ts';
import { fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import { qrSvg, readOrFail, write, WORKSHOP_FIELDS, workshopBody, workshopChoices } from '$lib/server/workshops.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const base = (event: RequestEvent) => `/api/workshops/${encodeURIComponent(event.params.id)}`;

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const workshop = await readOrFail<ManagedWorkshopBody | ParticipantWorkshopBody>(event, base(event));
  const flash = event.url.searchParams.get('done');
  if (workshop.view === 'participant') return { workshop, flash, qr: null, modules: [], choices: null };
  const course = await fetchOrFail<CourseDetailBody>(event, `/api/courses/${COURSE_ID}`);
  return {
    workshop,
    flash,
    qr: await qrSvg(workshop.joinUrl),
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
    const failed = await write(event, 'PATCH', base(event), workshopBody(values, 'edit'), { form: 'edit', values });
    if (failed) return failed;
    back(event, 'saved');
  },
  assign: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'moduleId', 'dueOn', 'dueTime');
    const body = { moduleId: values.moduleId, dueOn: values.dueOn, ...(values.dueTime ? { dueTime: values.dueTime } : {}) };
    const failed = await write(event, 'POST', `${base(event)}/assignments`, body, { form: 'assign', values });
    if (failed) return failed;
    back(event, 'assigned');
  },
  unassign: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { assignmentId } = fields(await event.request.formData(), 'assignmentId');
    const failed = await write(event, 'DELETE', `${base(event)}/assignments/${encodeURIComponent(assignmentId)}`);
    if (failed) return failed;
    back(event, 'saved');
  },
  addFacilitator: async (event) => {
    requireSignedIn(event.locals, event.url);
    const values = fields(await event.request.formData(), 'email');
    const failed = await write(event, 'POST', `${base(event)}/facilitators`, { email: values.email }, { form: 'facilitator', values });
    if (failed) return failed;
    back(event, 'facilitator');
  },
  removeFacilitator: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { userId } = fields(await event.request.formData(), 'userId');
    const failed = await write(event, 'DELETE', `${base(event)}/facilitators/${encodeURIComponent(userId)}`);
    if (failed) return failed;
    back(event, 'saved');
  },
  joining: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { open } = fields(await event.request.formData(), 'open');
    const failed = await write(event, 'PATCH', base(event), { joinOpen: open === 'true' });
    if (failed) return failed;
    back(event, 'saved');
  },
  newCode: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await write(event, 'POST', `${base(event)}/join-code`);
    if (failed) return failed;
    back(event, 'code');
  },
  archive: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await write(event, 'POST', `${base(event)}/archive`);
    if (failed) return failed;
    back(event, 'saved');
  },
  leave: async (event) => {
    requireSignedIn(event.locals, event.url);
    const failed = await write(event, 'POST', `${base(event)}/leave`);
    if (failed) return failed;
    redirect(303, '/learning');
  },
};
