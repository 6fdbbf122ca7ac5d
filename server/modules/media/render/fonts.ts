// Bundled Noto fonts (whole TTF files from @expo-google-fonts/*), text measurement and wrapping.
// One script per <text> element: resvg draws boxes for mixed-script text with a fallback list.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Script = 'latin' | 'sc' | 'arabic' | 'khmer';

export const FAMILY: Record<Script, string> = {
  latin: 'Noto Sans',
  sc: 'Noto Sans SC',
  arabic: 'Noto Sans Arabic',
  khmer: 'Noto Sans Khmer',
};

const PACKAGE: Record<Script, [string, string]> = {
  latin: ['@expo-google-fonts/noto-sans', 'NotoSans'],
  sc: ['@expo-google-fonts/noto-sans-sc', 'NotoSansSC'],
  arabic: ['@expo-google-fonts/noto-sans-arabic', 'NotoSansArabic'],
  khmer: ['@expo-google-fonts/noto-sans-khmer', 'NotoSansKhmer'],
};

const require = createRequire(import.meta.url);

/** The regular and bold TTF files of a script's font. */
export function fontFiles(script: Script): string[] {
  const [pkg, base] = PACKAGE[script];
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const files = [`400Regular/${base}_400Regular.ttf`, `700Bold/${base}_700Bold.ttf`].map((f) => path.join(dir, f));
  for (const f of files) if (!fs.existsSync(f)) throw new Error(`font file missing: ${f}`);
  return files;
}

export function scriptOf(text: string): Script {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'sc';
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  if (/\p{Script=Khmer}/u.test(text)) return 'khmer';
  return 'latin';
}

export const isRtl = (text: string) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(text);

/** Estimated advance of one character in em (deliberately a little generous, so text never overflows). */
function charWidth(c: string): number {
  const cp = c.codePointAt(0)!;
  if (/\p{M}/u.test(c) || cp === 0x200b || cp === 0x200c || cp === 0x200d) return 0;
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    cp >= 0x20000
  )
    return 1.0;
  if (/\p{Script=Arabic}/u.test(c)) return 0.56;
  if (/\p{Script=Khmer}/u.test(c)) return 0.66;
  if (c === ' ') return 0.27;
  if (/[iljI'.,:;!|]/.test(c)) return 0.3;
  if (/[ftr()[\]"-]/.test(c)) return 0.38;
  if (/[mw]/.test(c)) return 0.88;
  if (/[MW]/.test(c)) return 0.95;
  if (/\p{Lu}/u.test(c)) return 0.7;
  if (/\p{N}/u.test(c)) return 0.59;
  return 0.58;
}

export function measure(text: string, size: number, bold = false): number {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return w * size * (bold ? 1.06 : 1);
}

/** Units a line may break between: a word with the spaces and punctuation after it. */
function breakUnits(text: string, locale?: string): string[] {
  const units: string[] = [];
  let glue = false; // the previous unit ends with an opening bracket or quote: keep the next word with it
  const opens = (s: string) => /[\p{Ps}\p{Pi}]$/u.test(s);
  for (const { segment, isWordLike } of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    const last = units.length - 1;
    if (last >= 0 && (glue || (!isWordLike && !/^[\p{Ps}\p{Pi}]/u.test(segment)))) units[last] += segment;
    else units.push(segment);
    glue = opens(units[units.length - 1]);
  }
  return units;
}

function greedy(text: string, max: number, size: number, bold: boolean, locale?: string): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const unit of breakUnits(text, locale)) {
    if (measure((line + unit).trimEnd(), size, bold) <= max) {
      line += unit;
      continue;
    }
    push();
    if (measure(unit.trimEnd(), size, bold) <= max) {
      line = unit;
      continue;
    }
    // A single unit wider than the line: break between graphemes.
    for (const { segment } of new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(unit)) {
      if (measure(line + segment, size, bold) > max) push();
      line += segment;
    }
  }
  push();
  return lines;
}

/** Wrap text to at most `maxLines` lines of width `max`, shrinking the size (down to `minSize`) if needed. */
export function wrap(
  text: string,
  opts: { max: number; size: number; minSize?: number; maxLines: number; bold?: boolean; locale?: string },
): { lines: string[]; size: number } {
  const minSize = opts.minSize ?? Math.round(opts.size * 0.6);
  let size = opts.size;
  for (;;) {
    const lines = greedy(text, opts.max, size, !!opts.bold, opts.locale);
    if (lines.length <= opts.maxLines || size <= minSize) {
      if (lines.length > opts.maxLines) {
        const kept = lines.slice(0, opts.maxLines);
        kept[kept.length - 1] = kept[kept.length - 1].replace(/\s*\S?$/u, '…');
        return { lines: kept, size };
      }
      return { lines, size };
    }
    size = Math.max(minSize, Math.floor(size * 0.92));
  }
}
