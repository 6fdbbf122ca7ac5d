import { redirect } from '@sveltejs/kit';
import { isLocale } from '$server/i18n/locales.ts';
import { apiClient } from '$lib/server/api.ts';
import { safeRedirectPath } from '$lib/server/redirects.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const locale = String(data.get('locale') ?? '');
    if (isLocale(locale)) {
      event.cookies.set('locale', locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
      if (event.locals.user) await apiClient(event).PATCH('/api/me', { body: { locale } });
    }
    redirect(303, safeRedirectPath(String(data.get('redirectTo') ?? '/')));
  },
};
