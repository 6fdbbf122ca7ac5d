// The current locale: on the server from the request (set in hooks.server.ts), in the browser from <html lang>.
// Messages are plain text with {name} placeholders, and plurals in ICU MessageFormat's plural form:
//   "{count, plural, =0 {nobody} one {# person} other {# people}}"
// where the branch is chosen by Intl.PluralRules in the message's language and # is the number.
import type { Locale } from '../../../../server/i18n/locales.ts';

let current: () => Locale = () =>
  (typeof document !== 'undefined' ? (document.documentElement.lang as Locale) : 'en') || 'en';

export const getLocale = (): Locale => current();
export function overwriteGetLocale(fn: () => Locale) {
  current = fn;
}

type Params = Record<string, string | number>;
type Plural = { name: string; branches: Map<string, string>; start: number; end: number };

const PLURAL_START = /\{(\w+),\s*plural,/g;

/** The plural blocks of a template, with their branches ("one", "other", "=0"); throws on broken syntax. */
export function pluralBlocks(template: string): Plural[] {
  const blocks: Plural[] = [];
  PLURAL_START.lastIndex = 0;
  for (let match = PLURAL_START.exec(template); match; match = PLURAL_START.exec(template)) {
    const branches = new Map<string, string>();
    let i = match.index + match[0].length;
    for (;;) {
      while (/\s/.test(template[i] ?? '')) i++;
      if (i >= template.length) throw new Error(`Plural "${match[1]}" is unclosed`);
      if (template[i] === '}') break;
      const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(template.slice(i));
      if (!selector)
        throw new Error(
          `Plural "${match[1]}": expected a branch (one, other, =0 ...) at "${template.slice(i, i + 20)}"`,
        );
      i += selector[0].length;
      let depth = 1;
      const from = i;
      for (; i < template.length && depth > 0; i++) depth += template[i] === '{' ? 1 : template[i] === '}' ? -1 : 0;
      if (depth > 0) throw new Error(`Plural "${match[1]}": unclosed branch "${selector[1]}"`);
      branches.set(selector[1], template.slice(from, i - 1));
    }
    if (!branches.has('other')) throw new Error(`Plural "${match[1]}" has no "other" branch`);
    blocks.push({ name: match[1], branches, start: match.index, end: i + 1 });
    PLURAL_START.lastIndex = i + 1;
  }
  return blocks;
}

/** Names of the values a template takes: {name} placeholders and plural arguments (with their branches' own). */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  let rest = template;
  for (const block of pluralBlocks(template).reverse()) {
    names.add(block.name);
    for (const text of block.branches.values()) for (const n of placeholders(text)) names.add(n);
    rest = rest.slice(0, block.start) + rest.slice(block.end);
  }
  for (const m of rest.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

const pluralRules = new Map<string, Intl.PluralRules>();
function category(locale: string, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/** Fills a template in `locale` (whose plural rules pick the branch): "1 person", "2 people", "٣ أشخاص". */
export function format(template: string, params?: Params, locale: string = getLocale()): string {
  if (!params) return template;
  let text = template;
  for (const block of pluralBlocks(template).reverse()) {
    const n = Number(params[block.name]);
    const branch =
      block.branches.get(`=${n}`) ?? block.branches.get(category(locale, n)) ?? block.branches.get('other')!;
    text = text.slice(0, block.start) + branch.replace(/#/g, String(params[block.name])) + text.slice(block.end);
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
