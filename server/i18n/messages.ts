// The web app's message catalog, read by the server for the few texts it writes itself (CSV headers), so a
// translation lives in one place. Area files only: web/src/lib/i18n/messages/<area>.<locale>.json, English as fallback.
import fs from 'node:fs';
import path from 'node:path';
import { format } from '../../web/src/lib/i18n/runtime.ts';
import { DEFAULT_LOCALE, isLocale } from './locales.ts';
import { PROJECT_ROOT } from '../shared/project-files.ts';

export const MESSAGES_DIR = path.join(PROJECT_ROOT, 'web/src/lib/i18n/messages');
const cache = new Map<string, Record<string, string>>();

function read(area: string, locale: string): Record<string, string> {
  const file = `${area}.${locale}.json`;
  if (!cache.has(file)) {
    const full = path.join(MESSAGES_DIR, file);
    cache.set(file, fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : {});
  }
  return cache.get(file)!;
}

/** A translator for one area and locale: t('workshops.export_name', { n: 1 }). */
export function translator(area: string, locale: string) {
  const lang = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const wanted = read(area, lang);
  const fallback = read(area, DEFAULT_LOCALE);
  // Plurals follow the rules of the language the text is in.
  return (key: string, params: Record<string, string | number> = {}) =>
    wanted[key] !== undefined
      ? format(wanted[key], params, lang)
      : format(fallback[key] ?? key, params, DEFAULT_LOCALE);
}
