import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { safeRedirectPath } from '$lib/server/redirects.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), '/learning'));
  return { redirectTo: url.searchParams.get('redirectTo') ?? '' };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'name', 'email', 'username', 'password', 'redirectTo');
    const res = await settle(
      apiClient(event).POST('/api/auth/signup', {
        body: {
          name: values.name,
          ...(values.email.trim() ? { email: values.email.trim() } : {}),
          ...(values.username.trim() ? { username: values.username } : {}),
          password: values.password,
          locale: event.locals.locale,
        },
      }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    redirect(303, safeRedirectPath(values.redirectTo, '/learning'));
  },
};
