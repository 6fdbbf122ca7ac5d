import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { safeRedirectPath } from '$lib/server/redirects.ts';
import { rememberResetNotice } from '$lib/server/reset-notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), '/learning'));
  return {
    redirectTo: url.searchParams.get('redirectTo') ?? '',
    signedOut: url.searchParams.has('signedOut'),
    passwordReset: url.searchParams.get('done') === 'password-reset',
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'login', 'password', 'redirectTo');
    const res = await settle(
      apiClient(event).POST('/api/auth/login', { body: { login: values.login, password: values.password } }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    rememberResetNotice(event, res.data.passwordReset);
    redirect(303, safeRedirectPath(values.redirectTo, '/learning'));
  },
};
