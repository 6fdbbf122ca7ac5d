// One section of the action plan: its fields as a form that works without JavaScript. A save sends only the fields
// that differ from what the page showed (kept in hidden "was-" inputs), so two members editing different fields of
// the same section at once both keep theirs; /plan-drafts.js keeps what is typed on the device while offline.
import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorField, errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadSection(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  const plan = await orFail(
    apiClient(event).GET('/api/teams/{id}/plan', {
      params: { path: { id: event.params.id }, query: { locale: event.locals.locale } },
    }),
    errorText,
  );
  const index = plan.sections.findIndex((s) => s.id === event.params.sectionId);
  if (index < 0) error(404, { message: m.errors_teams_plan_unknown_section(), code: 'teams.plan_unknown_section' });
  return { plan, index, section: plan.sections[index] };
}

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const { plan, index, section } = await loadSection(event);
  const neighbour = (i: number) =>
    plan.sections[i] ? { id: plan.sections[i].id, title: plan.sections[i].title } : null;
  return {
    teamId: plan.teamId,
    city: plan.city,
    lang: plan.lang,
    canEdit: plan.canEdit,
    canComment: plan.canComment,
    section,
    number: index + 1,
    count: plan.sections.length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    saved: event.url.searchParams.get('saved') === '1',
  };
};

export const actions: Actions = {
  save: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { section } = await loadSection(event);
    const data = await event.request.formData();
    const values: Record<string, string> = {};
    const changed: { sectionId: string; fieldId: string; value: string | null }[] = [];
    for (const f of section.fields) {
      const now = String(data.get(`f-${f.id}`) ?? '').replace(/\r\n?/g, '\n');
      const before = String(data.get(`was-${f.id}`) ?? '').replace(/\r\n?/g, '\n');
      values[f.id] = now;
      if (now !== before) changed.push({ sectionId: section.id, fieldId: f.id, value: now.trim() === '' ? null : now });
    }
    if (changed.length) {
      const res = await settle(
        apiClient(event).PUT('/api/teams/{id}/plan', {
          params: { path: { id: event.params.id } },
          body: { fields: changed },
        }),
      );
      if (!res.ok) {
        const detail = Array.isArray(res.error.details)
          ? (res.error.details[0] as { params?: { field?: string } })
          : undefined;
        return fail(res.status, {
          error: errorText(res.error),
          field: detail?.params?.field ?? errorField(res.error) ?? null,
          values,
        });
      }
    }
    redirect(303, `/teams/${event.params.id}/plan/${section.id}?saved=1`);
  },
  comment: async (event) => {
    requireSignedIn(event.locals, event.url);
    const body = String((await event.request.formData()).get('body') ?? '');
    const res = await settle(
      apiClient(event).POST('/api/teams/{id}/plan/sections/{sectionId}/comments', {
        params: { path: { id: event.params.id, sectionId: event.params.sectionId } },
        body: { body },
      }),
    );
    if (!res.ok) return fail(res.status, { commentError: errorText(res.error), comment: body });
    redirect(303, `/teams/${event.params.id}/plan/${event.params.sectionId}#comments`);
  },
};
