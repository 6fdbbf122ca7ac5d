// What a translated unit must keep from its English source: the Markdown shape of a body block
// (heading level, list, quote, table, closed bold and links), link urls, inline code and placeholders.
import { Marked, type Token, type Tokens } from 'marked';

const lexer = new Marked({ gfm: true });

/** Problems of one target against its source; empty when the target keeps what it must. */
export function unitProblems(source: string, target: string, markdown: boolean): string[] {
  const problems: string[] = [];
  if (markdown) problems.push(...markdownShapeProblems(source, target));
  const sourceLinks = markdown ? linkUrls(source) : bareUrls(source);
  const targetLinks = markdown ? linkUrls(target) : bareUrls(target);
  problems.push(...sameItems('link url', sourceLinks, targetLinks));
  problems.push(...sameItems('inline code', inlineCode(source, markdown), inlineCode(target, markdown)));
  problems.push(...sameItems('placeholder', placeholders(source), placeholders(target)));
  return problems;
}

function blocks(markdown: string): Token[] {
  return lexer.lexer(markdown).filter((token) => token.type !== 'space');
}

/** A block as a translator knows it: "a ## heading", "a bulleted list of 4 items" ... */
function describe(token: Token): string {
  switch (token.type) {
    case 'heading':
      return `a ${'#'.repeat((token as Tokens.Heading).depth)} heading`;
    case 'list': {
      const list = token as Tokens.List;
      return `a ${list.ordered ? 'numbered' : 'bulleted'} list of ${list.items.length} item${list.items.length === 1 ? '' : 's'}`;
    }
    case 'table': {
      const table = token as Tokens.Table;
      return `a table of ${table.header.length} columns and ${table.rows.length} rows`;
    }
    case 'blockquote':
      return 'a quote (lines starting with ">")';
    case 'code':
      return 'a code block';
    case 'hr':
      return 'a rule (---)';
    case 'paragraph':
      return 'a paragraph';
    default:
      return token.type;
  }
}

function markdownShapeProblems(source: string, target: string): string[] {
  const problems: string[] = [];
  const a = blocks(source).map(describe);
  const b = blocks(target).map(describe);
  if (a.join('|') !== b.join('|'))
    problems.push(
      `the English is ${a.join(', then ')}; the translation is ${b.join(', then ') || 'empty'}: keep the same Markdown markers`,
    );
  const strong = (text: string) => countTokens(lexer.lexer(text), 'strong');
  if (strong(source) !== strong(target))
    problems.push(`the English has ${strong(source)} bold span(s) (**…**), the translation ${strong(target)}`);
  const unclosed = (marker: string) => leftover(target, marker) > leftover(source, marker);
  if (unclosed('**')) problems.push('unclosed bold (**)');
  else if (unclosed('*')) problems.push('unclosed emphasis (*)');
  if (unclosed('](')) problems.push('broken link: write [text](url)');
  if (unclosed('`')) problems.push('unclosed inline code (`)');
  return problems;
}

/** Tokens of `type` anywhere in the tree. */
function countTokens(tokens: Token[], type: string): number {
  return walk(tokens).filter((t) => t.type === type).length;
}

function walk(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => {
    const children: Token[] =
      token.type === 'list'
        ? (token as Tokens.List).items
        : token.type === 'table'
          ? [...(token as Tokens.Table).header, ...(token as Tokens.Table).rows.flat()].flatMap((cell) => cell.tokens)
          : 'tokens' in token && token.tokens
            ? token.tokens
            : [];
    return [token, ...walk(children)];
  });
}

/** Times `marker` is left as literal text (Markdown did not pair it). */
function leftover(markdown: string, marker: string): number {
  return walk(lexer.lexer(markdown))
    .filter((t) => t.type === 'text' && !('tokens' in t && t.tokens?.length))
    .reduce((sum, t) => sum + ((t as Tokens.Text).text.split(marker).length - 1), 0);
}

function linkUrls(markdown: string): string[] {
  return walk(lexer.lexer(markdown))
    .filter((t) => t.type === 'link')
    .map((t) => (t as Tokens.Link).href);
}

function bareUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)\]>"]+/g)].map((m) => m[0]);
}

function inlineCode(text: string, markdown: boolean): string[] {
  if (markdown)
    return walk(lexer.lexer(text))
      .filter((t) => t.type === 'codespan')
      .map((t) => (t as Tokens.Codespan).text);
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** `{name}`, `{{name}}`, `%s`, `%1$s`: filled in by software, so they stay exactly as they are. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{?\s*[\w.]+\s*\}\}?|%(?:\d+\$)?[sd]/g)].map((m) => m[0]);
}

function sameItems(what: string, source: string[], target: string[]): string[] {
  const missing = [...source];
  const added: string[] = [];
  for (const item of target) {
    const index = missing.indexOf(item);
    if (index >= 0) missing.splice(index, 1);
    else added.push(item);
  }
  const problems: string[] = [];
  if (missing.length) problems.push(`${what} missing from the translation: ${missing.join(', ')}`);
  if (added.length) problems.push(`${what} not in the English: ${added.join(', ')}`);
  return problems;
}
