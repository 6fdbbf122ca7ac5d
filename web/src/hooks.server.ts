import type { Handle, RequestEvent } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, RTL_LOCALES, type Locale } from '$server/i18n/locales.ts';
import { SESSION_COOKIE, USER_ID_COOKIE, userIdCookieOptions } from '$server/http/auth.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { DATA_SAVER_COOKIE, dataSaverFor } from '$lib/server/data-saver.ts';
import { runInLocale } from '$lib/server/locale.ts';
import { LESSON_ROUTE, loadLessonPage } from '$lib/server/lesson-page.ts';
import { mayShare, renderShared } from '$lib/server/signed-in-render.ts';

/** Signed-in pages whose render is shared by everyone who sees the same data (signed-in-render.ts): route → its load. */
const SHARED_WHEN_SIGNED_IN: Partial<Record<string, (event: RequestEvent) => Promise<unknown>>> = {
  [LESSON_ROUTE]: loadLessonPage,
};

export const LOCALE_COOKIE = 'locale';
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    const me = await settle(apiClient(event).GET('/api/me'));
    if (me.ok) event.locals.user = me.data;
  }
  const cookieLocale = event.cookies.get(LOCALE_COOKIE);
  const locale: Locale =
    event.locals.user?.locale ??
    (isLocale(cookieLocale) ? cookieLocale : undefined) ??
    localeFromAcceptLanguage(event.request.headers.get('accept-language')) ??
    DEFAULT_LOCALE;
  event.locals.locale = locale;
  event.locals.dataSaver = dataSaverFor(event.cookies.get(DATA_SAVER_COOKIE), event.request.headers);
  // The page scripts read the person's id from this cookie (the page does not print it): kept in step with the session.
  const userId = event.locals.user?.id;
  const userCookieSet = !userId || event.cookies.get(USER_ID_COOKIE) === userId;
  if (!userCookieSet) event.cookies.set(USER_ID_COOKIE, userId, userIdCookieOptions(event.url.protocol === 'https:'));
  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  const opts = {
    transformPageChunk: ({ html }: { html: string }) => html.replace('%lang%', locale).replace('%dir%', dir),
  };
  const shared = SHARED_WHEN_SIGNED_IN[event.route.id ?? ''];
  const response = await runInLocale(locale, () =>
    shared && userCookieSet && mayShare(event) ? renderShared(event, resolve, shared, opts) : resolve(event, opts),
  );
  // Ask Chromium-based browsers for their effective connection type, so data saver can default on 2G.
  if (response.headers.get('content-type')?.startsWith('text/html')) response.headers.set('accept-ch', 'ECT');
  return response;
};
