import { requireSignedIn } from '$lib/server/guards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireSignedIn(locals, url);
  return { name: user.name };
};
