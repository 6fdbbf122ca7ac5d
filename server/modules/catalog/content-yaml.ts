// Reading YAML (files and Markdown front matter) with the line of every node, so each content
// problem can be reported as `file:line: message`.
import { Ajv, type ValidateFunction } from 'ajv';
import { Type, type TObject, type TProperties } from 'typebox';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar, type YAMLMap } from 'yaml';
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
const WIDE =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u2014\\u2018\\u2019\\u201c\\u201d\\u2026\\u3000-\\u303f\\uff00-\\uffef]';
const FOLDED_SPACE = new RegExp(`(${WIDE}) (?=${WIDE})`, 'gu');

export function unfoldWideText(text: string): string {
  return text.replace(FOLDED_SPACE, '$1');
}

type Count = { min?: number; max?: number };

function countRule(name: string, found: number, { min, max }: Count): string | null {
  if ((min === undefined || found >= min) && (max === undefined || found <= max)) return null;
  const range =
    min !== undefined && max !== undefined
      ? `${min} to ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`;
  const noun = (max ?? min) === 1 ? 'item' : 'items';
  return `"${name}" must have ${range} ${noun} (found ${found})`;
}

// ---- The shape of a content file as a TypeBox schema, checked by Ajv ------------------------------
// Each kind of mapping (a course, a quiz question, a framework area...) declares its fields once with these; Ajv
// checks the generic rules (required, type, count, range, unknown field) and each error is told at its file line
// in the words below. The readers keep the domain rules (ids, translations, answer keys...).

/** Text: a string with something in it besides spaces (it is stored trimmed). */
export const Text = Type.String({ pattern: '\\S' });
/** A mapping with exactly these fields: any other is an unknown field. */
export const Mapping = <P extends TProperties>(properties: P) =>
  Type.Object(properties, { additionalProperties: false });

type JsonSchema = {
  type?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<object, ValidateFunction>();
function validatorOf(schema: TObject): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** A union (an option id may be text or, to say it must be quoted, true/false) is described by its first member. */
const described = (schema: JsonSchema | undefined): JsonSchema =>
  schema?.anyOf ? described(schema.anyOf[0]) : (schema ?? {});

function numberRule(schema: JsonSchema): string {
  const kind = schema.type === 'integer' ? 'a whole number' : 'a number';
  const { minimum: min, maximum: max } = schema;
  const range =
    min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';
  return `${kind}${range}`;
}

/** What is wrong with one value, in the words of a content author; `label` names it (`"title"`, `each item of "modules"`). */
function valueProblem(schema: JsonSchema, node: unknown, label: string): string {
  const value = isScalar(node) ? node.value : undefined;
  if (isScalar(node) && value === null)
    return schema.type === 'boolean' ? `${label} must be true or false` : `${label} is empty`;
  switch (schema.type) {
    case 'string': {
      if (typeof value === 'string') return `${label} is empty`;
      const hint = isScalar(node)
        ? `; put ${String(value)} in quotes`
        : isMap(node)
          ? ' (a ": " inside it makes YAML read "key: value"; put the whole text in double quotes)'
          : '';
      return `${label} must be text${hint}`;
    }
    case 'integer':
    case 'number':
      return `${label} must be ${numberRule(schema)}`;
    case 'boolean':
      return `${label} must be true or false`;
    case 'array':
      return `${label} must be a list`;
    case 'object':
      return `${label} must be a mapping (key: value)`;
    default:
      return `${label} is not valid`;
  }
}

const keyOf = (pair: { key: unknown }) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Line-aware access to the fields of one YAML mapping, checked against its schema when it is made. Every problem is
 * logged with its line, and an accessor returns undefined for a field that has one, so a reader can carry on and report
 * everything in one run. A field that is a list of mappings is checked here as a list; each mapping in it is checked
 * by its own Fields (mapList), which names it in its messages.
 */
export class Fields {
  /** Fields whose value cannot be used (wrong type, empty, out of range, a bad item): their problem is logged. */
  private readonly unusable = new Set<string>();
  private readonly properties: Record<string, JsonSchema>;

  constructor(
    readonly src: YamlSource,
    readonly map: YAMLMap,
    readonly schema: TObject,
    /** Prefix for messages about a nested mapping, e.g. `question m2-q03`. */
    readonly context = '',
    /** Keys a reader has already reported in its own words (they are not checked again). */
    ignored: readonly string[] = [],
  ) {
    this.properties = (schema as JsonSchema).properties ?? {};
    const value = map.toJSON() as Record<string, unknown>;
    for (const key of ignored) delete value[key];
    const validate = validatorOf(schema);
    if (validate(value)) return;
    const told = new Set<string>();
    // Unknown fields first, as a reader meets them, then each field's own problem.
    const errors = [...(validate.errors ?? [])].sort(
      (a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'),
    );
    for (const error of errors) {
      const [key, index, ...deeper] = error.instancePath.split('/').slice(1).map(unescapePointer);
      if (error.keyword === 'required' && key === undefined) {
        const missing = String(error.params.missingProperty);
        this.problem(this.map, `missing required field "${missing}"`);
        continue;
      }
      if (error.keyword === 'additionalProperties' && key === undefined) {
        this.problem(
          map.items.find((pair) => keyOf(pair) === error.params.additionalProperty) ?? map,
          `unknown field "${String(error.params.additionalProperty)}"`,
        );
        continue;
      }
      if (key === undefined || deeper.length || told.has(error.instancePath)) continue;
      const schemaOf = described(this.properties[key]);
      if (index === undefined) {
        told.add(error.instancePath);
        if (error.keyword === 'minItems' || error.keyword === 'maxItems') {
          const found = (this.node(key) as { items?: unknown[] } | undefined)?.items?.length ?? 0;
          this.problem(
            this.at(key),
            countRule(key, found, { min: schemaOf.minItems, max: schemaOf.maxItems }) ??
              `"${key}" has the wrong number of items`,
          );
          continue;
        }
        this.unusable.add(key);
        const node = this.node(key);
        this.problem(
          schemaOf.type === 'array' && !(isScalar(node) && node.value === null) ? this.at(key) : node,
          valueProblem(schemaOf, node, `"${key}"`),
        );
        continue;
      }
      // An item of a list: a mapping item's own fields are its own Fields' to check.
      const itemSchema = described(schemaOf.items);
      if (itemSchema.type === 'object' && error.keyword !== 'type') continue;
      told.add(error.instancePath);
      if (itemSchema.type !== 'object') this.unusable.add(key);
      const item = (this.node(key) as { items?: unknown[] } | undefined)?.items?.[Number(index)];
      this.problem(item, valueProblem(itemSchema, item, `each item of "${key}"`));
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

  /** A text field, trimmed (and a wrapped line of Chinese or Japanese unfolded); undefined when absent or not valid. */
  string(key: string): string | undefined {
    const node = this.node(key);
    return this.unusable.has(key) || !isScalar(node) || typeof node.value !== 'string'
      ? undefined
      : this.textOf(node as Scalar<string>);
  }

  number(key: string): number | undefined {
    const node = this.node(key);
    return this.unusable.has(key) || !isScalar(node) || typeof node.value !== 'number' ? undefined : node.value;
  }

  boolean(key: string): boolean | undefined {
    const node = this.node(key);
    return this.unusable.has(key) || !isScalar(node) || typeof node.value !== 'boolean' ? undefined : node.value;
  }

  /** The items of a list field (any item type), even when their number breaks the count rule (that is logged). */
  list(key: string): Node[] | undefined {
    const node = this.node(key);
    return isSeq(node) ? (node.items as Node[]) : undefined;
  }

  stringList(key: string): string[] | undefined {
    const items = this.list(key);
    return !items || this.unusable.has(key) ? undefined : items.map((item) => this.textOf(item as Scalar<string>));
  }

  /** The mappings of a list-of-mappings field, each wrapped in its own Fields checked against the list's item schema. */
  mapList(key: string, context?: (item: YAMLMap, index: number) => string): Fields[] | undefined {
    const items = this.list(key);
    const itemSchema = described(this.properties[key]).items;
    if (!items || !itemSchema) return undefined;
    return items.flatMap((item, index) =>
      isMap(item) ? [new Fields(this.src, item, itemSchema as TObject, context?.(item, index) ?? '')] : [],
    );
  }

  /** A count rule that depends on other fields (e.g. on a scene's layout): the field must be there, with that many items. */
  requireCount(key: string, count: Count): void {
    const node = this.node(key);
    if (node === undefined) this.problem(this.map, `missing required field "${key}"`);
    else if (isSeq(node)) {
      const problem = countRule(key, node.items.length, count);
      if (problem) this.problem(this.at(key), problem);
    }
  }

  private textOf(node: Scalar<string>): string {
    return this.src.spansLines(node) ? unfoldWideText(node.value.trim()) : node.value.trim();
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
