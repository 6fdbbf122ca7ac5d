import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, RTL_LOCALES, type Locale } from '$server/i18n/locales.ts';
import type { User } from '$server/modules/accounts/accounts.schemas.ts';
import { overwriteGetLocale } from '$lib/i18n/runtime.ts';
import { api } from '$lib/server/api.ts';

const localeStorage = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => localeStorage.getStore() ?? DEFAULT_LOCALE);

export const LOCALE_COOKIE = 'locale';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.cookies.get('lca_session')) {
    const me = await api<User>(event, 'GET', '/api/me');
    if (me.ok) event.locals.user = me.data;
  }
  const cookieLocale = event.cookies.get(LOCALE_COOKIE);
  const locale: Locale =
    event.locals.user?.locale ??
    (isLocale(cookieLocale) ? cookieLocale : undefined) ??
    localeFromAcceptLanguage(event.request.headers.get('accept-language')) ??
    DEFAULT_LOCALE;
  event.locals.locale = locale;
  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  return localeStorage.run(locale, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', dir) }),
  );
};
