import type { RequestBody } from '$lib/api/answers.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { orFail } from '$lib/server/catalog.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

/** The role as the form sent it: the API refuses one it does not know (a 400 shown next to the form). */
type Role = RequestBody<'updateUser'>['role'];

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'admin');
  const q = event.url.searchParams.get('q') ?? '';
  const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
  const users = await orFail(
    apiClient(event).GET('/api/admin/users', { params: { query: { page, pageSize: 25, ...(q ? { q } : {}) } } }),
  );
  const created = event.url.searchParams.get('created') === '1';
  // After the first set-up: the new administrator's name, shown in the notice (the layout carries no names).
  return { users, q, createdName: created ? (event.locals.user?.name ?? null) : null };
};

export const actions: Actions = {
  role: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id', 'role');
    const res = await settle(
      apiClient(event).PATCH('/api/admin/users/{id}', {
        params: { path: { id: values.id } },
        body: { role: values.role as Role },
      }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { saved: values.id };
  },
  /** A new sign-in slip (a password reset): shown once, to print or copy for the person. */
  reset: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id');
    const res = await settle(
      apiClient(event).POST('/api/admin/users/{id}/sign-in-code', { params: { path: { id: values.id } } }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { slip: res.data.slips[0], signInUrl: res.data.signInUrl };
  },
};
