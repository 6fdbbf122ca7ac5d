// The cookies' names, in a module of their own: the page scripts (web/src/client) read USER_ID_COOKIE, and a module
// they import is bundled into them, so it must not be the auth guard.

export const SESSION_COOKIE = 'lca_session';
/**
 * The signed-in person's id for the page scripts (offline changes and drafts are kept per person), readable by them
 * where the session cookie is not. Not a credential; it lets a page's HTML be the same for everyone who sees the same
 * thing (web/src/lib/server/signed-in-render.ts). Pages keep it in step with the session; signing out clears it.
 */
export const USER_ID_COOKIE = 'lca_user';
