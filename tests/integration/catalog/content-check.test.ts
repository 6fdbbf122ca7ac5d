import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SMALL_CONTENT = path.join(ROOT, 'tests/fixtures/content-small/content');

function contentCheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import=tsx', 'scripts/content-check.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

t.test('content:check passes on the real content and prints word counts with --stats', async (t) => {
  const { code, stdout } = contentCheck('--stats');
  t.equal(code, 0);
  // One word-count column per locale; other translations may sit beside the ones listed here.
  const header = /^module \(lesson words\)((?:\s+[a-z]{2,3})+)$/m.exec(stdout);
  const locales = header?.[1].trim().split(/\s+/) ?? [];
  for (const locale of ['en', 'fr', 'id', 'km', 'vi', 'zh']) t.ok(locales.includes(locale), `${locale} has a word-count column`);
  const planning = new RegExp(`^m2-planning((?:\\s+\\d+){${locales.length}})$`, 'm').exec(stdout);
  const words = planning?.[1].trim().split(/\s+/).map(Number) ?? [];
  for (const locale of ['id', 'km', 'vi']) t.ok(words[locales.indexOf(locale)] > 0, `the ${locale} lessons of module 2 are counted`);
  t.match(stdout, /^content check passed: 8 modules, 25 lessons, 8 quizzes \(\d+ questions\), 8 storyboards; locales en(, [a-z]{2,3})*; hash [0-9a-f]{12}$/m);
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
