import { takeResetNotice } from '$lib/server/reset-notice.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, cookies }) => ({
  // Whitelisted: never the token.
  user: locals.user ? { id: locals.user.id, name: locals.user.name, role: locals.user.role } : null,
  locale: locals.locale,
  dataSaver: locals.dataSaver,
  path: url.pathname + url.search,
  /** Shown once on the page after signing in, when someone reset this person's password since they last signed in. */
  resetNotice: locals.user ? takeResetNotice(cookies) : null,
});
