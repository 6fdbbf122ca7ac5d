// Rules for a lesson's worked city examples: the marker of the lesson's language, and a source
// a reader can open. Every number about a city must be traceable, so an example without a link to
// one of the lesson's `sources` fails the content check.
import { Marked, type Token, type Tokens } from 'marked';
import { cityExampleMarker, cityExampleMarkerIn, plainText, type MarkdownProblem } from './markdown.ts';

const lexer = new Marked({ gfm: true });

export function cityExampleProblems(
  markdown: string,
  locale: string,
  sourceUrls: readonly string[],
): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  const lineAt = (offset: number) => markdown.slice(0, offset).split('\n').length;
  const expected = cityExampleMarker(locale);
  let cursor = 0;
  for (const token of lexer.lexer(markdown)) {
    const start = markdown.indexOf(token.raw, cursor);
    if (start >= 0) cursor = start + token.raw.length;
    if (token.type !== 'blockquote') continue;
    const first = (token as Tokens.Blockquote).tokens[0];
    const lead = first?.type === 'paragraph' ? (first as Tokens.Paragraph).tokens[0] : undefined;
    const marker = lead?.type === 'strong' ? cityExampleMarkerIn(plainText([lead])) : null;
    if (!marker) continue;
    const line = lineAt(Math.max(start, 0));
    if (marker !== expected) {
      problems.push({ line, message: `a city example in this language starts with "**${expected}", not "${marker}"` });
    }
    const links = linksIn((token as Tokens.Blockquote).tokens);
    if (!links.length) {
      problems.push({
        line,
        message:
          'a city example must name its source: end it with (Source: [title](url)), the url being one of the lesson\'s "sources"',
      });
    }
    for (const href of links) {
      if (!sourceUrls.includes(href)) {
        problems.push({
          line,
          message: `the city example links to ${href}, which is not among the lesson's "sources": add it there`,
        });
      }
    }
  }
  return problems;
}

function linksIn(tokens: Token[]): string[] {
  const hrefs: string[] = [];
  const visit = (token: Token) => {
    if (token.type === 'link') hrefs.push((token as Tokens.Link).href);
    if (token.type === 'list') (token as Tokens.List).items.forEach(visit);
    if ('tokens' in token && token.tokens) token.tokens.forEach(visit);
  };
  tokens.forEach(visit);
  return hrefs;
}
