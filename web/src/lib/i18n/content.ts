// Course content keeps its own language: English served to an Arabic UI is English, left to right.
// Every block of content carries the lang and dir of the text it holds; UI text keeps the page's.
import { RTL_LOCALES } from '../../../../server/i18n/locales.ts';

export const dirOf = (locale: string): 'ltr' | 'rtl' =>
  (RTL_LOCALES as readonly string[]).includes(locale) ? 'rtl' : 'ltr';

/** Spread on a block of content served in `locale`: `<article {...inLanguage(lesson.locale)}>`. */
export const inLanguage = (locale: string) => ({ lang: locale, dir: dirOf(locale) });

/**
 * A title inside text where markup cannot go (<title>, aria-label): wrapped in Unicode first-strong
 * isolate marks, the plain-text twin of <bdi>, so "?What is a learning city" cannot happen in Arabic.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** A language's name in the UI's language ("អង់គ្លេស" in Khmer, "الإنجليزية" in Arabic), for use inside UI sentences. */
export const languageName = (locale: string, uiLocale: string) =>
  new Intl.DisplayNames([uiLocale, 'en'], { type: 'language' }).of(locale) ?? locale;
