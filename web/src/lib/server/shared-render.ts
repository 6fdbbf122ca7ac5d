// A page whose render is the same for every visitor without a session (the course's own content: home, course,
// module, lesson) marks it as shared: the server keeps such a render for a second and answers the next anonymous
// visitors of that page from it (server/http/shared-render-cache.ts), as a CDN honouring these headers would.
// What else shapes such a render is named in `vary`: the language and data-saver choices (cookies) and the headers
// the site reads for them.
import type { RequestEvent } from '@sveltejs/kit';

export const SHARED_RENDER_SECONDS = 1;

export function shareWhenAnonymous(event: Pick<RequestEvent, 'locals' | 'setHeaders'>) {
  if (event.locals.user) return;
  event.setHeaders({
    'cache-control': `public, max-age=0, s-maxage=${SHARED_RENDER_SECONDS}`,
    vary: 'cookie, accept-language, save-data, ect',
  });
}
