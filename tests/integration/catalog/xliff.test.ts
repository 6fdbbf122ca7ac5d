// content:export / content:import: XLIFF 2.0 per module, round trip without edits, translating a
// module, review state, and every kind of bad input refused whole with file:line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import convert, { type Element } from 'xml-js';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';
import { exportLocale, writeExport } from '../../../scripts/content-xliff/xliff-export.ts';
import { importXliff } from '../../../scripts/content-xliff/xliff-import.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL_CONTENT = path.join(ROOT, 'content');
const SMALL_CONTENT = path.join(ROOT, 'tests/fixtures/content-small/content');

function copyContent(t: Test, from: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/** sha256 of every file under `dir`, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else result.set(path.relative(dir, file), createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    }
  };
  walk(dir);
  return result;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k)).sort();
}

type Unit = {
  file: string;
  id: string;
  source: string;
  target: string | null;
  state: string;
  notes: { category: string; text: string }[];
};

function text(element: Element | undefined): string {
  return (element?.elements ?? []).map((e) => String(e.text ?? '')).join('');
}

function unitsOf(xml: string): Unit[] {
  const root = (convert.xml2js(xml) as Element).elements!.find((e) => e.name === 'xliff')!;
  return root
    .elements!.filter((f) => f.name === 'file')
    .flatMap((file) =>
      file.elements!.map((unit) => {
        const segment = unit.elements!.find((e) => e.name === 'segment')!;
        const target = segment.elements!.find((e) => e.name === 'target');
        return {
          file: String(file.attributes!.id),
          id: String(unit.attributes!.id),
          source: text(segment.elements!.find((e) => e.name === 'source')),
          target: target ? text(target) : null,
          state: String(segment.attributes?.state),
          notes: (unit.elements!.find((e) => e.name === 'notes')?.elements ?? []).map((n) => ({
            category: String(n.attributes?.category),
            text: text(n),
          })),
        };
      }),
    );
}

/** Sets targets and states as a CAT tool would, through an XML library. */
function editUnits(
  xml: string,
  edit: (file: string, id: string, source: string) => { target?: string; state?: string } | null,
): string {
  const tree = convert.xml2js(xml) as Element;
  const root = tree.elements!.find((e) => e.name === 'xliff')!;
  for (const file of root.elements!.filter((f) => f.name === 'file')) {
    for (const unit of file.elements!) {
      const segment = unit.elements!.find((e) => e.name === 'segment')!;
      const source = text(segment.elements!.find((e) => e.name === 'source'));
      const change = edit(String(file.attributes!.id), String(unit.attributes!.id), source);
      if (!change) continue;
      if (change.target !== undefined) {
        segment.elements = segment.elements!.filter((e) => e.name !== 'target');
        segment.elements.push({ type: 'element', name: 'target', elements: [{ type: 'text', text: change.target }] });
      }
      if (change.state) segment.attributes = { state: change.state };
    }
  }
  return convert.js2xml(tree, { spaces: 2 });
}

function lineOf(xml: string, needle: string): number {
  return xml.slice(0, xml.indexOf(needle)).split('\n').length;
}

// Exporting the whole course takes a moment: the French export serves both of the first tests.
const frenchDocs = exportLocale(REAL_CONTENT, 'fr');

t.test(
  'export: one XLIFF 2.0 document per module and one for the course, with states, answer keys and glossary notes',
  async (t) => {
    const docs = frenchDocs;
    t.same(
      docs.map((d) => d.fileName),
      [
        'course.fr.xlf',
        ...fs
          .readdirSync(path.join(REAL_CONTENT, 'modules'))
          .sort()
          .map((m) => `${m}.fr.xlf`),
      ],
    );
    const planning = docs.find((d) => d.name === '02-planning')!;
    t.match(
      planning.xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">/,
    );
    const units = unitsOf(planning.xml);
    const files = [...new Set(units.map((u) => u.file))];
    t.same(
      files.filter((f) => !f.includes(':lessons:')),
      [
        'modules:02-planning:module.yaml',
        'modules:02-planning:activity.md',
        'modules:02-planning:quiz.yaml',
        'modules:02-planning:storyboard.yaml',
      ],
    );
    t.ok(
      files.some((f) => f.startsWith('modules:02-planning:lessons:')),
      'the lessons, in the order of module.yaml',
    );

    const ids = (file: string) => units.filter((u) => u.file === file).map((u) => u.id);
    t.same(ids('modules:02-planning:module.yaml').slice(0, 3), ['title', 'summary', 'objectives.1']);
    const lessonFile = files.find((f) => f.includes(':lessons:'))!;
    t.ok(
      ids(lessonFile).includes('keyPoints.1') &&
        ids(lessonFile).includes('sources.1.title') &&
        ids(lessonFile).includes('body.1'),
      'a lesson: key points, source titles, body blocks',
    );
    const heading = units.find((u) => u.file === lessonFile && u.id === 'body.1')!;
    t.match(heading.source, /^## /, 'a body block keeps its Markdown');
    t.ok(
      ids('modules:02-planning:activity.md').includes('groupSize') &&
        ids('modules:02-planning:activity.md').includes('materials.1'),
    );
    const quiz = units.filter((u) => u.file === 'modules:02-planning:quiz.yaml');
    t.ok(
      quiz.some((u) => /^questions\.[^.]+\.options\.[a-z0-9]+$/.test(u.id)) &&
        quiz.some((u) => u.id.endsWith('.explanation')),
    );
    t.notOk(
      units.some((u) => /(^|\.)(id|answer|type|minutes|url|layout|icon)$/.test(u.id)),
      'ids, answer keys, numbers and urls are not units',
    );
    const prompt = quiz.find((u) => u.id.endsWith('.prompt'))!;
    t.match(prompt.notes.find((n) => n.category === 'answer-key')?.text, /^answer key \(do not change\): [a-z0-9, ]+$/);
    const storyboard = ids('modules:02-planning:storyboard.yaml');
    t.ok(
      storyboard.includes('title') &&
        storyboard.some((id) => /^scenes\.[^.]+\.bullets\.1$/.test(id)) &&
        storyboard.some((id) => id.endsWith('.narration')),
    );

    t.ok(
      units.every((u) => u.target !== null && ['translated', 'reviewed'].includes(u.state)),
      'French is translated throughout: every unit has its target',
    );
    const glossary = docs
      .flatMap((d) => unitsOf(d.xml))
      .flatMap((u) => u.notes)
      .filter((n) => n.category === 'glossary');
    t.ok(
      glossary.some((n) => /^glossary \([a-z-]+\): ".+" = ".+"/.test(n.text)),
      'glossary terms found in a source, with the French rendering',
    );

    const untranslated = unitsOf(exportLocale(SMALL_CONTENT, 'xx').find((d) => d.name === '01-basics')!.xml);
    t.ok(
      untranslated.every((u) => u.target === null && u.state === 'initial'),
      'a language with no files yet: no targets, state initial',
    );
  },
);

t.test('a round trip with no edits changes no file (French and Chinese, byte for byte)', async (t) => {
  const dir = copyContent(t, REAL_CONTENT);
  const before = snapshot(dir);
  for (const locale of ['fr', 'zh']) {
    const out = path.join(path.dirname(dir), `xliff-${locale}`);
    const files =
      locale === 'fr'
        ? frenchDocs.map(
            (doc) => (
              fs.mkdirSync(out, { recursive: true }),
              fs.writeFileSync(path.join(out, doc.fileName), doc.xml),
              path.join(out, doc.fileName)
            ),
          )
        : writeExport(dir, locale, out);
    const result = importXliff(dir, files);
    t.same(result.problems, [], `${locale}: no problems`);
    t.same(result.written, [], `${locale}: nothing written`);
  }
  t.same(changedFiles(before, snapshot(dir)), []);
});

t.test(
  'translating a module: files are created in the shape of the English, reviewed when every unit is reviewed',
  async (t) => {
    const dir = copyContent(t, SMALL_CONTENT);
    const out = path.join(path.dirname(dir), 'xliff');
    const [, moduleDoc] = writeExport(dir, 'ru', out);
    const translated = editUnits(fs.readFileSync(moduleDoc, 'utf8'), (file, id, source) => ({
      // Body blocks keep their Markdown (Russian has no city-example marker of its own, so the English one stays
      // right); other text gets a marker word so the change shows.
      target: id.startsWith('body.') ? source : `ខ្មែរ ${source}`,
      state: file.includes(':lessons:') ? 'reviewed' : 'translated',
    }));
    fs.writeFileSync(moduleDoc, translated);
    const first = importXliff(dir, [moduleDoc]);
    t.same(first.problems, []);
    t.same(first.written, [
      'modules/01-basics/activity.ru.md',
      'modules/01-basics/lessons/m1-intro.ru.md',
      'modules/01-basics/module.ru.yaml',
      'modules/01-basics/quiz.ru.yaml',
      'modules/01-basics/storyboard.ru.yaml',
    ]);
    const lesson = fs.readFileSync(path.join(dir, 'modules/01-basics/lessons/m1-intro.ru.md'), 'utf8');
    t.match(
      lesson,
      /^---\nid: m1-intro\ntranslation: reviewed\ntitle: ខ្មែរ Why a plan matters\nminutes: 5\n/,
      'front matter in the English order, marked reviewed',
    );
    t.notMatch(
      fs.readFileSync(path.join(dir, 'modules/01-basics/module.ru.yaml'), 'utf8'),
      /translation:/,
      'not every unit reviewed: no mark',
    );
    const quiz = fs.readFileSync(path.join(dir, 'modules/01-basics/quiz.ru.yaml'), 'utf8');
    t.equal(
      quiz.replace(/ខ្មែរ /g, ''),
      fs.readFileSync(path.join(dir, 'modules/01-basics/quiz.yaml'), 'utf8'),
      'ids and answer keys as in the English, only the text changed',
    );
    const bundle = loadContent(dir).bundle!;
    t.ok(bundle.locales.includes('ru'));
    t.same(bundle.lessons[0].reviewedLocales, ['ru']);

    const again = unitsOf(exportLocale(dir, 'ru').find((d) => d.name === '01-basics')!.xml);
    t.ok(again.filter((u) => u.file.includes(':lessons:')).every((u) => u.state === 'reviewed'));
    t.ok(
      again
        .filter((u) => u.file.includes('module.yaml'))
        .every((u) => u.state === 'translated' && u.target?.startsWith('ខ្មែរ ')),
    );

    const before = snapshot(dir);
    const unreviewed = editUnits(translated, (file) => (file.includes(':lessons:') ? { state: 'translated' } : null));
    fs.writeFileSync(moduleDoc, unreviewed);
    t.same(
      importXliff(dir, [moduleDoc]).written,
      ['modules/01-basics/lessons/m1-intro.ru.md'],
      'a unit back to translated: only that file changes',
    );
    t.equal(
      fs.readFileSync(path.join(dir, 'modules/01-basics/lessons/m1-intro.ru.md'), 'utf8'),
      lesson.replace('translation: reviewed\n', ''),
      'the mark removed, nothing else',
    );
    t.same(changedFiles(before, snapshot(dir)), ['modules/01-basics/lessons/m1-intro.ru.md']);

    const partial = editUnits(unreviewed, (file, id) =>
      file.includes('storyboard') && id === 'title'
        ? { target: 'ខ្មែរ new title' }
        : file.includes('storyboard')
          ? { target: '' }
          : null,
    );
    fs.writeFileSync(moduleDoc, partial);
    const result = importXliff(dir, [moduleDoc]);
    t.same(result.written, [], 'a file with units left untranslated is not written');
    t.same(
      result.skipped.map((s) => s.file),
      ['modules/01-basics/storyboard.ru.yaml'],
    );
  },
);

t.test('bad input is refused whole with file:line, and no file changes', async (t) => {
  const dir = copyContent(t, SMALL_CONTENT);
  const out = path.join(path.dirname(dir), 'xliff');
  const [courseDoc, moduleDoc] = writeExport(dir, 'fr', out);
  const original = fs.readFileSync(moduleDoc, 'utf8');
  // A good change in another document, refused with the rest.
  fs.writeFileSync(
    courseDoc,
    editUnits(fs.readFileSync(courseDoc, 'utf8'), (_f, id) => (id === 'title' ? { target: 'Un autre titre' } : null)),
  );
  const before = snapshot(dir);
  const shown = path.relative(process.cwd(), moduleDoc);

  const refuse = async (name: string, xml: string, expected: RegExp, line?: number) => {
    fs.writeFileSync(moduleDoc, xml);
    const result = importXliff(dir, [courseDoc, moduleDoc]);
    const messages = result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    t.ok(
      messages.some((m) => expected.test(m) && m.startsWith(`${shown}:${line ?? ''}`)),
      `${name}: ${messages.join(' | ')}`,
    );
    t.same(result.written, [], `${name}: nothing written`);
    t.same(changedFiles(before, snapshot(dir)), [], `${name}: no file changed`);
  };

  const renamed = original.replace('<unit id="summary">', '<unit id="summry">');
  await refuse(
    'changed unit id',
    renamed,
    /unit "summry" of modules\/01-basics\/module\.yaml: no such unit in the English/,
    lineOf(renamed, '<unit id="summry">'),
  );
  await refuse('changed unit id', renamed, /unit "summary" of modules\/01-basics\/module\.yaml is missing/);
  const missing = original.replace(/\s*<unit id="objectives\.2">[\s\S]*?<\/unit>/, '');
  await refuse(
    'missing unit',
    missing,
    /unit "objectives\.2" of modules\/01-basics\/module\.yaml is missing/,
    lineOf(missing, '<file id="modules:01-basics:module.yaml"'),
  );

  const withTarget = (id: string, target: string) =>
    editUnits(original, (file, unit) => (file.includes(':lessons:') && unit === id ? { target } : null));
  const body1 = withTarget('body.1', 'Pourquoi un plan compte');
  await refuse(
    'lost heading marker',
    body1,
    /unit "body\.1" of .*m1-intro\.md: the English is a ## heading; the translation is a paragraph/,
    lineOf(body1, '<unit id="body.1">'),
  );
  await refuse(
    'deeper heading',
    withTarget('body.1', '#### Pourquoi un plan compte'),
    /the English is a ## heading; the translation is a #### heading/,
  );
  await refuse('unclosed bold', withTarget('body.2', 'Une ville **apprenante planifie.'), /unclosed bold \(\*\*\)/);
  await refuse(
    'unclosed emphasis',
    withTarget('body.2', 'Une ville *apprenante planifie.'),
    /unclosed emphasis \(\*\)/,
  );
  await refuse('broken link', withTarget('body.2', 'Voir [le guide](https://example.org/guide'), /broken link/);
  await refuse(
    'link url changed',
    withTarget('body.2', 'Voir [le guide](https://example.org/autre).'),
    /link url not in the English: https:\/\/example\.org\/autre/,
  );
  await refuse(
    'inline code added',
    withTarget('body.2', 'Le fichier `plan.yaml` décrit le plan.'),
    /inline code not in the English: plan\.yaml/,
  );
  await refuse(
    'placeholder',
    editUnits(original, (file, unit) =>
      file.includes('module.yaml') && unit === 'title' ? { target: 'Bonjour {name}' } : null,
    ),
    /placeholder not in the English: \{name\}/,
  );

  const answer = unitsOf(original).find((u) => u.id.endsWith('.prompt'))!;
  const key = answer.notes.find((n) => n.category === 'answer-key')!.text;
  const changedKey = original.replace(`>${key}<`, `>${key.replace(/: .*$/, ': a')}<`);
  await refuse(
    'changed answer key',
    changedKey,
    /the answer key changed or was removed; it must stay "answer key \(do not change\): /,
    lineOf(changedKey, `<unit id="${answer.id}">`),
  );
  await refuse(
    'source edited',
    original.replace('>Why a plan matters</source>', '>Why plans matter</source>'),
    /the English source differs from content\/modules\/01-basics\/lessons\/m1-intro\.md/,
  );
  await refuse('not XML', '<xliff version="2.0"><file></xliff>', /not well-formed XML/);
  await refuse(
    'wrong language',
    original.replace('trgLang="fr"', 'trgLang="français"'),
    /trgLang must be the translation's language code/,
    2,
  );

  // What only the whole content check sees (raw HTML in a paragraph), reported against the file it would write.
  fs.writeFileSync(
    moduleDoc,
    editUnits(original, (file, id, source) =>
      file.includes(':lessons:') ? { target: id === 'body.2' ? 'Une <b>ville</b> apprenante.' : source } : null,
    ),
  );
  const html = importXliff(dir, [moduleDoc]);
  t.match(
    html.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'),
    /content\/modules\/01-basics\/lessons\/m1-intro\.fr\.md:\d+: after import, content:check would fail: raw HTML is not allowed/,
  );
  t.same(changedFiles(before, snapshot(dir)), [], 'no file changed');
});

t.test('the commands: exit codes and file:line output', async (t) => {
  const dir = copyContent(t, SMALL_CONTENT);
  const tsx = import.meta.resolve('tsx');
  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, [`--import=${tsx}`, path.join(ROOT, 'scripts', script), ...args], {
      cwd: path.dirname(dir),
      encoding: 'utf8',
    });
  const exported = run('content-export.ts', '--locale', 'fr', '--content', dir, '--out', 'out');
  t.equal(exported.status, 0, exported.stderr);
  t.match(exported.stdout, /^content:export: 2 XLIFF 2\.0 files for "fr" in out$/m);
  const doc = path.join(path.dirname(dir), 'out/01-basics.fr.xlf');
  fs.writeFileSync(doc, fs.readFileSync(doc, 'utf8').replace('<unit id="summary">', '<unit id="résumé">'));
  const refused = run('content-import.ts', '--content', dir, doc);
  t.equal(refused.status, 1);
  t.match(
    refused.stdout,
    /^out\/01-basics\.fr\.xlf:\d+: unit "résumé" of modules\/01-basics\/module\.yaml: no such unit/m,
  );
  t.match(refused.stdout, /content:import refused: 2 problems; no file was changed$/m);
});

t.test('the review mark belongs in translations only, with the one value "reviewed"', async (t) => {
  const dir = copyContent(t, SMALL_CONTENT);
  const edit = (rel: string, from: string, to: string) =>
    fs.writeFileSync(path.join(dir, rel), fs.readFileSync(path.join(dir, rel), 'utf8').replace(from, to));
  edit('modules/01-basics/lessons/m1-intro.md', 'id: m1-intro\n', 'id: m1-intro\ntranslation: reviewed\n');
  edit('modules/01-basics/module.fr.yaml', 'number:', 'translation: done\nnumber:');
  const messages = loadContent(dir).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  t.ok(
    messages.includes(
      'content/modules/01-basics/lessons/m1-intro.md:3: "translation" belongs in translations only, not in the English source',
    ),
    messages.join('\n'),
  );
  t.ok(
    messages.some((m) =>
      /^content\/modules\/01-basics\/module\.fr\.yaml:\d+: "translation" must be "reviewed"/.test(m),
    ),
    messages.join('\n'),
  );
});
