import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    await apiClient(event).POST('/api/auth/logout');
    redirect(303, '/signin?signedOut');
  },
};
