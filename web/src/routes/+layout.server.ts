import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
  // Whitelisted: never the token.
  user: locals.user ? { id: locals.user.id, name: locals.user.name, role: locals.user.role } : null,
  locale: locals.locale,
  dataSaver: locals.dataSaver,
  path: url.pathname + url.search,
});
