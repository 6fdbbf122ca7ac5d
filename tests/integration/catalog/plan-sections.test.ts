// content:check for the action plan's sections (content/plan/sections.yaml and its translations): the real ones
// pass; each kind of mistake is reported as file:line: message and fails the check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { checkPlanSections } from '../../../server/modules/teams/plan-sections.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SMALL_CONTENT = path.join(ROOT, 'tests/fixtures/content-small/content');
const ACTIVITY = /^id:\s*"?([\w-]+)/m.exec(
  fs.readFileSync(path.join(SMALL_CONTENT, 'modules/01-basics/activity.md'), 'utf8'),
)![1];

const SOURCE = `sections:
  - id: vision
    activities: [${ACTIVITY}]
    title: "Vision"
    intro: "What the city wants to become."
    fields:
      - id: vision
        kind: text
        maxLength: 600
        label: "Vision"
        hint: "One or two sentences."
        example: "Everyone learns."
      - id: timeline
        kind: list
        maxLength: 400
        document: timeline
        label: "Timeline"
        hint: "One step per line."
        example: "2027 — council approves"
`;
const FR = `sections:
  - id: vision
    title: "Vision"
    intro: "Ce que la ville veut devenir."
    fields:
      - id: vision
        label: "Vision"
        hint: "Une ou deux phrases."
        example: "Tout le monde apprend."
      - id: timeline
        label: "Calendrier"
        hint: "Une étape par ligne."
        example: "2027 — le conseil adopte"
`;

function contentWith(t: { teardown: (fn: () => void) => void }, files: Record<string, string>) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-sections-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'plan'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'plan', name), text);
  return dir;
}
const lines = (dir: string) => checkPlanSections(dir).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

t.test('the real sections and their translations pass, one section per module activity', async (t) => {
  const { problems, sections } = checkPlanSections(path.join(ROOT, 'content'));
  t.same(problems, []);
  t.equal(sections!.length, 7);
  t.ok(sections!.every((s) => s.fields.length >= 2));
});

t.test('a good small plan passes; a course without a plan has nothing to check', async (t) => {
  t.same(lines(contentWith(t, { 'sections.yaml': SOURCE, 'sections.fr.yaml': FR })), []);
  t.same(checkPlanSections(SMALL_CONTENT).problems, []);
});

t.test('mistakes in the source: each reported with its line', async (t) => {
  const bad = SOURCE.replace(`[${ACTIVITY}]`, '[m9-activity]')
    .replace('kind: text', 'kind: essay')
    .replace('maxLength: 400', 'maxLength: 10')
    .replace('      - id: timeline', '      - id: vision')
    .replace('hint: "One or two sentences."', 'hint: ""');
  t.same(lines(contentWith(t, { 'sections.yaml': bad })), [
    'plan/sections.yaml:3: section vision: no module has the activity "m9-activity"',
    'plan/sections.yaml:8: field vision.vision: kind must be line, text or list',
    'plan/sections.yaml:11: field vision.vision: `hint` is required',
    'plan/sections.yaml:13: section vision: field id "vision" is used twice',
    'plan/sections.yaml:15: field vision.vision: maxLength must be a whole number from 20 to 5000',
    'plan/sections.yaml:19: field vision.vision: the example is longer than maxLength',
  ]);
});

t.test('mistakes in a translation: missing, extra and untranslated', async (t) => {
  const bad = FR.replace('      - id: timeline', '      - id: calendar')
    .replace('hint: "Une ou deux phrases."', 'hint: "   "')
    .replace('example: "Tout le monde apprend."', 'example: "Tout le monde apprend."\n        maxLength: 900');
  t.same(lines(contentWith(t, { 'sections.yaml': SOURCE, 'sections.fr.yaml': bad })), [
    'plan/sections.fr.yaml:6: field vision.vision: `hint` is not translated',
    'plan/sections.fr.yaml:10: field vision.vision: `maxLength` belongs in the English source only',
    'plan/sections.fr.yaml:6: field vision.timeline is missing',
    'plan/sections.fr.yaml:11: field vision.calendar is not in the English source',
  ]);
});

t.test('npm run content:check fails on a plan problem and says where', async (t) => {
  const dir = contentWith(t, {
    'sections.yaml': SOURCE.replace('example: "Everyone learns."', `example: "${'x'.repeat(601)}"`),
  });
  const result = spawnSync(process.execPath, ['--import=tsx', 'scripts/content-check.ts', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  t.equal(result.status, 1);
  t.match(result.stdout, /^plan\/sections\.yaml:12: field vision\.vision: the example is longer than maxLength$/m);
  t.match(result.stdout, /^action plan sections: 1 problem$/m);
});
