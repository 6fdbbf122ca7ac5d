import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { safeRedirectPath } from '$lib/server/redirects.ts';
import { usernameFromSlipLink } from '$lib/server/slips.ts';
import { rememberResetNotice } from '$lib/server/reset-notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({
  username: usernameFromSlipLink(url.searchParams.get('username')),
  redirectTo: url.searchParams.get('redirectTo') ?? '',
});

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'username', 'code', 'password', 'redirectTo');
    const res = await settle(
      apiClient(event).POST('/api/auth/sign-in-code', {
        body: { username: values.username, code: values.code, password: values.password },
      }),
    );
    // The code is not sent back to the page: a person retypes it from the slip.
    if (!res.ok) return apiFailure(res.status, res.error, { ...values, code: '' });
    rememberResetNotice(event, res.data.passwordReset);
    redirect(303, safeRedirectPath(values.redirectTo, '/learning'));
  },
};
