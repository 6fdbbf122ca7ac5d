// The content check's rules for city examples (a source a reader can open, the marker of the
// lesson's language) and for workshop activities (step minutes add up to the stated total).
import t from 'tap';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';
import { brokenCopy } from '../../helpers/content.ts';
import { activitySteps } from '../../../server/modules/catalog/content-lint-activities.ts';
import { markdownProblems, renderMarkdown } from '../../../server/modules/catalog/markdown.ts';

const MODULE = 'content/modules/01-basics';
const EXAMPLE =
  '> **City example: Sampletown (Nowhere).** Sampletown wrote a one-page plan and reviewed it every year. (Source: [A guide](https://example.org/guide))';

function problemLines(dir: string): string[] {
  return loadContent(dir).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

t.test('a city example with no source fails the content check', async (t) => {
  const dir = brokenCopy(t, [
    [
      `${MODULE}/lessons/m1-intro.md`,
      EXAMPLE,
      '> **City example: Sampletown (Nowhere).** Sampletown wrote a one-page plan and reviewed it every year.',
    ],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.md:29: a city example must name its source: end it with (Source: [title](url)), the url being one of the lesson's "sources"`,
  ]);
  t.equal(loadContent(dir).bundle, null, 'no bundle is imported');
});

t.test("a city example linking to a page missing from the lesson's sources fails", async (t) => {
  const dir = brokenCopy(t, [
    [
      `${MODULE}/lessons/m1-intro.md`,
      '(Source: [A guide](https://example.org/guide))',
      '(Source: [A blog](https://example.org/blog))',
    ],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.md:29: the city example links to https://example.org/blog, which is not among the lesson's "sources": add it there`,
  ]);
});

t.test('a French lesson must use the French city-example marker', async (t) => {
  const dir = brokenCopy(t, [
    [
      `${MODULE}/lessons/m1-intro.fr.md`,
      '## Pourquoi un plan compte\n',
      '## Pourquoi un plan compte\n\n> **City example: Sampletown.** Un plan. (Source : [Guide](https://example.org/guide))\n',
    ],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.fr.md:15: a city example in this language starts with "**Exemple de ville :", not "City example:"`,
  ]);
  const fixed = brokenCopy(t, [
    [
      `${MODULE}/lessons/m1-intro.fr.md`,
      '## Pourquoi un plan compte\n',
      '## Pourquoi un plan compte\n\n> **Exemple de ville\u00a0: Sampletown.** Un plan. (Source : [Guide](https://example.org/guide))\n',
    ],
  ]);
  const { bundle, problems } = loadContent(fixed);
  t.same(problems, [], 'a no-break space before the colon is accepted');
  t.match(bundle?.lessons[0].html.fr, /<blockquote class="city-example">/, 'the French marker opens the example box');
});

t.test('the city-example marker is recognised per locale when rendering', async (t) => {
  t.match(renderMarkdown('> **城市案例：上海。** 正文。', 'zh').html, '<blockquote class="city-example">');
  t.match(renderMarkdown('> **Exemple de ville : Cork.** Texte.', 'fr').html, '<blockquote class="city-example">');
  t.match(renderMarkdown('> **Contoh kota: Cork (Irlandia).** Teks.', 'id').html, '<blockquote class="city-example">');
  t.match(
    renderMarkdown('> **Ví dụ thành phố: Hải Dương (Việt Nam).** Nội dung.', 'vi').html,
    '<blockquote class="city-example">',
  );
  t.notMatch(
    renderMarkdown('> **城市案例：上海。** 正文。', 'fr').html,
    'city-example',
    "another language's marker is an ordinary quote",
  );
  t.match(
    renderMarkdown('> **ឧទាហរណ៍ទីក្រុង៖ ខក (Cork, អៀរឡង់)។** អត្ថបទ។', 'km').html,
    '<blockquote class="city-example">',
    'Khmer has its own marker',
  );
});

t.test('activity steps that do not add up to the stated minutes fail, at the first step', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/activity.md`, 'Choose three priorities (20 minutes)', 'Choose three priorities (25 minutes)'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/activity.md:12: the steps add up to 35 minutes (10 + 25) but "minutes" says 30: make them equal`,
  ]);
});

t.test('an activity with no timed steps fails', async (t) => {
  const dir = brokenCopy(t, [
    [
      `${MODULE}/activity.md`,
      '1. Write the vision sentence (10 minutes).\n2. Choose three priorities (20 minutes).',
      'Write a plan together.',
    ],
  ]);
  t.match(problemLines(dir)[0], `${MODULE}/activity.md:10: the activity has no timed steps`);
});

t.test(
  'step minutes are read in English, French, Chinese, Indonesian, Vietnamese and Khmer, from top-level numbered steps only',
  async (t) => {
    const markdown = [
      '1. **Briefing (3 minutes).** Say what the groups will make.',
      '   1. A sub-step (9 minutes) is part of its step, not a step.',
      '2. **Travail en groupe (20 minutes).** Remplissez le modèle.',
      '3. **分享（7分钟）。**每组发言。',
      '4. **Berbagi hasil (5 menit).** Setiap pencatat membacakan hasilnya.',
      '5. **Chia sẻ (6 phút).** Mỗi thư ký trình bày trong một phút.',
      '6. **ចែករំលែក (4 នាទី)។** ក្រុមនីមួយៗរាយការណ៍។',
      '',
      '- A bullet (5 minutes) is not a step.',
    ].join('\n');
    t.same(
      activitySteps(markdown).map((s) => s.minutes),
      [3, 20, 7, 5, 6, 4],
    );
    t.same(
      activitySteps(markdown).map((s) => s.line),
      [1, 3, 4, 5, 6, 7],
    );
  },
);

t.test(
  'bold that CommonMark cannot close after full-width punctuation is refused; the same words with the punctuation outside pass',
  async (t) => {
    const [problem] = markdownProblems('Intro.\n\n- **资金：**市级预算。\n');
    t.equal(problem?.line, 3);
    t.match(problem?.message, /do not close/);
    t.same(markdownProblems('Intro.\n\n- **资金**：市级预算。\n'), []);
    t.notMatch(renderMarkdown('- **资金**：市级预算。', 'zh').html, '**', 'rendered without visible asterisks');
  },
);
