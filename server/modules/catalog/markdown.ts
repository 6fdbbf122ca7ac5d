// Course Markdown -> sanitised HTML (server side), plus the lint rules and word count the
// content check applies to the same Markdown.
import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { TocEntry } from './content-types.ts';

export type RenderedMarkdown = { html: string; toc: TocEntry[] };
export type MarkdownProblem = { line: number; message: string };

/**
 * The words that open a worked city example, per locale: a blockquote whose first bold text starts
 * with them is shown as the example box. Locales not listed here use the English marker.
 */
export const CITY_EXAMPLE_MARKERS: Readonly<Record<string, string>> = Object.freeze({
  en: 'City example:',
  fr: 'Exemple de ville :',
  zh: '城市案例：',
  vi: 'Ví dụ thành phố:',
  id: 'Contoh kota:',
  km: 'ឧទាហរណ៍ទីក្រុង៖',
});

export function cityExampleMarker(locale: string): string {
  return CITY_EXAMPLE_MARKERS[locale] ?? CITY_EXAMPLE_MARKERS.en;
}

/** Spaces of any kind (French writes a no-break space before the colon) count as one space. */
function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** The marker `text` starts with, if any, among every locale's markers. */
export function cityExampleMarkerIn(text: string): string | null {
  const normalized = normalizeSpaces(text.trim());
  return Object.values(CITY_EXAMPLE_MARKERS).find((marker) => normalized.startsWith(marker)) ?? null;
}

/** What survives sanitising: the Markdown we write, nothing else (no raw HTML, no images). */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'del',
    'a',
    'blockquote',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    blockquote: ['class'],
  },
  allowedClasses: { blockquote: ['city-example'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/** Plain text of inline tokens, for slugs, the table of contents and word counts. */
export function plainText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      if (token.type === 'html' || token.type === 'image') return '';
      if (token.type === 'list') return (token as Tokens.List).items.map((item) => plainText(item.tokens)).join(' ');
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        const cells = [...table.header, ...table.rows.flat()];
        return cells.map((cell) => plainText(cell.tokens)).join(' ');
      }
      if ('tokens' in token && token.tokens) return plainText(token.tokens);
      if (token.type === 'br' || token.type === 'space') return ' ';
      return 'text' in token && typeof token.text === 'string' ? decodeEntities(token.text) : '';
    })
    .join(tokenSeparator(tokens));
}

function tokenSeparator(tokens: Token[]): string {
  // Block tokens are separate paragraphs; inline tokens run together.
  return tokens.some((token) => ['paragraph', 'heading', 'list', 'blockquote', 'code', 'table'].includes(token.type))
    ? ' '
    : '';
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * An ASCII slug for a heading ("Pourquoi un plan ?" -> "pourquoi-un-plan"). Headings with no
 * Latin letters (Chinese, Arabic, Khmer ...) get "section-N", N being the heading's position.
 */
function slugFor(text: string, position: number): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /[a-z]/.test(slug) ? slug : `section-${position}`;
}

function isExternal(href: string): boolean {
  return /^(https?:)?\/\//i.test(href);
}

/** `locale` chooses the city-example marker; the English one is recognised in every locale. */
export function renderMarkdown(markdown: string, locale = 'en'): RenderedMarkdown {
  const markers = new Set([cityExampleMarker('en'), cityExampleMarker(locale)]);
  const toc: TocEntry[] = [];
  const usedIds = new Set<string>();
  let headings = 0;

  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: {
      heading({ tokens, depth }) {
        headings += 1;
        const text = plainText(tokens).trim();
        let id = slugFor(text, headings);
        for (let n = 2; usedIds.has(id); n += 1) id = `${slugFor(text, headings)}-${n}`;
        usedIds.add(id);
        if (depth === 2) toc.push({ id, text, level: depth });
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const rel = isExternal(href) ? ' rel="noopener"' : '';
        const titleAttr = title ? ` title="${escapeAttribute(title)}"` : '';
        return `<a href="${escapeAttribute(href)}"${titleAttr}${rel}>${this.parser.parseInline(tokens)}</a>`;
      },
      blockquote({ tokens }) {
        const first = tokens[0];
        const lead = first?.type === 'paragraph' ? (first as Tokens.Paragraph).tokens[0] : undefined;
        const marker = lead?.type === 'strong' ? cityExampleMarkerIn(plainText([lead])) : null;
        const isCityExample = marker !== null && markers.has(marker);
        const body = this.parser.parse(tokens);
        return isCityExample
          ? `<blockquote class="city-example">\n${body}</blockquote>\n`
          : `<blockquote>\n${body}</blockquote>\n`;
      },
      // Raw HTML and images are refused by the content check. Should any slip through, HTML is
      // shown as inert text and images are dropped; sanitize-html then enforces the allowlist.
      html({ text }) {
        return escapeText(text);
      },
      image() {
        return '';
      },
    },
  });

  const html = sanitizeHtml(marked.parse(markdown, { async: false }), SANITIZE);
  return { html, toc };
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const lexer = new Marked({ gfm: true });

/**
 * Problems with Markdown the course may not use: raw HTML, images, headings other than ## and ###.
 * Lines are 1-based within `markdown`.
 */
export function markdownProblems(markdown: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  const lineAt = (offset: number) => markdown.slice(0, offset).split('\n').length;

  const visit = (token: Token, start: number) => {
    if (token.type === 'html') {
      problems.push({ line: lineAt(start), message: 'raw HTML is not allowed: write Markdown instead' });
    } else if (token.type === 'image') {
      problems.push({ line: lineAt(start), message: 'images are not allowed in course text' });
    } else if (token.type === 'text' && !('tokens' in token && token.tokens?.length) && /\*\*|__/.test(token.raw)) {
      // CommonMark does not close ** after full-width punctuation followed by a letter ("**资金：**市级"): the reader
      // would see the asterisks. Put the punctuation outside the markers ("**资金**：市级").
      problems.push({
        line: lineAt(start),
        message:
          'emphasis markers that do not close (they would show as **): move punctuation such as ：or 》 outside the ** markers',
      });
    } else if (token.type === 'heading') {
      const depth = (token as Tokens.Heading).depth;
      if (depth !== 2 && depth !== 3) {
        problems.push({
          line: lineAt(start),
          message: `only ## and ### headings are allowed (found ${'#'.repeat(depth)})`,
        });
      }
    }
    visitChildren(token.raw, childrenOf(token), start);
  };

  const visitChildren = (parentRaw: string, children: Token[], parentStart: number) => {
    let cursor = 0;
    for (const child of children) {
      const index = child.raw ? parentRaw.indexOf(child.raw, cursor) : -1;
      const start = index >= 0 ? parentStart + index : parentStart + cursor;
      if (index >= 0) cursor = index + child.raw.length;
      visit(child, start);
    }
  };

  visitChildren(markdown, lexer.lexer(markdown), 0);
  // `<b>x</b>` is two HTML tokens on one line: say it once.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function childrenOf(token: Token): Token[] {
  if (token.type === 'list') return (token as Tokens.List).items;
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    return [...table.header, ...table.rows.flat()].flatMap((cell) => cell.tokens);
  }
  return 'tokens' in token && token.tokens ? token.tokens : [];
}

/** Words of running text (not URLs or Markdown syntax); Chinese and other scripts are segmented by ICU. */
export function countWords(markdown: string, locale: string): number {
  const text = plainText(lexer.lexer(markdown));
  let words = 0;
  for (const segment of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (segment.isWordLike) words += 1;
  }
  return words;
}
