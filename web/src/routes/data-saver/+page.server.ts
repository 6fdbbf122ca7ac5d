import { redirect } from '@sveltejs/kit';
import { DATA_SAVER_COOKIE } from '$lib/server/data-saver.ts';
import { safeRedirectPath } from '$lib/server/redirects.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const on = data.get('dataSaver') === 'on';
    event.cookies.set(DATA_SAVER_COOKIE, on ? 'on' : 'off', {
      path: '/',
      httpOnly: false,
      sameSite: 'lax',
      maxAge: 365 * 24 * 3600,
    });
    redirect(303, safeRedirectPath(String(data.get('redirectTo') ?? '/')));
  },
};
