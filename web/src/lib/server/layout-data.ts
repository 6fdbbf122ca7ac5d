// What every page's layout shows, from the visitor's session and choices: the root layout's load, and part of the key
// under which a signed-in render may be shared (signed-in-render.ts).
import type { RequestEvent } from '@sveltejs/kit';
import { takeResetNotice } from './reset-notice.ts';

export function layoutData({ locals, url, cookies }: Pick<RequestEvent, 'locals' | 'url' | 'cookies'>) {
  return {
    // Whitelisted: never the token, and only what the layout shows (the menu depends on the role).
    user: locals.user ? { id: locals.user.id, role: locals.user.role } : null,
    locale: locals.locale,
    dataSaver: locals.dataSaver,
    path: url.pathname + url.search,
    /** Shown once on the page after signing in, when someone reset this person's password since they last signed in. */
    resetNotice: locals.user ? takeResetNotice(cookies) : null,
  };
}
