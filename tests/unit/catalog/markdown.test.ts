import t from 'tap';
import { countWords, markdownProblems, renderMarkdown } from '../../../server/modules/catalog/markdown.ts';

t.test('headings get unique anchors and ## headings make the table of contents', async (t) => {
  const { html, toc } = renderMarkdown(
    [
      '## Why a *plan*?',
      'Text.',
      '### Step 1: get a mandate',
      '## Why a plan?',
      '## Étape 2 : écrire',
      '## 规划能为你做什么',
      '## Section 5',
    ].join('\n\n'),
  );
  t.same(toc, [
    { id: 'why-a-plan', text: 'Why a plan?', level: 2 },
    { id: 'why-a-plan-2', text: 'Why a plan?', level: 2 },
    { id: 'etape-2-ecrire', text: 'Étape 2 : écrire', level: 2 },
    { id: 'section-5', text: '规划能为你做什么', level: 2 },
    { id: 'section-5-2', text: 'Section 5', level: 2 },
  ]);
  t.match(html, '<h2 id="why-a-plan">Why a <em>plan</em>?</h2>');
  t.match(html, '<h3 id="step-1-get-a-mandate">Step 1: get a mandate</h3>');
  t.match(html, '<h2 id="section-5">规划能为你做什么</h2>');
});

t.test('Chinese headings fall back to section-N, unique within the document', async (t) => {
  const { toc } = renderMarkdown('## 从良好愿望到一份规划\n\n正文。\n\n## 一句话总结\n');
  t.same(
    toc.map((entry) => entry.id),
    ['section-1', 'section-2'],
  );
});

t.test('raw HTML does not survive: it is shown as inert text, and javascript: links lose their href', async (t) => {
  const { html } = renderMarkdown(
    [
      'Hello <script>alert("x")</script> there.',
      '<script>',
      'document.cookie',
      '</script>',
      '',
      '<div onclick="steal()">click</div>',
      '',
      '[click me](javascript:alert(1)) and <img src=x onerror=alert(1)>',
      '',
      '![diagram](https://example.org/x.png)',
    ].join('\n'),
  );
  t.notMatch(html, /<script|<div|<img/i, 'no raw element survives');
  t.notMatch(html, /javascript:/i);
  t.match(html, '<p>Hello &lt;script&gt;alert("x")&lt;/script&gt; there.</p>');
  t.match(html, '&lt;div onclick="steal()"&gt;');
  t.match(html, '<a>click me</a>');
});

t.test('external links get rel="noopener"; links inside the site do not', async (t) => {
  const { html } = renderMarkdown(
    'See [the Guidelines](https://uil.unesco.org/x "UIL") and [lesson 2](/lessons/m2-why-a-plan).',
  );
  t.match(html, '<a href="https://uil.unesco.org/x" title="UIL" rel="noopener">the Guidelines</a>');
  t.match(html, '<a href="/lessons/m2-why-a-plan">lesson 2</a>');
});

t.test('a blockquote starting with **City example: gets the city-example class', async (t) => {
  const { html } = renderMarkdown(
    '> **City example: Espoo (Finland).** Espoo wrote a plan. (Source: [UIL](https://uil.unesco.org))\n\n> An ordinary quote.\n',
  );
  t.match(html, /<blockquote class="city-example">\s*<p><strong>City example: Espoo \(Finland\)\.<\/strong>/);
  t.match(html, /<blockquote>\s*<p>An ordinary quote\.<\/p>/);
  t.notMatch(renderMarkdown('> Not a **City example: here**.').html, 'city-example');
});

t.test('Markdown lint: raw HTML, images and # or #### headings, with their lines', async (t) => {
  const markdown = [
    '## Fine',
    '',
    'Text with <b>bold</b> in it.',
    '',
    '# Too big',
    '',
    '#### Too small',
    '',
    '- item ![x](y.png)',
  ].join('\n');
  t.same(markdownProblems(markdown), [
    { line: 3, message: 'raw HTML is not allowed: write Markdown instead' },
    { line: 5, message: 'only ## and ### headings are allowed (found #)' },
    { line: 7, message: 'only ## and ### headings are allowed (found ####)' },
    { line: 9, message: 'images are not allowed in course text' },
  ]);
  t.same(markdownProblems('## Fine\n\n### Also fine\n\n> **City example: X.** Y [z](https://z.org).\n'), []);
});

t.test('word counts ignore Markdown syntax and URLs, and segment Chinese into words', async (t) => {
  t.equal(countWords('## Two words\n\nThree more [words](https://example.org/a/b/c).', 'en'), 5);
  const zh = countWords('学习型城市需要规划。', 'zh');
  t.ok(zh >= 3 && zh <= 6, `Chinese is counted in words, not characters (${zh})`);
});
