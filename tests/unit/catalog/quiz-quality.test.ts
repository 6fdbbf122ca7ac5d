// The quiz-quality rules of content:check: each fixture below breaks one rule and must be reported at its file:line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { loadContent } from '../../../server/modules/catalog/content-loader.ts';
import {
  cueWordsIn,
  refersToOtherOptions,
  normaliseStem,
  quizStatsTable,
} from '../../../server/modules/catalog/quiz-quality.ts';

const SMALL_CONTENT = path.resolve(import.meta.dirname, '../../fixtures/content-small/content');
const EN = 'content/modules/01-basics/quiz.yaml';
const FR = 'content/modules/01-basics/quiz.fr.yaml';

/** A copy of the small course with text replaced in its quiz files; `nth` picks the occurrence (0 = first). */
function copyWith(t: Test, patches: [file: string, from: string, to: string, nth?: number][]): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-quality-'));
  t.teardown(() => fs.rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'content');
  fs.cpSync(SMALL_CONTENT, dir, { recursive: true });
  for (const [file, from, to, nth = 0] of patches) {
    const full = path.join(parent, file);
    const text = fs.readFileSync(full, 'utf8');
    let index = -1;
    for (let i = 0; i <= nth; i++) index = text.indexOf(from, index + 1);
    if (index < 0) throw new Error(`fixture patch: "${from}" (#${nth}) not found in ${file}`);
    fs.writeFileSync(full, text.slice(0, index) + to + text.slice(index + from.length));
  }
  return dir;
}

const problemLines = (dir: string) => loadContent(dir).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

t.test('the small fixture passes every quiz-quality rule', async (t) => {
  const result = loadContent(SMALL_CONTENT);
  t.same(result.problems, []);
  const en = result.quizStats[0].locales.find((l) => l.locale === 'en')!;
  t.same(
    { singles: en.singles, longest: en.longestCorrect, positions: en.positions },
    { singles: 3, longest: 1, positions: [1, 1, 1] },
  );
});

t.test('the correct option being the longest in more than 35 % of single-choice items fails at the bank', async (t) => {
  // m1-q02's answer is "a": make it the longest too (2 of 3 = 67 %).
  const dir = copyWith(t, [[EN, '"First" }', '"The first of them" }', 1]]);
  t.same(problemLines(dir), [
    `${EN}:5: the correct option is the longest in 2 of 3 single-choice questions (67 %; at most 35 %): m1-q01, m1-q02; make the other options as specific as the answer`,
  ]);
});

t.test('one option position holding more than 40 % of the correct answers fails at the bank', async (t) => {
  const dir = copyWith(t, [
    [EN, 'answer: [c]', 'answer: [a]'],
    [FR, 'answer: [c]', 'answer: [a]'],
  ]);
  t.same(
    problemLines(dir),
    [
      `${FR}:5: option 1 is the correct one in 2 of 3 single-choice questions (67 %; at most 40 %): m1-q02, m1-q03; move some answers to other positions`,
      `${EN}:5: option 1 is the correct one in 2 of 3 single-choice questions (67 %; at most 40 %): m1-q02, m1-q03; move some answers to other positions`,
    ].sort(),
  );
});

t.test('"all/none of the above" is refused in every locale, at the option line', async (t) => {
  const dir = copyWith(t, [
    [EN, '"Third" }', '"All of the above" }'],
    [FR, '"FR Third" }', '"Toutes les réponses ci-dessus" }'],
  ]);
  t.same(
    problemLines(dir),
    [
      `${FR}:12: question m1-q01: option "Toutes les réponses ci-dessus" refers to the other options ("all/none of the above"); write an option that stands on its own`,
      `${EN}:12: question m1-q01: option "All of the above" refers to the other options ("all/none of the above"); write an option that stands on its own`,
    ].sort(),
  );
  for (const text of [
    '以上都是',
    '以上都不是',
    '以上皆非',
    'None of these',
    'Aucune des réponses précédentes',
    'Tout ce qui précède',
  ]) {
    t.ok(refersToOtherOptions(text), text);
  }
  t.notOk(
    refersToOtherOptions('All departments of the city administration'),
    'an option about "all departments" stands on its own',
  );
});

t.test('a true/false statement with an answer cue word fails at its prompt line', async (t) => {
  const dir = copyWith(t, [
    [EN, 'prompt: Question 7?', 'prompt: The plan must always have a budget.'],
    [FR, 'prompt: FR Question 8?', 'prompt: Le plan doit toujours avoir un budget.'],
  ]);
  t.same(
    problemLines(dir),
    [
      `${EN}:62: question m1-q07: the true/false statement contains "always", "must", which gives its answer away; state the claim without absolute words`,
      `${FR}:70: question m1-q08: the true/false statement contains "toujours", "doit", which gives its answer away; state the claim without absolute words`,
    ].sort(),
  );
  t.same(cueWordsIn('城市必须每年举办学习节。', 'zh'), ['必须']);
  t.same(
    cueWordsIn('The mayor allocates a budget to the festival.', 'en'),
    [],
    '"all" inside "allocates" is not a cue',
  );
  t.same(cueWordsIn('Toutes les villes participent.', 'fr'), ['toutes']);
});

t.test('two items with the same stem (case, punctuation and spacing ignored) fail at the second one', async (t) => {
  const dir = copyWith(t, [[EN, 'prompt: Question 2?', 'prompt: "  question 1 !"']]);
  t.same(problemLines(dir), [
    `${EN}:17: question m1-q02: same question as m1-q01 (${EN}:8); ask something else or remove one`,
  ]);
  t.equal(normaliseStem('Which  step comes FIRST?'), normaliseStem('which step comes first'));
});

t.test('--stats figures are printed per module and locale', async (t) => {
  const table = quizStatsTable(loadContent(SMALL_CONTENT).quizStats);
  t.match(
    table[0],
    /^module \(quiz banks\)\s+locale\s+items\s+single\s+longest correct\s+correct by position\s+top position\s+all\/none\s+t\/f cues\s+dup stems$/,
  );
  t.match(table[1], /^m1-basics\s+en\s+12\s+3\s+1 \(33 %\)\s+1\/1\/1\s+33 %\s+0\s+0\s+0$/);
  t.match(table[2], /^m1-basics\s+fr\s+12\s+3/);
});
