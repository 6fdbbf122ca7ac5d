// The current locale: on the server from the request (set in hooks.server.ts), in the browser from <html lang>.
import type { Locale } from '$server/i18n/locales.ts';

let current: () => Locale = () =>
  (typeof document !== 'undefined' ? (document.documentElement.lang as Locale) : 'en') || 'en';

export const getLocale = (): Locale => current();
export function overwriteGetLocale(fn: () => Locale) {
  current = fn;
}

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
