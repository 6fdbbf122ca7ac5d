// Reading YAML (files and Markdown front matter) with the line of every node, so each content
// problem can be reported as `file:line: message`.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { ContentProblem } from './content-types.ts';

export class ProblemLog {
  readonly problems: ContentProblem[] = [];
  add(file: string, line: number, message: string): void {
    this.problems.push({ file, line, message });
  }
}

/** One parsed YAML text; `firstLine` is the file line its first line sits on (2 for front matter). */
export class YamlSource {
  readonly root: YAMLMap | null = null;
  private readonly lineCounter = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
    private readonly log: ProblemLog,
    private readonly firstLine = 1,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lineCounter, keepSourceTokens: true, prettyErrors: true });
    const error = doc.errors[0];
    if (error) {
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      this.report(error.linePos?.[0].line ?? 1, `YAML syntax error: ${message}`);
      return;
    }
    if (!isMap(doc.contents)) {
      this.report(1, 'expected a YAML mapping of fields (key: value lines)');
      return;
    }
    this.root = doc.contents;
  }

  /** File line of a node (or of a pair's key); 1 when nothing better is known. */
  line(node: unknown): number {
    const target = isPair(node) ? node.key : node;
    const range = (target as Node | null)?.range;
    if (!range) return this.firstLine;
    return this.lineCounter.linePos(range[0]).line + this.firstLine - 1;
  }

  problem(node: unknown, message: string): void {
    this.log.add(this.file, this.line(node), message);
  }

  /** A problem at a known file line (e.g. in the Markdown body after the front matter). */
  problemAtLine(line: number, message: string): void {
    this.log.add(this.file, line, message);
  }

  spansLines(node: Node): boolean {
    const range = node.range;
    return !!range && this.lineCounter.linePos(range[0]).line !== this.lineCounter.linePos(range[1]).line;
  }

  private report(sourceLine: number, message: string): void {
    this.log.add(this.file, sourceLine + this.firstLine - 1, message);
  }
}

// Chinese and Japanese put no spaces between words, but YAML folds a wrapped line into a space
// ("学校、\n  社区" -> "学校、 社区"). Drop those, as CSS does for segment breaks between wide characters.
const WIDE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u2014\\u2018\\u2019\\u201c\\u201d\\u2026\\u3000-\\u303f\\uff00-\\uffef]';
const FOLDED_SPACE = new RegExp(`(${WIDE}) (?=${WIDE})`, 'gu');

export function unfoldWideText(text: string): string {
  return text.replace(FOLDED_SPACE, '$1');
}

type Count = { min?: number; max?: number };

function countRule(name: string, found: number, { min, max }: Count): string | null {
  if ((min === undefined || found >= min) && (max === undefined || found <= max)) return null;
  const range =
    min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  const noun = (max ?? min) === 1 ? 'item' : 'items';
  return `"${name}" must have ${range} ${noun} (found ${found})`;
}

/**
 * Typed, line-aware access to the fields of one YAML mapping. Every accessor reports its own
 * problem and returns undefined, so a reader can carry on and report everything in one run.
 */
export class Fields {
  constructor(
    readonly src: YamlSource,
    readonly map: YAMLMap,
    allowed: readonly string[],
    /** Prefix for messages about a nested mapping, e.g. `question m2-q03`. */
    readonly context = '',
  ) {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) this.problem(pair, `unknown field "${key}"`);
    }
  }

  problem(node: unknown, message: string): void {
    this.src.problem(node ?? this.map, this.context ? `${this.context}: ${message}` : message);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  node(key: string): Node | undefined {
    return (this.map.get(key, true) as Node | undefined) ?? undefined;
  }

  /** The `key: value` pair, for problems about a whole field: they are reported at the key's line. */
  at(key: string): unknown {
    return this.map.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key) ?? this.map;
  }

  /** Line of the field's key, or of the mapping when the field is absent. */
  line(key?: string): number {
    return this.src.line(key ? this.at(key) : this.map);
  }

  itemLine(key: string, index: number): number {
    const node = this.node(key);
    return this.src.line(isSeq(node) ? (node.items[index] ?? node) : (node ?? this.map));
  }

  private present(key: string, optional: boolean): Node | undefined {
    const node = this.node(key);
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (!optional) this.problem(node ?? this.map, node === undefined ? `missing required field "${key}"` : `"${key}" is empty`);
      return undefined;
    }
    return node;
  }

  string(key: string, { optional = false } = {}): string | undefined {
    const node = this.present(key, optional);
    if (!node) return undefined;
    return this.text(node, `"${key}"`);
  }

  /** A scalar that must be a non-empty string; `label` names it in messages. */
  text(node: unknown, label: string): string | undefined {
    if (!isScalar(node) || typeof node.value !== 'string') {
      const hint = isScalar(node)
        ? `; put ${String(node.value)} in quotes`
        : isMap(node)
          ? ' (a ": " inside it makes YAML read "key: value"; put the whole text in double quotes)'
          : '';
      this.problem(node, `${label} must be text${hint}`);
      return undefined;
    }
    const value = this.src.spansLines(node) ? unfoldWideText(node.value.trim()) : node.value.trim();
    if (!value) this.problem(node, `${label} is empty`);
    return value || undefined;
  }

  number(key: string, { min, max, whole = true, optional = false }: Count & { whole?: boolean; optional?: boolean } = {}) {
    const node = this.present(key, optional);
    if (!node) return undefined;
    const value = isScalar(node) ? node.value : undefined;
    const ok =
      typeof value === 'number' && (!whole || Number.isInteger(value)) && (min === undefined || value >= min) && (max === undefined || value <= max);
    if (ok) return value;
    const kind = whole ? 'a whole number' : 'a number';
    const range =
      min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';
    this.problem(node, `"${key}" must be ${kind}${range}`);
    return undefined;
  }

  /** The items of a list field (any item type), with the count rule checked. */
  list(key: string, count: Count = {}, { optional = false } = {}): Node[] | undefined {
    const node = this.present(key, optional);
    if (!node) return undefined;
    if (!isSeq(node)) {
      this.problem(this.at(key), `"${key}" must be a list`);
      return undefined;
    }
    const items = node.items as Node[];
    const countProblem = countRule(key, items.length, count);
    if (countProblem) this.problem(this.at(key), countProblem);
    return items;
  }

  stringList(key: string, count: Count = {}, options: { optional?: boolean } = {}): string[] | undefined {
    const items = this.list(key, count, options);
    if (!items) return undefined;
    const values = items.map((item) => this.text(item, `each item of "${key}"`));
    return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
  }

  /** The mappings of a list-of-mappings field, each wrapped in its own Fields. */
  mapList(key: string, allowed: readonly string[], count: Count = {}, context?: (item: YAMLMap, index: number) => string) {
    const items = this.list(key, count);
    if (!items) return undefined;
    const result: Fields[] = [];
    items.forEach((item, index) => {
      if (!isMap(item)) this.problem(item, `each item of "${key}" must be a mapping (key: value)`);
      else result.push(new Fields(this.src, item, allowed, context?.(item, index) ?? ''));
    });
    return result;
  }
}

export type FrontMatter = { yaml: string; yamlFirstLine: number; body: string; bodyFirstLine: number };

/** Splits `---` YAML front matter from a Markdown body; null when the file has none. */
export function splitFrontMatter(text: string): FrontMatter | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (end < 0) return null;
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlFirstLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyFirstLine: end + 2,
  };
}
