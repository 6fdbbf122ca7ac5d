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
  t.match(stdout, /^module \(lesson words\)\s+en\s+fr\s+km\s+zh$/m);
  t.match(stdout, /^m2-planning\s+\d+\s+\d+\s+[1-9]\d*\s+\d+$/m);
  t.match(stdout, /^content check passed: 8 modules, 25 lessons, 8 quizzes \(\d+ questions\), 8 storyboards; locales en, fr, km, zh; hash [0-9a-f]{12}$/m);
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
