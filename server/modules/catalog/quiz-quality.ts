// Rules that keep a quiz bank from being passed without reading (content/README.md, "Quiz quality"):
// measured per module and locale, reported as `file:line: message`, and printed by `content:check --stats`.
import type { QuestionFile, QuizFile } from './content-quiz.ts';
import type { Parsed } from './content-bundle.ts';

/** The correct option may be the strictly longest in at most this share of a module's single-choice items. */
export const MAX_LONGEST_CORRECT = 0.35;
/** No option position (1st, 2nd ...) may hold more than this share of a module's single-choice answers. */
export const MAX_POSITION_SHARE = 0.4;

/** "All/none of the above" in any locale: an option that refers to the others instead of standing alone. */
const ABOVE_OPTION = [
  /\b(all|none|both|neither)\s+of\s+(the\s+)?(above|these|them)\b/i,
  /\b(toutes?|tous|aucune?|l'ensemble)\s+(les|des|de\s+ces|ces)\s+(réponses|propositions|options)\b/i,
  /\b(tout|rien)\s+(ce\s+qui|de\s+ce\s+qui)\s+précède\b/i,
  /\b(toutes?|tous|aucune?)\s+(les|des)\s+(précédentes|précédents)\b/i,
  /以上(都|皆|均|全)?(是|不是|对|正确|非|都不|全部|选项)/,
  /(全部|都)(正确|不正确|不对)$/,
];

export const refersToOtherOptions = (text: string) => ABOVE_OPTION.some((re) => re.test(text));

/**
 * Words that give a true/false prompt's answer away: absolute claims are nearly always false, so a
 * reader who skimmed picks "false" on sight. Matched as whole words (en, fr) or as substrings (zh).
 */
export const TRUEFALSE_CUES: Record<string, readonly string[]> = {
  en: [
    'always',
    'never',
    'only',
    'all',
    'none',
    'must',
    'guaranteed',
    'guarantee',
    'every',
    'entirely',
    'completely',
    'solely',
    'impossible',
    'nothing',
    'no one',
    'without any',
  ],
  fr: [
    'toujours',
    'jamais',
    'seul',
    'seule',
    'seuls',
    'seules',
    'seulement',
    'uniquement',
    'tous',
    'toutes',
    'aucun',
    'aucune',
    'doit',
    'doivent',
    'garanti',
    'garantie',
    'garantit',
    'obligatoirement',
    'forcément',
    'exclusivement',
    'entièrement',
    'impossible',
    'rien',
  ],
  zh: [
    '总是',
    '始终',
    '从不',
    '从未',
    '永远',
    '只有',
    '只能',
    '只需',
    '仅',
    '所有',
    '全部',
    '一切',
    '任何',
    '必须',
    '必定',
    '一定',
    '保证',
    '绝不',
    '绝对',
    '完全',
  ],
};

export type QuizLocaleStats = {
  locale: string;
  singles: number;
  longestCorrect: number;
  /** Correct answers of single-choice items by option position (index 0 = first option in the file). */
  positions: number[];
  aboveOptions: number;
  truefalseCues: number;
};
export type QuizStats = {
  moduleId: string;
  quizId: string;
  items: number;
  byType: Record<string, number>;
  duplicateStems: number;
  locales: QuizLocaleStats[];
};

type Located = { file: string; line: number };
export type QuizProblemSink = (at: Located, message: string) => void;

const percent = (share: number) => `${Math.round(share * 100)} %`;

function isLongestCorrect(q: QuestionFile): boolean {
  const correct = q.options.find((o) => o.id === q.answer[0]);
  if (!correct) return false;
  const length = [...correct.text].length;
  return q.options.every((o) => o === correct || [...o.text].length < length);
}

export function cueWordsIn(prompt: string, locale: string): string[] {
  const cues = TRUEFALSE_CUES[locale] ?? TRUEFALSE_CUES.en;
  if (locale === 'zh') return cues.filter((cue) => prompt.includes(cue));
  return cues.filter((cue) =>
    new RegExp(`(^|[^\\p{L}'’])${cue.replace(/ /g, '\\s+')}(?=$|[^\\p{L}])`, 'iu').test(prompt),
  );
}

/** A stem compared across the course: case, accents' width forms, punctuation and spacing ignored. */
export function normaliseStem(prompt: string): string {
  return prompt
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

function at(q: QuestionFile, key: string): Located {
  return { file: q.f.src.file, line: q.f.line(key) };
}

/** Checks one locale's bank of one module; returns its figures. */
function checkBank(quiz: QuizFile, locale: string, report: QuizProblemSink): QuizLocaleStats {
  const singles = quiz.questions.filter((q) => q.type === 'single');
  const longest = singles.filter(isLongestCorrect);
  const width = Math.max(0, ...singles.map((q) => q.options.length));
  const positions = Array.from({ length: width }, () => 0);
  for (const q of singles) {
    const index = q.options.findIndex((o) => o.id === q.answer[0]);
    if (index >= 0) positions[index]++;
  }
  const stats: QuizLocaleStats = {
    locale,
    singles: singles.length,
    longestCorrect: longest.length,
    positions,
    aboveOptions: 0,
    truefalseCues: 0,
  };
  const bankAt = { file: quiz.f.src.file, line: quiz.f.line('questions') };

  if (singles.length && longest.length / singles.length > MAX_LONGEST_CORRECT) {
    report(
      bankAt,
      `the correct option is the longest in ${longest.length} of ${singles.length} single-choice questions (${percent(longest.length / singles.length)}; ` +
        `at most ${percent(MAX_LONGEST_CORRECT)}): ${longest.map((q) => q.id).join(', ')}; make the other options as specific as the answer`,
    );
  }
  positions.forEach((count, index) => {
    if (singles.length && count / singles.length > MAX_POSITION_SHARE) {
      const ids = singles.filter((q) => q.options.findIndex((o) => o.id === q.answer[0]) === index).map((q) => q.id);
      report(
        bankAt,
        `option ${index + 1} is the correct one in ${count} of ${singles.length} single-choice questions (${percent(count / singles.length)}; ` +
          `at most ${percent(MAX_POSITION_SHARE)}): ${ids.join(', ')}; move some answers to other positions`,
      );
    }
  });
  for (const q of quiz.questions) {
    q.options.forEach((option, index) => {
      if (refersToOtherOptions(option.text)) {
        stats.aboveOptions++;
        report(
          { file: q.f.src.file, line: q.optionLines[index] ?? q.f.line('options') },
          `question ${q.id}: option "${option.text}" refers to the other options ("all/none of the above"); write an option that stands on its own`,
        );
      }
    });
    if (q.type === 'truefalse') {
      const cues = cueWordsIn(q.prompt, locale);
      if (cues.length) {
        stats.truefalseCues++;
        report(
          at(q, 'prompt'),
          `question ${q.id}: the true/false statement contains ${cues.map((c) => `"${c}"`).join(', ')}, which gives its answer away; state the claim without absolute words`,
        );
      }
    }
  }
  return stats;
}

/**
 * Checks every bank of the course in every locale, and stems across the course (per locale):
 * the second and later items with the same normalised stem are reported, naming the first.
 */
export function checkQuizBanks(
  banks: { moduleId: string; quiz: Parsed<QuizFile> }[],
  report: QuizProblemSink,
): QuizStats[] {
  const firstStem = new Map<string, { id: string; at: Located }>(); // `${locale}\0${stem}` -> first item
  const duplicatesByModule = new Map<string, number>();
  const stats: QuizStats[] = [];
  for (const { moduleId, quiz } of banks) {
    const files: [string, QuizFile][] = [
      ['en', quiz.en],
      ...[...quiz.translations.entries()].sort(([a], [b]) => a.localeCompare(b)),
    ];
    const byType: Record<string, number> = {};
    for (const q of quiz.en.questions) byType[q.type] = (byType[q.type] ?? 0) + 1;
    const locales = files.map(([locale, file]) => checkBank(file, locale, report));
    for (const [locale, file] of files) {
      for (const q of file.questions) {
        const key = `${locale}\0${normaliseStem(q.prompt)}`;
        const first = firstStem.get(key);
        if (first) {
          if (locale === 'en') duplicatesByModule.set(moduleId, (duplicatesByModule.get(moduleId) ?? 0) + 1);
          report(
            at(q, 'prompt'),
            `question ${q.id}: same question as ${first.id} (${first.at.file}:${first.at.line}); ask something else or remove one`,
          );
        } else firstStem.set(key, { id: q.id, at: at(q, 'prompt') });
      }
    }
    stats.push({ moduleId, quizId: quiz.en.id, items: quiz.en.questions.length, byType, duplicateStems: 0, locales });
  }
  for (const s of stats) s.duplicateStems = duplicatesByModule.get(s.moduleId) ?? 0;
  return stats;
}

/** The `--stats` table: one row per module and locale. */
export function quizStatsTable(stats: QuizStats[]): string[] {
  const header = [
    'module (quiz banks)',
    'locale',
    'items',
    'single',
    'longest correct',
    'correct by position',
    'top position',
    'all/none',
    't/f cues',
    'dup stems',
  ];
  const rows = stats.flatMap((s) =>
    s.locales.map((l) => {
      const top = Math.max(0, ...l.positions);
      return [
        s.moduleId,
        l.locale,
        String(s.items),
        String(l.singles),
        `${l.longestCorrect} (${l.singles ? percent(l.longestCorrect / l.singles) : '-'})`,
        l.positions.join('/'),
        l.singles ? percent(top / l.singles) : '-',
        String(l.aboveOptions),
        String(l.truefalseCues),
        String(s.duplicateStems),
      ];
    }),
  );
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) =>
    row
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}
