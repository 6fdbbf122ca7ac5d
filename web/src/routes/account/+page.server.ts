import type { User } from '$server/modules/accounts/accounts.schemas.ts';
import { api } from '$lib/server/api.ts';
import { apiFailure, fields } from '$lib/server/forms.ts';
import { requireSignedIn } from '$lib/server/guards.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireSignedIn(locals, url);
  return { profile: { name: user.name, email: user.email, locale: user.locale } };
};

export const actions: Actions = {
  profile: async (event) => {
    const values = fields(await event.request.formData(), 'name', 'locale');
    const res = await api<User>(event, 'PATCH', '/api/me', { name: values.name, locale: values.locale });
    if (!res.ok) return apiFailure(res.status, res.error, values);
    event.cookies.set('locale', res.data.locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return { saved: 'profile' as const };
  },
  password: async (event) => {
    const values = fields(await event.request.formData(), 'currentPassword', 'newPassword');
    const res = await api(event, 'PUT', '/api/me/password', values);
    if (!res.ok) return apiFailure(res.status, res.error, values);
    return { saved: 'password' as const };
  },
};
