// Small helpers the page scripts share. Each script is bundled on its own, with only what it imports.
import { USER_ID_COOKIE } from '../../../../server/http/cookie-names.ts';

/** `template` with each {name} replaced by its value; names without a value stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/**
 * The signed-in person's id ('' for nobody): the page says whether someone is signed in (the offline banner's
 * data-signed-in), the USER_ID_COOKIE cookie who (pages are the same for everyone in the same state, so they do not say).
 */
export function signedInUser(): string {
  if (!document.querySelector('[data-offline-banner]')?.hasAttribute('data-signed-in')) return '';
  const prefix = `${USER_ID_COOKIE}=`;
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : '';
}
