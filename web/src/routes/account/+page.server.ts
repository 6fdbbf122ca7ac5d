import { redirect } from '@sveltejs/kit';
// The form sends what was chosen; the API refuses a language it does not have (400), which the form then shows.
import type { Locale } from '$server/i18n/locales.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

const SAVED = ['profile', 'password', 'email'] as const;

export const load: PageServerLoad = async (event) => {
  const user = requireSignedIn(event.locals, event.url);
  const saved = event.url.searchParams.get('saved');
  return {
    profile: { name: user.name, email: user.email, username: user.username, locale: user.locale },
    saved: SAVED.find((s) => s === saved) ?? null,
  };
};

export const actions: Actions = {
  profile: async (event) => {
    const values = fields(await event.request.formData(), 'name', 'locale');
    const res = await settle(
      apiClient(event).PATCH('/api/me', { body: { name: values.name, locale: values.locale as Locale } }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    event.cookies.set('locale', res.data.locale, {
      path: '/',
      httpOnly: false,
      sameSite: 'lax',
      maxAge: 365 * 24 * 3600,
    });
    // Redirect so the next page is rendered for the updated person (their new name and language).
    redirect(303, '/account?saved=profile');
  },
  password: async (event) => {
    const values = fields(await event.request.formData(), 'currentPassword', 'newPassword');
    const res = await settle(
      apiClient(event).PUT('/api/me/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }),
    );
    if (!res.ok) return apiFailure(res.status, res.error, values);
    redirect(303, '/account?saved=password');
  },
  email: async (event) => {
    // The password field has its own name here, so the page has one field-currentPassword id (the password form's).
    const values = fields(await event.request.formData(), 'email', 'emailPassword');
    const res = await settle(
      apiClient(event).PUT('/api/me/email', {
        body: { email: values.email.trim(), currentPassword: values.emailPassword },
      }),
    );
    if (!res.ok) {
      const failure = apiFailure(res.status, res.error, { email: values.email, form: 'email' });
      if (failure.data.field === 'currentPassword') failure.data.field = 'emailPassword';
      return failure;
    }
    redirect(303, '/account?saved=email');
  },
};
