import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SMALL_CONTENT = path.join(ROOT, 'tests/fixtures/content-small/content');

function contentCheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import=tsx', 'scripts/content-check.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

t.test('content:check passes on the real content and prints word counts with --stats', async (t) => {
  const { code, stdout } = contentCheck('--stats');
  t.equal(code, 0);
  // One word-count column per locale; other translations may sit beside the ones listed here.
  const header = /^module \(lesson words\)((?:\s+[a-z]{2,3})+)$/m.exec(stdout);
  const locales = header?.[1].trim().split(/\s+/) ?? [];
  for (const locale of ['en', 'fr', 'id', 'km', 'vi', 'zh'])
    t.ok(locales.includes(locale), `${locale} has a word-count column`);
  const planning = new RegExp(`^m2-planning((?:\\s+\\d+){${locales.length}})$`, 'm').exec(stdout);
  const words = planning?.[1].trim().split(/\s+/).map(Number) ?? [];
  for (const locale of ['id', 'km', 'vi'])
    t.ok(words[locales.indexOf(locale)] > 0, `the ${locale} lessons of module 2 are counted`);
  t.match(
    stdout,
    /^content check passed: 8 modules, 25 lessons, 8 quizzes \(\d+ questions\), 8 storyboards; locales en(, [a-z]{2,3})*; hash [0-9a-f]{12}$/m,
  );
  t.match(stdout, /^content check passed: .*; locales [a-z, ]*\bvi\b/m);
});

t.test('content:check prints sorted file:line: message lines, a summary, and exits 1', async (t) => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'content-cli-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
  const quiz = path.join(dir, 'modules/01-basics/quiz.yaml');
  fs.writeFileSync(quiz, fs.readFileSync(quiz, 'utf8').replace('    type: multiple', '    type: matching'));
  const module = path.join(dir, 'modules/01-basics/module.yaml');
  fs.writeFileSync(module, fs.readFileSync(module, 'utf8').replace('kind: core', 'kind: optional'));

  const { code, stdout } = contentCheck(dir);
  t.equal(code, 1);
  t.equal(
    stdout,
    [
      'content/modules/01-basics/module.yaml:3: "kind" must be core or thematic, found "optional"',
      'content/modules/01-basics/quiz.yaml:34: question m1-q04: unknown question type "matching" (use single, multiple, truefalse, ordering)',
      'content check failed: 2 problems in 2 files',
      '',
    ].join('\n'),
  );
});

// ---- The Guidelines checklists (issue 15, section 3) -------------------------------------------------------------

const CONTENT = path.join(ROOT, 'content');
const GUIDELINES = 'content/sources/guidelines-2015.yaml';
const PLANNING = 'content/modules/02-planning/module.yaml';
const ITEM_2 = `  - { id: "1.2", cites: "area 1, point 2", text: "We have taken stock`;

/** A copy of the real course with each [file, from, to] applied (`from` must occur), loaded as content:check loads it. */
function loadPatched(t: Test, patches: [string, string, string][]) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'content-guidelines-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  fs.cpSync(CONTENT, path.join(parent, 'content'), { recursive: true });
  for (const [file, from, to] of patches) {
    const full = path.join(parent, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(from)) throw new Error(`patch: "${from}" not found in ${file}`);
    fs.writeFileSync(full, text.replace(from, to));
  }
  const { bundle, problems } = loadContent(path.join(parent, 'content'));
  return { bundle, messages: problems.map((p) => `${p.file}:${p.line}: ${p.message}`) };
}

t.test(
  'module 2 carries the checklist of area 1, one item per recorded point, cited and translated into every language',
  async (t) => {
    const { bundle, problems } = loadContent(CONTENT);
    t.same(problems, []);
    const planning = bundle!.modules.find((m) => m.id === 'm2-planning')!;
    t.equal(planning.checklist?.area, 1);
    t.equal(planning.checklist?.complete, false, 'only some of area 1 could be read: the list says it is partial');
    t.match(planning.checklist?.source.url, /^https:\/\/slidelegend\.com\/guidelines-for-building-learning-cities/);
    for (const locale of ['en', 'fr', 'zh', 'vi', 'id', 'km']) {
      t.same(
        planning.checklist?.items[locale]?.map((i) => [i.id, i.area, i.point]),
        [
          ['1.1', 1, 1],
          ['1.2', 1, 2],
          ['1.3', 1, 3],
        ],
        `${locale}: the items of area 1, points 1-3`,
      );
    }
    t.not(
      planning.checklist?.items.fr?.[0].text,
      planning.checklist?.items.en[0].text,
      'the French items are translated',
    );
    t.equal(bundle!.modules.find((m) => m.id === 't1-esd')!.checklist, null, 'the thematic unit is no key area');

    const { stdout } = contentCheck();
    t.match(
      stdout,
      /^content\/sources\/guidelines-2015\.yaml:\d+: warning: area 1 \(m2-planning\): only points 1, 2, 3 of the Guidelines are recorded/m,
    );
    t.match(
      stdout,
      /^content\/sources\/guidelines-2015\.yaml:\d+: warning: area 4 \(m5-accessibility\): no action point of the Guidelines is recorded yet/m,
    );
  },
);

t.test('an item that loses its reference, or cites another point, fails content:check', async (t) => {
  let { messages } = loadPatched(t, [[PLANNING, ITEM_2, `  - { id: "1.2", text: "We have taken stock`]]);
  t.match(messages, [
    /^content\/modules\/02-planning\/module\.yaml:\d+: checklist item 2: missing required field "cites"$/,
  ]);
  t.equal(messages.length, 1, 'that is the one problem');

  ({ messages } = loadPatched(t, [
    [PLANNING, ITEM_2, `  - { id: "1.2", cites: "area 1, point 3", text: "We have taken stock`],
  ]));
  t.match(messages, [/checklist item 2: item "1\.2" cites "area 1, point 3": an item's id is the point it cites/]);
  t.equal(messages.length, 1, 'that is the one problem');

  ({ messages } = loadPatched(t, [
    [PLANNING, ITEM_2, `  - { id: "1.2", cites: "Guidelines p. 4", text: "We have taken stock`],
  ]));
  t.match(messages, [
    /checklist item 2: "cites" names the Guidelines' action point as "area 1, point 2", found "Guidelines p\. 4"/,
  ]);
  t.equal(messages.length, 1, 'that is the one problem');

  // A point the record does not have, and a point of another area.
  ({ messages } = loadPatched(t, [
    [PLANNING, `  - { id: "1.3", cites: "area 1, point 3"`, `  - { id: "1.4", cites: "area 1, point 4"`],
  ]));
  t.ok(
    messages.some((m) => /item "1\.4": area 1 has no point 4 recorded in sources\/guidelines-2015\.yaml/.test(m)),
    'unrecorded point',
  );
  t.ok(
    messages.some((m) => /"checklist" has no item for the Guidelines' area 1, point 3/.test(m)),
    'the recorded point 3 lost its item',
  );
  ({ messages } = loadPatched(t, [
    [PLANNING, ITEM_2, `  - { id: "2.2", cites: "area 2, point 2", text: "We have taken stock`],
  ]));
  t.ok(
    messages.some((m) => /item "2\.2" comes from area 2, but this module's key area is area 1/.test(m)),
    'another area',
  );
});

t.test(
  'every recorded point needs its item, every language the English items, and only key-area modules have a checklist',
  async (t) => {
    let { messages } = loadPatched(t, [
      [GUIDELINES, `      - { n: 3, gist:`, `      - { n: 4, gist: "A fourth point." }\n      - { n: 3, gist:`],
    ]);
    t.ok(
      messages.some(
        (m) =>
          m.startsWith(`${GUIDELINES}:`) &&
          /points are numbered in the Guidelines' order from 1: expected 4, found 3/.test(m),
      ),
      'points in order',
    );

    ({ messages } = loadPatched(t, [
      [GUIDELINES, `    points: []\n  - id: 3`, `    points:\n      - { n: 1, gist: "A point of area 2." }\n  - id: 3`],
    ]));
    t.match(messages, [
      /^content\/modules\/03-involvement\/module\.yaml:1: "checklist" has no item for the Guidelines' area 2, point 1/,
    ]);
    t.equal(messages.length, 1, 'that is the one problem');

    ({ messages } = loadPatched(t, [
      [
        'content/modules/02-planning/module.fr.yaml',
        `  - { id: "1.2", text: "Nous avons fait l'inventaire`,
        `  - { id: "1.4", text: "Nous avons fait l'inventaire`,
      ],
    ]));
    t.ok(
      messages.some(
        (m) =>
          m.startsWith('content/modules/02-planning/module.fr.yaml:') &&
          /item "1\.4" is not in the English checklist \(1\.1, 1\.2, 1\.3\)/.test(m),
      ),
      'extra id',
    );
    t.ok(
      messages.some(
        (m) =>
          m.startsWith('content/modules/02-planning/module.fr.yaml:') &&
          /"checklist" lacks the English items 1\.2/.test(m),
      ),
      'missing id',
    );

    const zh = fs.readFileSync(path.join(CONTENT, 'modules/02-planning/module.zh.yaml'), 'utf8');
    ({ messages } = loadPatched(t, [
      ['content/modules/02-planning/module.zh.yaml', zh.slice(zh.indexOf('checklist:')), ''],
    ]));
    t.match(messages, [
      /^content\/modules\/02-planning\/module\.zh\.yaml:1: "checklist" is missing: translate the English checklist's items \(1\.1, 1\.2, 1\.3\)$/,
    ]);
    t.equal(messages.length, 1, 'that is the one problem');

    ({ messages } = loadPatched(t, [
      [
        'content/modules/08-esd/module.yaml',
        'lessons: [t1-why-esd',
        'checklist:\n  - { id: "1.1", cites: "area 1, point 1", text: "A point." }\nlessons: [t1-why-esd',
      ],
    ]));
    t.match(messages, [
      /^content\/modules\/08-esd\/module\.yaml:\d+: "checklist" belongs to the key-area modules only/,
    ]);
    t.equal(messages.length, 1, 'that is the one problem');
  },
);
