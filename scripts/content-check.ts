// `npm run content:check [-- --stats] [-- <content-dir>]`: validates content/ and prints
// `file:line: message` per problem, then a one-line summary. Exit 1 on any problem.
import path from 'node:path';
import type { ContentBundle } from '../server/modules/catalog/content-types.ts';
import { loadContent, type LoadResult } from '../server/modules/catalog/content-loader.ts';
import { glossaryWarnings } from './content-check/glossary.ts';
import { guidelinesWarnings } from '../server/modules/catalog/content-guidelines.ts';
import { planProblems } from './content-check/plan.ts';
import { quizStatsTable } from '../server/modules/catalog/quiz-quality.ts';

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../content');

export function checkReport(result: LoadResult, { stats = false } = {}): { lines: string[]; exitCode: number } {
  const { bundle, problems, quizStats } = result;
  const lines = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  if (stats && quizStats.length) lines.push('', ...quizStatsTable(quizStats), '');
  if (!bundle) {
    const files = new Set(problems.map((p) => p.file)).size;
    lines.push(`content check failed: ${plural(problems.length, 'problem')} in ${plural(files, 'file')}`);
    return { lines, exitCode: 1 };
  }
  if (stats) lines.push(...wordStats(bundle), '');
  const questions = bundle.quizzes.reduce((sum, quiz) => sum + quiz.questions.length, 0);
  lines.push(
    `content check passed: ${plural(bundle.modules.length, 'module')}, ${plural(bundle.lessons.length, 'lesson')}, ` +
      `${plural(bundle.quizzes.length, 'quiz', 'quizzes')} (${plural(questions, 'question')}), ` +
      `${plural(bundle.storyboards.length, 'storyboard')}; locales ${bundle.locales.join(', ')}; hash ${bundle.hash.slice(0, 12)}`,
  );
  return { lines, exitCode: 0 };
}

/** Words of lesson text per module and locale (Chinese is segmented into words, not characters). */
function wordStats(bundle: ContentBundle): string[] {
  const rows = bundle.modules.map((module) => {
    const lessons = bundle.lessons.filter((lesson) => lesson.moduleId === module.id);
    return [
      module.id,
      ...bundle.locales.map((locale) => lessons.reduce((sum, lesson) => sum + (lesson.words[locale] ?? 0), 0)),
    ];
  });
  const totals = [
    'total',
    ...bundle.locales.map((_, index) => rows.reduce((sum, row) => sum + Number(row[index + 1]), 0)),
  ];
  const table = [['module (lesson words)', ...bundle.locales], ...rows, totals].map((row) => row.map(String));
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '),
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--')) ?? CONTENT_DIR;
  const { lines, exitCode } = checkReport(loadContent(dir), { stats: args.includes('--stats') });
  const warnings = [...guidelinesWarnings(dir), ...glossaryWarnings(dir)].map(
    (w) => `${w.file}:${w.line}: ${w.message}`,
  );
  const plan = planProblems(dir).map((p) => `${p.file}:${p.line}: ${p.message}`);
  if (plan.length) lines.push(`action plan sections: ${plural(plan.length, 'problem')}`);
  console.log([...warnings, ...plan, ...lines].join('\n'));
  process.exitCode = plan.length ? 1 : exitCode;
}
