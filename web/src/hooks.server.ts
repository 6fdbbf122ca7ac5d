import type { Handle } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, RTL_LOCALES, type Locale } from '$server/i18n/locales.ts';
import { SESSION_COOKIE } from '$server/http/auth.ts';
import { apiClient, settle } from '$lib/server/api.ts';
import { DATA_SAVER_COOKIE, dataSaverFor } from '$lib/server/data-saver.ts';
import { runInLocale } from '$lib/server/locale.ts';

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
  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  const response = await runInLocale(locale, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', dir) }),
  );
  // Ask Chromium-based browsers for their effective connection type, so data saver can default on 2G.
  if (response.headers.get('content-type')?.startsWith('text/html')) response.headers.set('accept-ch', 'ECT');
  return response;
};
