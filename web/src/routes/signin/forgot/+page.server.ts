// "Forgot your password?": a link by email when this install sends mail, otherwise whom to ask for a new sign-in slip.
import { redirect } from '@sveltejs/kit';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const options = await settle(apiClient(event).GET('/api/auth/password-reset'));
  return { byEmail: options.ok && options.data.byEmail, sent: event.url.searchParams.get('done') === 'sent' };
};

export const actions: Actions = {
  default: async (event) => {
    const values = fields(await event.request.formData(), 'email');
    const res = await settle(
      apiClient(event).POST('/api/auth/password-reset', { body: { email: values.email.trim() } }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    // The same page whether or not an account has this email: the answer was the same.
    redirect(303, '/signin/forgot?done=sent');
  },
};
