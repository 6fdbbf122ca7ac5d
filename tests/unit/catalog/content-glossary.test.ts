// One vocabulary per language: the content check warns where a translation uses a rendering the
// locale's glossary says to avoid, and skips source titles, links and quoted exceptions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { glossaryWarnings } from '../../../scripts/content-check/glossary.ts';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';

const SMALL_CONTENT = path.resolve(import.meta.dirname, '../../fixtures/content-small/content');
const LESSON_FR = 'modules/01-basics/lessons/m1-intro.fr.md';

function withGlossary(t: Test, frLessonBody: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'content-glossary-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'glossary.yaml'), 'terms:\n  - id: beijing\n    term: Beijing\n');
  fs.writeFileSync(
    path.join(dir, 'glossary.fr.yaml'),
    'terms:\n  - id: beijing\n    term: Pékin\n    avoid: [Beijing]\n    except: [Beijing Declaration on Building Learning Cities]\n',
  );
  const file = path.join(dir, LESSON_FR);
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(
    file,
    text.replace('## Pourquoi un plan compte\n', `## Pourquoi un plan compte\n\n${frLessonBody}\n`),
  );
  return dir;
}

t.test('a French lesson writing "Beijing" where the glossary says "Pékin" gets a warning at its line', async (t) => {
  const dir = withGlossary(t, 'La conférence de Beijing a eu lieu en 2013.');
  t.same(
    glossaryWarnings(dir).map((w) => `${w.file}:${w.line}: ${w.message}`),
    [`content/${LESSON_FR}:15: warning: "Beijing" is not the glossary's wording (beijing): write "Pékin"`],
  );
  const { problems } = loadContent(dir);
  t.same(problems, [], 'the glossary files are part of the content and a warning does not fail the check');
});

t.test("source links, urls and the glossary's exceptions are not warned about", async (t) => {
  const dir = withGlossary(
    t,
    'Son titre anglais est « Beijing Declaration on Building Learning Cities ». (Source : [UIL, Beijing report](https://uil.unesco.org/beijing)) https://example.org/Beijing',
  );
  t.same(glossaryWarnings(dir), []);
});
