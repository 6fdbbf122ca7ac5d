// The web app's message catalog, read by the server for the few texts it writes itself (CSV headers), so a
// translation lives in one place. Area files only: web/src/lib/i18n/messages/<area>.<locale>.json, English as fallback.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCALE, isLocale } from './locales.ts';

const MESSAGES_DIR = path.resolve(import.meta.dirname, '../../web/src/lib/i18n/messages');
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
  const wanted = read(area, isLocale(locale) ? locale : DEFAULT_LOCALE);
  const fallback = read(area, DEFAULT_LOCALE);
  return (key: string, params: Record<string, string | number> = {}) =>
    (wanted[key] ?? fallback[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
