// The translatable units of one content file (content/README.md) and how to write new text into
// them. A unit is one human-text field (a YAML scalar) or one block of a Markdown body (a run of
// non-blank lines: a heading, paragraph, list, quote or table). Ids, numbers, urls and answer keys
// are never units. Writing replaces only the bytes of the units that changed, so the file keeps
// its shape (comments, quoting, line breaks elsewhere).
import { isMap, isScalar, isSeq, parse, parseDocument, Scalar, type Node, type YAMLMap } from 'yaml';
import { splitFrontMatter, unfoldWideText } from '../../server/modules/catalog/content-yaml.ts';
import { TRANSLATION_STATE_FIELD } from '../../server/modules/catalog/content-readers.ts';

export type FileKind = 'course' | 'module' | 'lesson' | 'activity' | 'quiz' | 'storyboard';

/** Where a unit's text sits in the file: a YAML scalar or a Markdown block (absolute offsets). */
type Place =
  | { kind: 'scalar'; start: number; end: number; type: Scalar['type']; flow: boolean; indent: string }
  | { kind: 'block'; start: number; end: number };

export type Unit = {
  id: string;
  text: string;
  /** Markdown body block (checked as Markdown on import), or plain text. */
  markdown: boolean;
  /** Things the translator must keep, carried as notes (e.g. a question's answer key). */
  fixed: string[];
  place: Place;
};

export type FileUnits = {
  text: string;
  units: Unit[];
  reviewed: boolean;
  /** Offsets of the `translation: reviewed` line, or where to insert one (after the `id` line). */
  state: { present: { start: number; end: number } | null; insertAt: number };
};

export function fileKind(relPath: string): FileKind {
  const name = relPath.split('/').pop()!;
  if (relPath.includes('/lessons/')) return 'lesson';
  const base = name.split('.')[0];
  if (['course', 'module', 'activity', 'quiz', 'storyboard'].includes(base)) return base as FileKind;
  throw new Error(`not a translatable content file: ${relPath}`);
}

/** Reads the units of a content file; throws on a file it cannot read (unparsable YAML, no front matter). */
export function readUnits(kind: FileKind, text: string): FileUnits {
  const markdown = kind === 'lesson' || kind === 'activity';
  let yamlText = text;
  let yamlOffset = 0;
  let body: { text: string; offset: number } | null = null;
  if (markdown) {
    const parts = splitFrontMatter(text);
    if (!parts) throw new Error('missing YAML front matter');
    yamlOffset = text.indexOf('\n') + 1;
    const bodyOffset =
      text
        .split('\n')
        .slice(0, parts.bodyFirstLine - 1)
        .join('\n').length + 1;
    yamlText = parts.yaml;
    body = { text: text.slice(bodyOffset), offset: bodyOffset };
  }
  const doc = parseDocument(yamlText, { keepSourceTokens: true });
  if (doc.errors.length || !isMap(doc.contents))
    throw new Error(`YAML: ${doc.errors[0]?.message.split('\n')[0] ?? 'expected a mapping'}`);
  const root = doc.contents;
  const units: Unit[] = [];
  const add = (id: string, node: unknown, fixed: string[] = [], flow = false) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const [start, end] = node.range;
    const raw = yamlText.slice(start, end);
    const multiline = raw.trimEnd().includes('\n');
    const lineStart = yamlText.lastIndexOf('\n', start - 1) + 1;
    const indent =
      node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL'
        ? (/\n([ \t]*)\S/.exec(raw)?.[1] ?? '  ')
        : yamlText.slice(lineStart, start).replace(/\S.*$/, '');
    const value = multiline ? unfoldWideText(node.value.trim()) : node.value.trim();
    units.push({
      id,
      text: value,
      markdown: false,
      fixed,
      place: { kind: 'scalar', start: start + yamlOffset, end: end + yamlOffset, type: node.type, flow, indent },
    });
  };
  const list = (map: YAMLMap, key: string): Node[] => {
    const node = map.get(key, true);
    return isSeq(node) ? (node.items as Node[]) : [];
  };
  const isFlow = (map: YAMLMap, key: string) => !!(map.get(key, true) as { flow?: boolean } | undefined)?.flow;
  const each = (key: string) =>
    list(root, key).forEach((item, i) => add(`${key}.${i + 1}`, item, [], isFlow(root, key)));
  const idOf = (item: Node) => (isMap(item) ? String(item.get('id') ?? '') : '');

  add('title', root.get('title', true));
  switch (kind) {
    case 'course':
      add('summary', root.get('summary', true));
      add('audience', root.get('audience', true));
      break;
    case 'module':
      add('summary', root.get('summary', true));
      each('objectives');
      // The Guidelines checklist of a key-area module: one unit per item, by its id ("checklist.1.2").
      for (const item of list(root, 'checklist'))
        if (isMap(item)) add(`checklist.${idOf(item)}`, item.get('text', true));
      break;
    case 'lesson':
      each('keyPoints');
      list(root, 'sources').forEach((item, i) => isMap(item) && add(`sources.${i + 1}.title`, item.get('title', true)));
      break;
    case 'activity':
      add('groupSize', root.get('groupSize', true));
      each('materials');
      each('outputs');
      break;
    case 'quiz':
      for (const question of list(root, 'questions')) {
        if (!isMap(question)) continue;
        const id = idOf(question);
        const answer = question.get('answer');
        const key = `answer key (do not change): ${isSeq(answer) ? answer.items.map((x) => (isScalar(x) ? String(x.value) : '?')).join(', ') : String(answer)}`;
        add(`questions.${id}.prompt`, question.get('prompt', true), [key]);
        for (const option of list(question, 'options'))
          if (isMap(option)) add(`questions.${id}.options.${idOf(option)}`, option.get('text', true));
        add(`questions.${id}.explanation`, question.get('explanation', true));
      }
      break;
    case 'storyboard':
      for (const scene of list(root, 'scenes')) {
        if (!isMap(scene)) continue;
        const id = idOf(scene);
        add(`scenes.${id}.heading`, scene.get('heading', true));
        list(scene, 'bullets').forEach((bullet, i) =>
          add(`scenes.${id}.bullets.${i + 1}`, bullet, [], isFlow(scene, 'bullets')),
        );
        add(`scenes.${id}.narration`, scene.get('narration', true));
      }
      break;
  }
  if (body) {
    markdownBlocks(body.text).forEach((block, i) => {
      units.push({
        id: `body.${i + 1}`,
        text: block.text.replace(/\s+$/, ''),
        markdown: true,
        fixed: [],
        place: { kind: 'block', start: block.start + body.offset, end: block.end + body.offset },
      });
    });
  }

  const statePair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === TRANSLATION_STATE_FIELD);
  const lineAfter = (offset: number) => {
    const newline = yamlText.indexOf('\n', offset);
    return (newline < 0 ? yamlText.length : newline + 1) + yamlOffset;
  };
  const idPair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'id');
  const state = {
    present:
      statePair && isScalar(statePair.key) && statePair.key.range
        ? {
            start: yamlText.lastIndexOf('\n', statePair.key.range[0] - 1) + 1 + yamlOffset,
            end: lineAfter((statePair.value as Node | null)?.range?.[1] ?? statePair.key.range[1]),
          }
        : null,
    insertAt: idPair && isScalar(idPair.value) && idPair.value.range ? lineAfter(idPair.value.range[1]) : yamlOffset,
  };
  return { text, units, reviewed: (root.get(TRANSLATION_STATE_FIELD) as unknown) === 'reviewed', state };
}

/** Runs of non-blank lines (a fenced code block stays whole), with offsets into `body`. */
export function markdownBlocks(body: string): { text: string; start: number; end: number }[] {
  const blocks: { text: string; start: number; end: number }[] = [];
  let offset = 0;
  let current: { start: number; end: number } | null = null;
  let fenced = false;
  for (const line of body.split('\n')) {
    const blank = !fenced && line.trim() === '';
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (blank) {
      if (current) blocks.push({ ...current, text: body.slice(current.start, current.end) });
      current = null;
    } else if (current) current.end = offset + line.length;
    else current = { start: offset, end: offset + line.length };
    offset += line.length + 1;
  }
  if (current) blocks.push({ ...current, text: body.slice(current.start, current.end) });
  return blocks;
}

/**
 * `base` with the given unit texts replaced and the review state set. Units not in `targets`
 * keep their bytes; an unchanged text is not rewritten.
 */
export function writeUnits(base: FileUnits, targets: Map<string, string>, reviewed: boolean): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const unit of base.units) {
    const target = targets.get(unit.id);
    if (target === undefined || target === unit.text) continue;
    const { place } = unit;
    const text =
      place.kind === 'block'
        ? target
            .replace(/\r\n?/g, '\n')
            .replace(/\n[ \t]*\n+/g, '\n')
            .trim()
        : yamlScalar(
            target.replace(/\r\n?/g, '\n').trim(),
            place,
            base.text.slice(place.start, place.end).endsWith('\n'),
          );
    edits.push({ start: place.start, end: place.end, text });
  }
  if (reviewed && !base.state.present)
    edits.push({
      start: base.state.insertAt,
      end: base.state.insertAt,
      text: `${TRANSLATION_STATE_FIELD}: reviewed\n`,
    });
  if (!reviewed && base.state.present) edits.push({ ...base.state.present, text: '' });
  let text = base.text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

function yamlScalar(value: string, place: Extract<Place, { kind: 'scalar' }>, endsWithNewline: boolean): string {
  if (place.type === 'BLOCK_FOLDED' || place.type === 'BLOCK_LITERAL') {
    const header = place.type === 'BLOCK_FOLDED' ? '>-' : '|-';
    // One line per paragraph: folding a long line would put spaces into Khmer or Chinese text.
    return `${header}\n${value
      .split('\n')
      .map((line) => place.indent + line)
      .join('\n')}${endsWithNewline ? '\n' : ''}`;
  }
  if (place.type === 'QUOTE_SINGLE' && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  if (place.type === 'PLAIN' && isPlainSafe(value, place.flow)) return value;
  return JSON.stringify(value);
}

/** A value that reads back as the same string when written without quotes. */
function isPlainSafe(value: string, flow: boolean): boolean {
  if (!value || value.includes('\n') || value !== value.trim()) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  try {
    return (parse(`k: ${value}`) as { k: unknown }).k === value;
  } catch {
    return false;
  }
}
