import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireRole } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, event.url, 'admin');
  return {};
};

export const actions: Actions = {
  revoke: async (event) => {
    requireRole(event.locals, event.url, 'admin');
    const values = fields(await event.request.formData(), 'id', 'reason');
    const id = values.id.trim().toLowerCase();
    const res = await settle(
      apiClient(event).POST('/api/admin/certificates/{id}/revoke', {
        params: { path: { id } },
        body: { reason: values.reason },
      }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { revoked: res.data };
  },
};
