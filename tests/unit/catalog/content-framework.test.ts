// content:check on the self-assessment framework: the English file against the Beijing Declaration, each
// translation against the English. Each refusal is shown on a copy of the real files broken in one way, with the
// file and line a translator would open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { checkFramework, DECLARATION_BULLETS } from '../../../server/modules/catalog/content-framework.ts';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';
import { ProblemLog } from '../../../server/modules/catalog/content-yaml.ts';
import { SMALL_CONTENT } from '../../helpers/content.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL = path.join(ROOT, 'content/self-assessment');
const DECLARATION = path.resolve(ROOT, '../shared/sources/beijing-declaration-2013.md');

type Patch = [file: string, from: string, to: string];
type Tap = { teardown: (fn: () => void) => void };

/** A copy of content/self-assessment with the patches applied (each `from` must occur once) and files removed or added. */
function copy(t: Tap, patches: Patch[] = [], { remove = [] as string[], add = {} as Record<string, string> } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-check-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(REAL, dir, { recursive: true });
  for (const [file, from, to] of patches) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    if (text.split(from).length !== 2) throw new Error(`patch: "${from}" must occur once in ${file}`);
    fs.writeFileSync(path.join(dir, file), text.replace(from, to));
  }
  for (const file of remove) fs.rmSync(path.join(dir, file));
  for (const [file, text] of Object.entries(add)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** `file:line: message` for each problem, files named as content:check names them. */
function check(dir: string): string[] {
  const log = new ProblemLog();
  checkFramework(dir, (file) => `content/self-assessment/${path.relative(dir, file)}`, log);
  return log.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

/** The line of the real file (1-based) that is `text`, else the first that holds it. */
function lineOf(file: string, text: string): number {
  const lines = fs.readFileSync(path.join(REAL, file), 'utf8').split('\n');
  const exact = lines.indexOf(text);
  const index = exact >= 0 ? exact : lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" not in ${file}`);
  return index + 1;
}

const at = (file: string, text: string, message: string) =>
  `content/self-assessment/${file}:${lineOf(file, text)}: ${message}`;

t.test('the real framework and its eight translations pass', async (t) => {
  t.same(check(REAL), []);
  const locales = fs
    .readdirSync(REAL)
    .map((n) => /^framework\.([a-z]+)\.yaml$/.exec(n)?.[1])
    .filter(Boolean)
    .sort();
  t.same(locales, ['ar', 'es', 'fr', 'id', 'km', 'ru', 'vi', 'zh']);
});

t.test("the Declaration's bullets, as the check knows them, are those of the source text", async (t) => {
  t.equal(
    Object.values(DECLARATION_BULLETS).reduce((a, b) => a + b, 0),
    50,
    '50 actions',
  );
  t.equal(Object.keys(DECLARATION_BULLETS).length, 12, 'in 12 sections');
  // shared/ sits beside the repository on developers' machines and in CI; counted again there.
  if (!fs.existsSync(DECLARATION)) return t.comment(`${DECLARATION} not found: counted from the table only`);
  const commitments = fs
    .readFileSync(DECLARATION, 'utf8')
    .split(/^## Call to Action/m)[0]
    .split(/^## \*\*Commitments\*\*/m)[1];
  const counted: Record<number, number> = {};
  let section = 0;
  for (const line of commitments.split('\n')) {
    const heading = /^#{2,3} \**(\d+)\./.exec(line);
    if (heading) section = Number(heading[1]);
    else if (/^- /.test(line) && section) counted[section] = (counted[section] ?? 0) + 1;
  }
  t.same(counted, DECLARATION_BULLETS);
});

t.test('English: ids unique, every area in one group, required fields', async (t) => {
  t.same(
    check(copy(t, [['framework.yaml', '{ id: "1.2", cites: "§1, bullet 2"', '{ id: "1.1", cites: "§1, bullet 2"']])),
    [
      at('framework.yaml', '"1.2", cites', 'action 1.1: action id 1.1 is used twice'),
      at(
        'framework.yaml',
        '"1.2", cites',
        'action 1.1: action 1.1 cites §1, bullet 2: an action\'s id is its section and bullet ("1.2"), and pages show the citation from the id',
      ),
    ],
    'a repeated action id',
  );
  t.same(
    check(copy(t, [['framework.yaml', '  - id: 3\n', '  - id: 2\n']])),
    [
      at('framework.yaml', '  - id: 3', 'area 2: area 2 is listed twice'),
      at('framework.yaml', '"3.1", cites', 'action 3.1: action 3.1 is under area 2: its id must start with "2."'),
      at('framework.yaml', '"3.2", cites', 'action 3.2: action 3.2 is under area 2: its id must start with "2."'),
      at('framework.yaml', '"3.3", cites', 'action 3.3: action 3.3 is under area 2: its id must start with "2."'),
      at('framework.yaml', '    areas: [1, 2, 3]', 'group 1: area 3 is not in "areas"'),
    ],
    'a repeated area id',
  );
  t.same(
    check(copy(t, [['framework.yaml', 'areas: [10, 11, 12]', 'areas: [10, 11]']])),
    [
      at(
        'framework.yaml',
        '  - id: 12',
        'area 12: area 12 is in no group: add it to the "areas" of one of benefits, building_blocks, conditions',
      ),
    ],
    'an area in no group',
  );
  t.same(
    check(copy(t, [['framework.yaml', 'areas: [10, 11, 12]', 'areas: [3, 10, 11, 12]']])),
    [
      at(
        'framework.yaml',
        'areas: [10, 11, 12]',
        'group 3: area 3 is already in group "benefits": an area belongs to one group',
      ),
    ],
    'an area in two groups',
  );
  t.same(
    check(copy(t, [['framework.yaml', '  - id: conditions', '  - id: foundations']])),
    [
      at(
        'framework.yaml',
        '  - id: conditions',
        'group 3: unknown group "foundations" (use benefits, building_blocks, conditions)',
      ),
      at(
        'framework.yaml',
        'groups:',
        'group "conditions" is missing (the groups are benefits, building_blocks, conditions)',
      ),
    ],
    'an unknown group',
  );
  t.same(
    check(copy(t, [['framework.yaml', ' text: "Public events celebrate learning." }', ' }']])),
    [at('framework.yaml', '"9.2", cites', 'action 9.2: missing required field "text"')],
    'an action with no text',
  );
  t.same(
    check(copy(t, [['framework.yaml', '    title: Resources for learning\n', '']])),
    [at('framework.yaml', '  - id: 12', 'area 12: missing required field "title"')],
    'an area with no title',
  );
  t.match(
    check(copy(t, [['framework.yaml', 'source: Beijing', 'origin: Beijing']])),
    [
      /^content\/self-assessment\/framework\.yaml:11: unknown field "origin"$/,
      /^content\/self-assessment\/framework\.yaml:1\d: missing required field "source"$/,
    ],
    'the source unnamed',
  );
  t.same(
    check(copy(t, [['framework.yaml', '"1.1", cites', '1.1, cites']])),
    [at('framework.yaml', '"1.1", cites', 'action 1.1: "id" must be text; put 1.1 in quotes')],
    'an id YAML reads as a number',
  );
  t.same(
    check(
      copy(t, [
        [
          'framework.yaml',
          'text: "Every resident can learn to read, write and count and gain basic skills."',
          'text: Every resident can learn to read, write and count and gain basic skills.',
        ],
      ]),
    ),
    [
      at(
        'framework.yaml',
        '"1.1", cites',
        'action 1.1: a text is cut at a comma ("write and count and gain basic skills." was read as a field): put the whole text in double quotes',
      ),
    ],
    'a text cut at a comma',
  );
  t.same(check(copy(t, [], { remove: ['framework.yaml'] })), [
    'content/self-assessment/framework.yaml:1: framework.yaml is missing: the self-assessment needs the English framework',
  ]);
});

t.test('English: every action cites a bullet the Declaration has, its own, and all 50 are there', async (t) => {
  t.same(
    check(copy(t, [['framework.yaml', 'cites: "§12, bullet 5"', 'cites: "§13, bullet 5"']])),
    [
      at(
        'framework.yaml',
        '"12.5", cites',
        'action 12.5: the Declaration has no section §13 (its commitments are §1 to §12)',
      ),
    ],
    'a section the Declaration does not have',
  );
  t.same(
    check(copy(t, [['framework.yaml', '{ id: "3.3", cites: "§3, bullet 3"', '{ id: "3.4", cites: "§3, bullet 4"']])),
    [at('framework.yaml', '"3.3", cites', 'action 3.4: §3 of the Declaration has 3 bullets: there is no bullet 4')],
    'a bullet the section does not have',
  );
  t.same(
    check(copy(t, [['framework.yaml', 'cites: "§4, bullet 3"', 'cites: "§4, bullet 5"']])),
    [
      at(
        'framework.yaml',
        '"4.3", cites',
        'action 4.3: action 4.3 cites §4, bullet 5: an action\'s id is its section and bullet ("4.5"), and pages show the citation from the id',
      ),
    ],
    'a citation its id contradicts',
  );
  t.same(
    check(copy(t, [['framework.yaml', 'cites: "§4, bullet 3"', 'cites: "Declaration 4.3"']])),
    [
      at(
        'framework.yaml',
        '"4.3", cites',
        'action 4.3: a citation reads "§<section>, bullet <n>", e.g. "§4, bullet 3" (found "Declaration 4.3")',
      ),
    ],
    'a citation in another form',
  );
  t.same(
    check(copy(t, [['framework.yaml', 'cites: "§4, bullet 3", ', '']])),
    [at('framework.yaml', '"4.3", cites', 'action 4.3: missing required field "cites"')],
    'an action that cites nothing',
  );
  const removed = copy(t, [
    [
      'framework.yaml',
      '      - { id: "5.2", cites: "§5, bullet 2", text: "Residents are asked what community learning they need, and get it." }\n',
      '',
    ],
  ]);
  t.same(
    check(removed),
    [at('framework.yaml', 'areas:', 'no action for §5, bullet 2 of the Declaration: the framework has all 50')],
    'a bullet of the Declaration with no action (and the translations are not compared with an unsound English file)',
  );
});

t.test('a translation has the same groups, areas, actions and citations as the English', async (t) => {
  t.same(
    check(
      copy(t, [
        [
          'framework.ar.yaml',
          / {6}- \{ id: "2\.3", text: "[^"]+" \}\n/.exec(
            fs.readFileSync(path.join(REAL, 'framework.ar.yaml'), 'utf8'),
          )![0],
          '',
        ],
      ]),
    ),
    [
      at('framework.ar.yaml', '  - id: 2', 'area 2: missing action 2.3 of framework.yaml').replace(
        /:\d+:/,
        `:${lineOf('framework.ar.yaml', '  - id: 2') + 2}:`,
      ),
    ],
    "a missing action, reported at its area's actions",
  );
  t.same(
    check(copy(t, [['framework.ru.yaml', '{ id: "12.5", text:', '{ id: "12.6", text:']])),
    [
      at(
        'framework.ru.yaml',
        '"12.5", text',
        'action 12.6: action 12.6 is not in area 12 of framework.yaml (its actions are 12.1, 12.2, 12.3, 12.4, 12.5)',
      ),
      `content/self-assessment/framework.ru.yaml:${lineOf('framework.ru.yaml', '  - id: 12') + 2}: area 12: missing action 12.5 of framework.yaml`,
    ],
    'an extra action (and the one it replaced is missing)',
  );
  t.same(
    check(copy(t, [['framework.km.yaml', '{ id: "4.1", text:', '{ id: "4.1", cites: "§4, bullet 2", text:']])),
    [
      at(
        'framework.km.yaml',
        '"4.1", text',
        'action 4.1: framework.yaml cites "§4, bullet 1" for action 4.1; a translation repeats the citation unchanged or leaves it out',
      ),
    ],
    'a citation changed',
  );
  t.same(
    check(copy(t, [['framework.vi.yaml', '{ id: "4.1", text:', '{ id: "4.1", cites: "§4, bullet 1", text:']])),
    [],
    'a citation repeated unchanged is fine',
  );
  t.same(
    check(
      copy(t, [['framework.es.yaml', '{ id: conditions, title:', '{ id: conditions, areas: [9, 10, 11, 12], title:']]),
    ),
    [
      at(
        'framework.es.yaml',
        '{ id: conditions',
        'group 3: group "conditions" has areas [10, 11, 12] in framework.yaml; a translation repeats them unchanged or leaves them out',
      ),
    ],
    'a group with other areas',
  );
  t.same(
    check(copy(t, [['framework.id.yaml', '{ id: conditions, title:', '{ id: foundations, title:']])),
    [
      at(
        'framework.id.yaml',
        '{ id: conditions',
        'group 3: group "foundations" is not in framework.yaml (its groups are benefits, building_blocks, conditions)',
      ),
      at('framework.id.yaml', 'groups:', 'missing group conditions of framework.yaml'),
    ],
    'an unknown group',
  );
  const areaTwelve = fs.readFileSync(path.join(REAL, 'framework.fr.yaml'), 'utf8').split('  - id: 12\n')[1];
  t.same(
    check(copy(t, [['framework.fr.yaml', `  - id: 12\n${areaTwelve}`, '']])),
    [at('framework.fr.yaml', 'areas:', 'missing area 12 of framework.yaml')],
    'a missing area',
  );
  t.same(
    check(copy(t, [['framework.zh.yaml', '  - id: 12\n', '  - id: 13\n']])),
    [
      at('framework.zh.yaml', '  - id: 12', 'area 13: area 13 is not in framework.yaml'),
      at('framework.zh.yaml', 'areas:', 'missing area 12 of framework.yaml'),
    ],
    'an unknown area',
  );
  t.same(
    check(
      copy(t, [['framework.es.yaml', 'text: "Se organizan actos públicos que celebran el aprendizaje."', 'text: ""']]),
    ),
    [at('framework.es.yaml', '"9.2", text', 'action 9.2: "text" is empty')],
    'an empty text',
  );
  t.same(
    check(copy(t, [['framework.es.yaml', 'groups:', 'source: Declaración de Beijing\ngroups:']])),
    ['content/self-assessment/framework.es.yaml:3: unknown field "source"'],
    'a field a translation does not have',
  );
});

t.test('the folder holds framework.yaml and translations into languages of the platform only', async (t) => {
  const dir = copy(t, [], {
    add: { 'framework.pt.yaml': 'groups: []\n', 'framework.en.yaml': 'groups: []\n', 'notes.txt': 'to do\n' },
  });
  t.same(check(dir), [
    'content/self-assessment/framework.en.yaml:1: English is the source: name this file framework.yaml',
    'content/self-assessment/framework.pt.yaml:1: "pt" is not a language of the platform (en, fr, es, zh, ar, vi, km, ru, id)',
    'content/self-assessment/notes.txt:1: unexpected file: this folder holds framework.yaml and its translations (framework.fr.yaml ...)',
  ]);
});

t.test(
  'content:check (loadContent) reports framework problems with the rest, and a course without the folder is fine',
  async (t) => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-load-'));
    t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
    const dir = path.join(parent, 'content');
    fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
    t.same(loadContent(dir).problems, [], 'no self-assessment folder: nothing to check');
    fs.cpSync(
      copy(t, [['framework.vi.yaml', '{ id: "7.4", text:', '{ id: "7.5", text:']]),
      path.join(dir, 'self-assessment'),
      { recursive: true },
    );
    const { bundle, problems } = loadContent(dir);
    t.equal(bundle, null, 'no course is imported while the framework is wrong');
    t.same(
      problems.map((p) => `${p.file}:${p.line}`),
      [
        `content/self-assessment/framework.vi.yaml:${lineOf('framework.vi.yaml', '  - id: 7') + 2}`,
        `content/self-assessment/framework.vi.yaml:${lineOf('framework.vi.yaml', '"7.4", text')}`,
      ],
      'sorted by line, as content:check prints them',
    );
  },
);
