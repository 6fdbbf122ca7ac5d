import type { AdminUsersPageBody, Slip } from '$server/modules/accounts/accounts.schemas.ts';
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

type UsersPage = AdminUsersPageBody;

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'admin');
  const q = event.url.searchParams.get('q') ?? '';
  const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
  const params = new URLSearchParams({ page: String(page), pageSize: '25' });
  if (q) params.set('q', q);
  const res = await api<UsersPage>(event, 'GET', `/api/admin/users?${params}`);
  if (!res.ok) error(res.status, { message: res.error.message, code: res.error.code });
  return { users: res.data, q, created: event.url.searchParams.get('created') === '1' };
};

export const actions: Actions = {
  role: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id', 'role');
    const res = await api(event, 'PATCH', `/api/admin/users/${encodeURIComponent(values.id)}`, { role: values.role });
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { saved: values.id };
  },
  /** A new sign-in slip (a password reset): shown once, to print or copy for the person. */
  reset: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id');
    const res = await api<{ signInUrl: string; slips: Slip[] }>(event, 'POST', `/api/admin/users/${encodeURIComponent(values.id)}/sign-in-code`);
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { slip: res.data.slips[0], signInUrl: res.data.signInUrl };
  },
};
