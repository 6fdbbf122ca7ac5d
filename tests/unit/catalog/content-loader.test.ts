import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';
import { brokenCopy, SMALL_CONTENT } from '../../helpers/content.ts';

const MODULE = 'content/modules/01-basics';

function problemLines(dir: string): string[] {
  const { bundle, problems } = loadContent(dir);
  if (problems.length && bundle) throw new Error('a bundle was returned despite problems');
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

t.test('loading twice gives the same hash; changing one byte changes it', async (t) => {
  const dir = brokenCopy(t, []);
  const first = loadContent(dir).bundle;
  t.equal(loadContent(dir).bundle?.hash, first?.hash);
  const changed = brokenCopy(t, [[`${MODULE}/storyboard.yaml`, 'title: The basics', 'title: The basics!']]);
  const second = loadContent(changed).bundle;
  t.not(second?.hash, first?.hash);
  t.not(second?.storyboards[0].hash, first?.storyboards[0].hash, 'the storyboard hash covers its own files');
  t.equal(second?.lessons[0].html.en, first?.lessons[0].html.en);
});

t.test('the small fixture course loads, with translations side by side', async (t) => {
  const { bundle, problems } = loadContent(SMALL_CONTENT);
  t.same(problems, []);
  const lesson = bundle?.lessons[0];
  t.equal(lesson?.title.fr, 'Pourquoi un plan compte');
  t.same(lesson?.sources, [{ title: 'An example guide', url: 'https://example.org/guide' }]);
  t.same(
    lesson?.toc.en.map((e) => e.id),
    ['why-a-plan-matters', 'what-goes-into-the-plan', 'summary'],
  );
  t.match(lesson?.html.en, /<blockquote class="city-example">/);
  t.equal(lesson?.words.fr, 13);
  const question = bundle?.quizzes[0].questions[6];
  t.same(question && { id: question.id, type: question.type, optionIds: question.optionIds, answer: question.answer }, {
    id: 'm1-q07',
    type: 'truefalse',
    optionIds: ['true', 'false'],
    answer: ['false'],
  });
  t.equal(question?.text.fr?.prompt, 'FR Question 7?');
  t.same(bundle?.storyboards[0].scenes[2].text.fr?.bullets, ['FR First point', 'FR Second point', 'FR Third point']);
  t.same(bundle?.modules[0], {
    ...bundle?.modules[0],
    folder: '01-basics',
    lessonIds: ['m1-intro'],
    quizId: 'm1-quiz',
    activityId: 'm1-activity',
    tutorialId: 'm1-tutorial',
  });
});

t.test('a YAML syntax error is reported at its line', async (t) => {
  const dir = brokenCopy(t, [[`${MODULE}/module.yaml`, 'title: The basics', 'title: Basics: the first steps']]);
  t.same(problemLines(dir), [
    `${MODULE}/module.yaml:4: YAML syntax error: Nested mappings are not allowed in compact mappings`,
  ]);
});

t.test('a YAML syntax error in front matter is reported at its line in the Markdown file', async (t) => {
  const dir = brokenCopy(t, [[`${MODULE}/lessons/m1-intro.md`, 'minutes: 5', 'minutes: [5']]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.md:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  ]);
});

t.test('a missing required field is reported at the start of its mapping', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/module.yaml`, 'title: The basics\n', ''],
    [`${MODULE}/quiz.yaml`, '    explanation: Because.\n  - id: m1-q02', '  - id: m1-q02'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/module.yaml:1: missing required field "title"`,
    `${MODULE}/quiz.yaml:6: question m1-q01: missing required field "explanation"`,
  ]);
});

t.test('an id used twice anywhere in the course is reported at the second use', async (t) => {
  const dir = brokenCopy(t, [[`${MODULE}/quiz.yaml`, 'id: m1-q02', 'id: m1-activity']]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.fr.yaml:5: question ids must match the English source: missing m1-activity; not in the source: m1-q02`,
    `${MODULE}/quiz.yaml:15: duplicate id "m1-activity": already used at ${MODULE}/activity.md:2`,
  ]);
});

t.test('a lesson listed in module.yaml without its file is reported at the list entry', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/module.yaml`, 'lessons: [m1-intro]', 'lessons:\n  - m1-intro\n  - m1-missing'],
    [`${MODULE}/module.fr.yaml`, 'lessons: [m1-intro]', 'lessons: [m1-intro, m1-missing]'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/module.yaml:12: lesson "m1-missing" is listed but lessons/m1-missing.md does not exist`,
  ]);
});

t.test('a quiz answer naming an unknown option is reported', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/quiz.yaml`, '    answer: [b]', '    answer: [z]'],
    [`${MODULE}/quiz.fr.yaml`, '    answer: [b]', '    answer: [z]'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.fr.yaml:13: question m1-q01: answer "z" is not one of the options (a, b, c)`,
    `${MODULE}/quiz.yaml:13: question m1-q01: answer "z" is not one of the options (a, b, c)`,
  ]);
});

t.test('a translated quiz must repeat the question ids and answers of its source', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/quiz.fr.yaml`, 'id: m1-q03', 'id: m1-q99'],
    [`${MODULE}/quiz.fr.yaml`, '    answer: [a, c]', '    answer: [a, b]'],
    [`${MODULE}/quiz.fr.yaml`, '    type: ordering', '    type: single'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.fr.yaml:5: question ids must match the English source: missing m1-q03; not in the source: m1-q99`,
    `${MODULE}/quiz.fr.yaml:40: question m1-q04: "answer" must be the same as in the English source ([a, c]), found [a, b]`,
    `${MODULE}/quiz.fr.yaml:85: question m1-q10: "type" must be the same as in the English source (ordering), found single`,
    `${MODULE}/quiz.fr.yaml:91: question m1-q10: a single question has exactly one answer, found 3`,
  ]);
});

t.test('a translation must keep the number of objectives, keyPoints and bullets', async (t) => {
  // Each list gets one item more than its source, still within the README's 3-5 / 2-4 limits.
  const dir = brokenCopy(t, [
    [
      `${MODULE}/module.fr.yaml`,
      "  - Expliquer ce qu'une traduction répète.\n",
      "  - Expliquer ce qu'une traduction répète.\n  - Un objectif de trop.\n",
    ],
    [
      `${MODULE}/lessons/m1-intro.fr.md`,
      '  - Chaque priorité a un responsable.\n',
      '  - Chaque priorité a un responsable.\n  - Un point de trop.\n',
    ],
    [`${MODULE}/storyboard.fr.yaml`, '      - FR Third point\n', '      - FR Third point\n      - FR Fourth point\n'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.fr.md:8: "keyPoints" must have the same number of items as the English source (3), found 4`,
    `${MODULE}/module.fr.yaml:6: "objectives" must have the same number of items as the English source (3), found 4`,
    `${MODULE}/storyboard.fr.yaml:22: scene s3: "bullets" must have the same number of items as the English source (3), found 4`,
  ]);
});

t.test('a translation must keep ids, numbers, lessons and source urls', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/module.fr.yaml`, 'number: 1', 'number: 2'],
    [`${MODULE}/lessons/m1-intro.fr.md`, 'minutes: 5', 'minutes: 6'],
    [`${MODULE}/lessons/m1-intro.fr.md`, 'url: https://example.org/guide', 'url: https://example.org/guide-fr'],
    [`${MODULE}/storyboard.fr.yaml`, 'icon: book', 'icon: leaf'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.fr.md:4: "minutes" must be the same as in the English source (5), found 6`,
    `${MODULE}/lessons/m1-intro.fr.md:5: the source urls must be the same as in the English source ([https://example.org/guide]), found [https://example.org/guide-fr]`,
    `${MODULE}/module.fr.yaml:2: "number" must be the same as in the English source (1), found 2`,
    `${MODULE}/module.fr.yaml:2: "number" must match the folder number (1), found 2`,
    `${MODULE}/storyboard.fr.yaml:13: scene s2: "icon" must be the same as in the English source (book), found leaf`,
  ]);
});

t.test('an unknown question type is reported', async (t) => {
  const dir = brokenCopy(t, [[`${MODULE}/quiz.yaml`, '    type: multiple', '    type: matching']]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.yaml:34: question m1-q04: unknown question type "matching" (use single, multiple, truefalse, ordering)`,
  ]);
});

t.test('a question with fewer than 2 options is reported', async (t) => {
  const options =
    '      - { id: "a", text: "First" }\n      - { id: "b", text: "Second" }\n      - { id: "c", text: "Third" }\n    answer: [b]';
  const dir = brokenCopy(t, [
    [`${MODULE}/quiz.yaml`, options, '      - { id: "b", text: "Second" }\n    answer: [b]'],
    [
      `${MODULE}/quiz.fr.yaml`,
      options.replace(/text: "/g, 'text: "FR '),
      '      - { id: "b", text: "FR Second" }\n    answer: [b]',
    ],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.fr.yaml:9: question m1-q01: "options" must have at least 2 items (found 1)`,
    `${MODULE}/quiz.yaml:9: question m1-q01: "options" must have at least 2 items (found 1)`,
  ]);
});

t.test('single and truefalse questions need exactly one answer', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/quiz.yaml`, '    answer: [b]', '    answer: [a, b]'],
    [`${MODULE}/quiz.yaml`, '    answer: ["false"]', '    answer: []'],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/quiz.fr.yaml:13: question m1-q01: "answer" must be the same as in the English source ([a, b]), found [b]`,
    `${MODULE}/quiz.fr.yaml:66: question m1-q07: "answer" must be the same as in the English source ([]), found [false]`,
    `${MODULE}/quiz.yaml:13: question m1-q01: a single question has exactly one answer, found 2`,
    `${MODULE}/quiz.yaml:66: question m1-q07: a truefalse question has exactly one answer, found 0`,
  ]);
});

t.test('an ordering answer must list every option exactly once', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/quiz.yaml`, '    answer: [c, a, b]', '    answer: [c, a, a]'],
    [`${MODULE}/quiz.fr.yaml`, '    answer: [c, a, b]', '    answer: [c, a, a]'],
  ]);
  const message =
    'question m1-q10: an ordering answer must list every option exactly once, in the correct order (a, b, c)';
  t.same(problemLines(dir), [`${MODULE}/quiz.fr.yaml:91: ${message}`, `${MODULE}/quiz.yaml:91: ${message}`]);
});

t.test('a lesson id must equal its file name', async (t) => {
  const dir = brokenCopy(t, [[`${MODULE}/lessons/m1-intro.fr.md`, 'id: m1-intro', 'id: m1-introduction']]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.fr.md:2: "id" must equal the file name "m1-intro", found "m1-introduction"`,
  ]);
});

t.test('Markdown problems are reported at their line in the file, after the front matter', async (t) => {
  const dir = brokenCopy(t, [
    [`${MODULE}/lessons/m1-intro.md`, '## What goes into the plan', '# What goes into the plan'],
    [
      `${MODULE}/lessons/m1-intro.fr.md`,
      'au grand jour.',
      'au grand <b>jour</b>.\n\n![plan](https://example.org/plan.png)',
    ],
  ]);
  t.same(problemLines(dir), [
    `${MODULE}/lessons/m1-intro.fr.md:15: raw HTML is not allowed: write Markdown instead`,
    `${MODULE}/lessons/m1-intro.fr.md:17: images are not allowed in course text`,
    `${MODULE}/lessons/m1-intro.md:17: only ## and ### headings are allowed (found #)`,
  ]);
});

t.test('other README rules: word count, unquoted true/false, unknown fields, layouts, stray files', async (t) => {
  const dir = brokenCopy(
    t,
    [
      [`${MODULE}/quiz.yaml`, '{ id: "true", text: "True" }', '{ id: true, text: "True" }'],
      [`${MODULE}/activity.md`, 'minutes: 30', 'minutes: 50\nduration: 50'],
      [
        `${MODULE}/storyboard.yaml`,
        'icon: city\n    heading: Heading s1\n    bullets: []',
        'icon: city\n    heading: Heading s1\n    bullets: [Too early]',
      ],
      [`${MODULE}/lessons/m1-intro.md`, '## Summary', '## Summary\n\nShort.\n\n<!--'],
    ],
    [`${MODULE}/lessons/m1-intro.fr.md`],
  );
  fs.writeFileSync(path.join(dir, 'modules/01-basics/notes.txt'), 'scratch');
  fs.writeFileSync(
    path.join(dir, 'modules/01-basics/activity.es.md'),
    fs.readFileSync(path.join(dir, 'modules/01-basics/activity.md')),
  );
  fs.writeFileSync(path.join(dir, 'modules/01-basics/lessons/m1-old.fr.md'), '---\nid: m1-old\n---\n');
  t.same(problemLines(dir), [
    `${MODULE}/activity.es.md:4: "minutes" must be a whole number from 20 to 40`,
    `${MODULE}/activity.es.md:5: unknown field "duration"`,
    `${MODULE}/activity.md:4: "minutes" must be a whole number from 20 to 40`,
    `${MODULE}/activity.md:5: unknown field "duration"`,
    `${MODULE}/lessons/m1-intro.md:13: the lesson body has 303 words; write 400 to 900`,
    `${MODULE}/lessons/m1-intro.md:35: raw HTML is not allowed: write Markdown instead`,
    `${MODULE}/lessons/m1-old.fr.md:1: translation without an English source: add m1-old.md next to it`,
    `${MODULE}/notes.txt:1: unexpected file: this folder holds module.yaml, activity.md, quiz.yaml, storyboard.yaml, their translations (e.g. quiz.fr.yaml) and lessons/`,
    `${MODULE}/quiz.yaml:64: question m1-q07: option id true must be quoted ("true"), or YAML reads it as a yes/no value`,
    `${MODULE}/storyboard.yaml:8: scene s1: bullets are shown only on the "bullets" layout; leave "bullets" empty on a title scene`,
  ]);
});

t.test('the course must list existing modules, and every module folder must be listed', async (t) => {
  const dir = brokenCopy(t, [
    ['content/course.yaml', 'modules: [m1-basics]', 'modules: [m1-basics, m2-later]'],
    ['content/course.fr.yaml', 'modules: [m1-basics]', 'modules: [m2-later]'],
  ]);
  t.same(problemLines(dir), [
    'content/course.fr.yaml:6: "modules" must be the same as in the English source ([m1-basics, m2-later]), found [m2-later]',
    'content/course.yaml:6: module "m2-later" is listed but no module folder has that id',
  ]);
  const unlisted = brokenCopy(t, [
    ['content/course.yaml', 'modules: [m1-basics]', 'modules: [m1-other]'],
    ['content/course.fr.yaml', 'modules: [m1-basics]', 'modules: [m1-other]'],
  ]);
  t.same(problemLines(unlisted), [
    'content/course.yaml:6: module "m1-other" is listed but no module folder has that id',
    `${MODULE}/module.yaml:1: module "m1-basics" is not listed in the course's "modules"`,
  ]);
  const missing = brokenCopy(t, [], ['content/course.yaml', 'content/course.fr.yaml']);
  t.same(problemLines(missing), ['content/course.yaml:1: file is missing']);
});

t.test('any locale is a translation, not just fr and zh', async (t) => {
  const dir = brokenCopy(t, []);
  fs.copyFileSync(
    path.join(dir, 'modules/01-basics/module.fr.yaml'),
    path.join(dir, 'modules/01-basics/module.km.yaml'),
  );
  const { bundle, problems } = loadContent(dir);
  t.same(problems, []);
  t.same(bundle?.locales, ['en', 'fr', 'km']);
  t.equal(bundle?.modules[0].title.km, 'Les bases');
  t.equal(bundle?.lessons[0].title.km, undefined, 'an untranslated item has no entry: the page falls back to English');
});
