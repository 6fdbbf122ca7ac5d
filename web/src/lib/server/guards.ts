import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/i18n/generated/messages.ts';

type Locals = App.Locals;

/** Sends a visitor who is not signed in to the sign-in page, coming back here afterwards. */
export function requireSignedIn(locals: Locals, url: URL) {
  if (!locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.user;
}

export function requireRole(locals: Locals, url: URL, role: 'admin' | 'facilitator') {
  const user = requireSignedIn(locals, url);
  if (user.role !== role && user.role !== 'admin')
    error(403, { message: m.errors_auth_forbidden(), code: 'auth.forbidden' });
  return user;
}
