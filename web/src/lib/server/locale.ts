// The language of the request being answered: message functions read it, so every request runs inside one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, type Locale } from '$server/i18n/locales.ts';
import { overwriteGetLocale } from '$lib/i18n/runtime.ts';

const localeStorage = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => localeStorage.getStore() ?? DEFAULT_LOCALE);

export const runInLocale = <T>(locale: Locale, fn: () => T): T => localeStorage.run(locale, fn);
