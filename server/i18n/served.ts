// Which language a piece of stored content is served in. Content keeps one value per language ({ en, fr, ... });
// a translation falls back to English item by item, so each block says which language it holds (pages mark it with
// lang and dir, whatever the UI's). Domain-free: catalog, quizzes and the pages' read models all use it.
import type { LocalizedJson } from '../db/schema.ts';

/** The value in `locale`, or English when that language has none. */
export function pick<T>(value: LocalizedJson<T>, locale: string): T {
  return value[locale] ?? value.en;
}

/** The language `pick(value, locale)` actually gives. */
export function servedIn(value: LocalizedJson<unknown>, locale: string): string {
  return value[locale] !== undefined ? locale : 'en';
}
