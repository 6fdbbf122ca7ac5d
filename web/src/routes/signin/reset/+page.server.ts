// The page a reset link opens: choose a new password. The token travels in the form, never back into the page's links.
import { fail, redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
  // The address holds a secret: keep it out of caches.
  setHeaders({ 'cache-control': 'no-store' });
  return { token: (url.searchParams.get('token') ?? '').slice(0, 200) };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'token', 'password');
    const res = await settle(
      apiClient(event).POST('/api/auth/password-reset/confirm', {
        body: { token: values.token, password: values.password },
      }),
    );
    if (!res.ok) {
      const failure = apiFailure(res.status, res.error, { token: values.token });
      // A dead link cannot be fixed on this page: offer to ask for a new one.
      return res.status === 410 || res.error.code === 'auth.reset_link_invalid'
        ? fail(res.status, { ...failure.data, askAgain: true })
        : failure;
    }
    redirect(303, '/signin?done=password-reset');
  },
};
