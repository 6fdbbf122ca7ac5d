import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const status = await settle(apiClient(event).GET('/api/setup'));
  return { needed: status.ok && status.data.needed, token: event.url.searchParams.get('token') ?? '' };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'token', 'name', 'email', 'password');
    const res = await settle(
      apiClient(event).POST('/api/setup', {
        body: { token: values.token, name: values.name, email: values.email, password: values.password },
      }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    // The admin users page confirms the account was made (and that this person is signed in with it).
    redirect(303, '/admin/users?created=1');
  },
};
