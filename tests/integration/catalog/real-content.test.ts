// The real course in content/: it loads with no problems and follows its glossaries. It reads and checks every file
// of the course (seconds of CPU), so it runs with the integration tests; the rules themselves are unit-tested on the
// small fixture course (tests/unit/catalog).
import path from 'node:path';
import t from 'tap';
import { glossaryWarnings } from '../../../scripts/content-check/glossary.ts';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';

const REAL_CONTENT = path.resolve(import.meta.dirname, '../../../content');

t.test('the real course content loads with no problems', async (t) => {
  const { bundle, problems } = loadContent(REAL_CONTENT);
  t.same(problems, []);
  if (!bundle) return t.fail('no bundle');
  t.equal(bundle.course.id, 'learning-city');
  t.same(bundle.course.moduleIds, [
    'm1-concept',
    'm2-planning',
    'm3-involvement',
    'm4-celebration',
    'm5-accessibility',
    'm6-monitoring',
    'm7-funding',
    't1-esd',
  ]);
  t.same(
    bundle.modules.map((m) => m.id),
    bundle.course.moduleIds,
    'modules come in course order',
  );
  t.same(
    bundle.locales,
    ['en', 'fr', 'id', 'km', 'vi', 'zh'],
    'English first, then the translations in alphabetical order',
  );
  t.equal(bundle.lessons.length, 25);
  t.equal(bundle.quizzes.length, 8);
  t.equal(bundle.storyboards.length, 8);
  t.match(bundle.hash, /^[0-9a-f]{64}$/);
  t.equal(bundle.modules.find((m) => m.id === 't1-esd')?.kind, 'thematic');
  for (const lesson of bundle.lessons) {
    t.ok(lesson.html.fr && lesson.html.zh, `${lesson.id} is translated into fr and zh`);
    t.ok(lesson.toc.en.length > 0, `${lesson.id} has a table of contents`);
  }
  t.notOk(
    bundle.modules.some((m) => / [\u4e00-\u9fff]/.test(m.summary.zh ?? '')),
    'a wrapped line in Chinese YAML text does not leave a space between characters',
  );
});

t.test("the course's lessons, modules, activities and storyboards follow their glossaries", async (t) => {
  const outside = glossaryWarnings(REAL_CONTENT).filter((w) => !/\/quiz\.[a-z]+\.yaml$/.test(w.file));
  t.same(
    outside.map((w) => `${w.file}:${w.line}: ${w.message}`),
    [],
  );
});
