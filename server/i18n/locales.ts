// The UI locales the platform speaks. English is the fallback. Shared by the server and the web app.
export const LOCALES = ['en', 'fr', 'es', 'zh', 'ar', 'vi', 'km', 'ru', 'id'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const RTL_LOCALES: readonly Locale[] = ['ar'];

export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  zh: '中文（简体）',
  ar: 'العربية',
  vi: 'Tiếng Việt',
  km: 'ខ្មែរ',
  ru: 'Русский',
  id: 'Bahasa Indonesia',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Old language codes some browsers still send (Java's "in" for Indonesian, on older Android phones). */
const LEGACY_CODES: Record<string, string> = { in: 'id' };

/** Picks the best supported locale from an Accept-Language header (e.g. "zh-CN,zh;q=0.9,en;q=0.8"). */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((e) => e.tag && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = LEGACY_CODES[tag.split('-')[0]] ?? tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}
