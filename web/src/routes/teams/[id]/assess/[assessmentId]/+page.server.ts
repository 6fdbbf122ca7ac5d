// Rating one area of the self-assessment at a time. A save sends only the actions whose fields changed from what
// the page showed, one request per action, so two members working on different actions never overwrite each other.
import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { errorText } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['rating', 'evidence', 'link', 'lead'] as const;
const areaNumber = (url: URL) => {
  const n = Number(url.searchParams.get('area') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : 1;
};

export const load: PageServerLoad = async (event) => {
  requireSignedIn(event.locals, event.url);
  const { id, assessmentId } = event.params;
  const api = apiClient(event);
  const [team, framework, assessment] = await Promise.all([
    orFail(api.GET('/api/teams/{id}', { params: { path: { id } } }), errorText),
    orFail(api.GET('/api/teams/framework', { params: { query: { locale: event.locals.locale } } }), errorText),
    orFail(
      api.GET('/api/teams/{id}/assessments/{assessmentId}', { params: { path: { id, assessmentId } } }),
      errorText,
    ),
  ]);
  if (!team.canEdit) error(403, { message: m.errors_teams_members_only(), code: 'teams.members_only' });
  const number = areaNumber(event.url);
  const area = framework.areas.find((a) => a.id === number)!;
  const group = framework.groups.find((g) => g.id === area.group)!;
  return {
    team: { id: team.id, city: team.city },
    assessment: { id: assessment.id, assessedOn: assessment.assessedOn },
    areas: framework.areas.map((a) => ({ id: a.id, title: a.title, lang: a.lang })),
    area,
    groupId: group.id,
    frameworkLang: framework.lang,
    answers: Object.fromEntries(
      assessment.answers.filter((a) => a.actionId.startsWith(`${number}.`)).map((a) => [a.actionId, a]),
    ),
    saved: event.url.searchParams.get('saved') === '1',
  };
};

export const actions: Actions = {
  default: async (event) => {
    requireSignedIn(event.locals, event.url);
    const { id, assessmentId } = event.params;
    const data = await event.request.formData();
    const actionIds = data.getAll('action').map(String).slice(0, 10);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const actionId of actionIds) {
      const changes: Record<string, unknown> = {};
      for (const field of FIELDS) {
        const now = String(data.get(`${field}-${actionId}`) ?? '');
        const before = String(data.get(`was-${field}-${actionId}`) ?? '');
        values[`${field}-${actionId}`] = now;
        if (now !== before)
          changes[field] = field === 'rating' ? (now === '' ? null : Number(now)) : now === '' ? null : now;
      }
      if (!Object.keys(changes).length) continue;
      const res = await settle(
        apiClient(event).PUT('/api/teams/{id}/assessments/{assessmentId}/actions/{actionId}', {
          params: { path: { id, assessmentId, actionId } },
          body: changes,
        }),
      );
      if (!res.ok) errors[actionId] = errorText(res.error);
    }
    if (Object.keys(errors).length) return fail(400, { errors, values });
    const area = areaNumber(event.url);
    const next = data.get('next') === '1' && area < 12;
    redirect(303, `/teams/${id}/assess/${assessmentId}?area=${next ? area + 1 : area}${next ? '' : '&saved=1'}`);
  },
};
