// Reads translated XLIFF 2.0 documents back into content/: every unit is checked against the
// English as it stands, the files are written into a copy of content/ and validated as
// content:check does; only when all of it passes are the changed files written. Otherwise nothing
// changes and every problem is reported as `file:line: message`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import xliff from 'xliff';
import convert, { type Element } from 'xml-js';
import { loadContent } from '../../server/modules/catalog/content-loader.ts';
import { exchanges, LOCALE, pairFile, type ExchangeFile, type UnitState } from './model.ts';
import { relOfFileId } from './xliff-export.ts';
import { unitProblems } from './unit-checks.ts';
import { writeUnits } from './units.ts';

export type ImportProblem = { file: string; line: number; message: string };
export type ImportResult = {
  problems: ImportProblem[];
  /** Content files written (relative to the content directory), when there were no problems. */
  written: string[];
  /** Files left as they are because some of their units have no translation yet. */
  skipped: { file: string; untranslated: number; units: number }[];
};

type XliffUnit = { id: string; source: string; target: string; notes: string[]; state: string | null; line: number };
type XliffFile = { id: string; line: number; units: XliffUnit[] };
type XliffDocument = { path: string; locale: string; files: XliffFile[] };

export function importXliff(contentDir: string, xliffFiles: string[]): ImportResult {
  const problems: ImportProblem[] = [];
  const docs = xliffFiles.map((file) => readXliff(file, problems)).filter((d) => d !== null);
  const locales = [...new Set(docs.map((d) => d.locale))];
  if (locales.length > 1)
    problems.push({
      file: docs[0].path,
      line: 1,
      message: `the documents are for several languages (${locales.join(', ')}): import one language at a time`,
    });

  const known = new Set(exchanges(contentDir).flatMap((e) => e.files));
  const seen = new Map<string, string>();
  const writes = new Map<string, string>();
  const skipped: ImportResult['skipped'] = [];
  for (const doc of docs) {
    for (const file of doc.files) {
      const at = (line: number, message: string) => problems.push({ file: doc.path, line, message });
      const rel = relOfFileId(file.id);
      if (!known.has(rel)) {
        at(
          file.line,
          `<file id="${file.id}">: content/${rel} is not a translatable file of this course (an id changed?)`,
        );
        continue;
      }
      if (seen.has(rel)) {
        at(file.line, `<file id="${file.id}"> is also in ${seen.get(rel)}: import each file once`);
        continue;
      }
      seen.set(rel, doc.path);
      const exchange = pairFile(contentDir, rel, doc.locale);
      const result = checkFile(exchange, file, at);
      if (!result) continue;
      const { targets, reviewed } = result;
      const untranslated = exchange.units.filter((u) => !targets.get(u.id)).length;
      if (untranslated) {
        if (untranslated < exchange.units.length)
          skipped.push({ file: exchange.translationRel, untranslated, units: exchange.units.length });
        continue;
      }
      const text = writeUnits(exchange.base, targets, reviewed);
      if (text !== exchange.translation?.text) writes.set(exchange.translationRel, text);
    }
  }
  if (problems.length) return { problems, written: [], skipped };
  if (!writes.size) return { problems, written: [], skipped };

  // The same validation as content:check, on a copy of content/ with the new files in it.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-import-'));
  try {
    const copy = path.join(scratch, path.basename(path.resolve(contentDir)));
    fs.cpSync(contentDir, copy, { recursive: true });
    for (const [rel, text] of writes) fs.writeFileSync(path.join(copy, rel), text);
    const checked = loadContent(copy);
    if (checked.problems.length) {
      return {
        problems: checked.problems.map((p) => ({
          ...p,
          message: `after import, content:check would fail: ${p.message}`,
        })),
        written: [],
        skipped,
      };
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  for (const [rel, text] of writes) fs.writeFileSync(path.join(contentDir, rel), text);
  return { problems, written: [...writes.keys()].sort(), skipped };
}

/** The targets of one <file> checked against the English as it stands; null when it has problems. */
function checkFile(exchange: ExchangeFile, file: XliffFile, at: (line: number, message: string) => void) {
  let ok = true;
  const fail = (line: number, message: string) => {
    ok = false;
    at(line, message);
  };
  const expected = new Map(exchange.units.map((u) => [u.id, u]));
  const given = new Map<string, XliffUnit>();
  for (const unit of file.units) {
    const label = `unit "${unit.id}" of ${exchange.rel}`;
    const source = expected.get(unit.id);
    if (given.has(unit.id)) fail(unit.line, `${label} appears twice`);
    given.set(unit.id, unit);
    if (!source) {
      fail(
        unit.line,
        `${label}: no such unit in the English (a changed id?); units are ${[...expected.keys()].slice(0, 6).join(', ')}${expected.size > 6 ? ' …' : ''}`,
      );
      continue;
    }
    if (unit.source !== source.text) {
      fail(
        unit.line,
        `${label}: the English source differs from content/${exchange.rel} (it changed since the export, or was edited): export again and carry the translation over`,
      );
    }
    for (const fixed of source.fixed) {
      if (!unit.notes.includes(fixed))
        fail(
          unit.line,
          `${label}: the answer key changed or was removed; it must stay "${fixed}" (answer keys are changed in the English quiz.yaml only)`,
        );
    }
    // Text that is already in content/ was checked when it came in; what changes is checked here.
    if (unit.target.trim() && unit.target !== source.target) {
      for (const problem of unitProblems(source.text, unit.target, source.markdown))
        fail(unit.line, `${label}: ${problem}`);
    }
  }
  for (const id of expected.keys())
    if (!given.has(id))
      fail(
        file.line,
        `unit "${id}" of ${exchange.rel} is missing: every unit of the export must come back (leave its target empty if it is not translated)`,
      );
  if (!ok) return null;
  const states = file.units.map((u) => u.state as UnitState | 'final' | null);
  return {
    targets: new Map(file.units.map((u) => [u.id, u.target.trim() ? u.target : ''])),
    // "final" (signed off) is past "reviewed" in XLIFF 2.0's states.
    reviewed: states.length > 0 && states.every((state) => state === 'reviewed' || state === 'final'),
  };
}

// ---- reading XLIFF ------------------------------------------------------------------------

function readXliff(file: string, problems: ImportProblem[]): XliffDocument | null {
  const shown = path.relative(process.cwd(), file) || file;
  const fail = (line: number, message: string) => {
    problems.push({ file: shown, line, message });
    return null;
  };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return fail(1, `cannot read the file: ${(error as Error).message}`);
  }
  let tree: Element;
  try {
    tree = convert.xml2js(text, { compact: false }) as Element;
  } catch (error) {
    const line = /Line: (\d+)/.exec((error as Error).message)?.[1];
    return fail(line ? Number(line) + 1 : 1, `not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const root = tree.elements?.find((e) => e.name === 'xliff');
  if (!root || !['2.0', '2.1', '2.2'].includes(String(root.attributes?.version)))
    return fail(1, 'not an XLIFF 2 document (<xliff version="2.0">); export with npm run content:export');
  const locale = String(root.attributes?.trgLang ?? '');
  if (String(root.attributes?.srcLang) !== 'en')
    return fail(
      lineOf(text, 0, /<xliff\b/),
      `srcLang must be "en" (the course is written in English), found "${root.attributes?.srcLang}"`,
    );
  if (!LOCALE.test(locale) || locale === 'en')
    return fail(
      lineOf(text, 0, /<xliff\b/),
      `trgLang must be the translation's language code (e.g. "km"), found "${locale}"`,
    );

  type Values = Record<string, Record<string, { source?: unknown; target?: unknown; note?: unknown }>>;
  let resources: Values | null = null;
  xliff.xliff2js(text, {}, (error, out) => {
    if (!error) resources = out.resources as Values;
  });
  if (!resources) return fail(1, 'the XLIFF library could not read this document');

  const files: XliffFile[] = [];
  for (const fileElement of root.elements ?? []) {
    if (fileElement.name !== 'file') continue;
    const id = String(fileElement.attributes?.id ?? '');
    const fileLine = lineOf(text, 0, new RegExp(`<file\\b[^>]*\\bid\\s*=\\s*["']${escapeRegExp(xmlEscape(id))}["']`));
    const fileStart = offsetOf(
      text,
      0,
      new RegExp(`<file\\b[^>]*\\bid\\s*=\\s*["']${escapeRegExp(xmlEscape(id))}["']`),
    );
    const units: XliffUnit[] = [];
    const values = (resources as Values)[id] ?? {};
    for (const unitElement of unitElements(fileElement)) {
      const unitId = String(unitElement.attributes?.id ?? '');
      const line = lineOf(
        text,
        fileStart,
        new RegExp(`<unit\\b[^>]*\\bid\\s*=\\s*["']${escapeRegExp(xmlEscape(unitId))}["']`),
      );
      const segments = (unitElement.elements ?? []).filter((e) => e.name === 'segment');
      if (segments.length !== 1) {
        fail(
          line,
          `unit "${unitId}": expected one <segment>, found ${segments.length} (do not split or join segments)`,
        );
        continue;
      }
      const value = values[unitId] ?? {};
      // Tools may add line breaks around a segment's text or spaces at its end: they are never content
      // (spaces at the start are kept: four of them make Markdown code).
      const tidy = (text: string | null) =>
        text === null ? null : text.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
      const source = tidy(plain(value.source));
      const target = tidy(plain(value.target ?? ''));
      if (source === null || target === null) {
        fail(
          line,
          `unit "${unitId}": inline codes (<ph>, <pc> …) are not used by this course: keep the text and its Markdown as plain text`,
        );
        continue;
      }
      const notes =
        value.note === undefined
          ? []
          : (Array.isArray(value.note) ? value.note : [value.note]).map((n: unknown) => plain(n) ?? '');
      units.push({
        id: unitId,
        source,
        target,
        notes,
        state: segments[0].attributes?.state ? String(segments[0].attributes.state) : null,
        line,
      });
    }
    files.push({ id, line: fileLine, units });
  }
  return { path: shown, locale, files };
}

/** Units of a <file>, including those inside <group>s. */
function unitElements(parent: Element): Element[] {
  return (parent.elements ?? []).flatMap((e) => (e.name === 'unit' ? [e] : e.name === 'group' ? unitElements(e) : []));
}

function plain(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  return null;
}

function offsetOf(text: string, from: number, pattern: RegExp): number {
  const index = text.slice(from).search(pattern);
  return index < 0 ? from : from + index;
}

function lineOf(text: string, from: number, pattern: RegExp): number {
  return text.slice(0, offsetOf(text, from, pattern)).split('\n').length;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
