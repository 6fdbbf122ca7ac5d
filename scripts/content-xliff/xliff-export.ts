// Builds one XLIFF 2.0 document per module (and one for course.yaml) for a locale: each English
// unit with the locale's text as it stands, its state and notes (answer keys, glossary terms).
import fs from 'node:fs';
import path from 'node:path';
import xliff from 'xliff';
import convert, { type Element } from 'xml-js';
import { exchanges, glossaryNoter, pairFile, type ExchangeFile } from './model.ts';

/** XLIFF 2.0 ids are NMTOKENs (no "/"): a file's id is its path with ":" between folders. */
export const fileIdOf = (rel: string) => rel.replace(/\//g, ':');
export const relOfFileId = (id: string) => id.replace(/:/g, '/');

export type ExportedDocument = { name: string; fileName: string; xml: string; files: ExchangeFile[] };

export function exportLocale(contentDir: string, locale: string): ExportedDocument[] {
  const notes = glossaryNoter(contentDir, locale);
  return exchanges(contentDir).map(({ name, files }) => {
    const paired = files.map((rel) => pairFile(contentDir, rel, locale, notes));
    return { name, fileName: `${name}.${locale}.xlf`, xml: toXliff(paired, locale), files: paired };
  });
}

export function writeExport(contentDir: string, locale: string, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return exportLocale(contentDir, locale).map((doc) => {
    const file = path.join(outDir, doc.fileName);
    fs.writeFileSync(file, doc.xml);
    return file;
  });
}

function toXliff(files: ExchangeFile[], locale: string): string {
  const resources: Record<string, Record<string, { source: string; target?: string; note?: string[] }>> = {};
  for (const file of files) {
    const units: (typeof resources)[string] = {};
    for (const unit of file.units) {
      units[unit.id] = {
        source: unit.text,
        ...(unit.target ? { target: unit.target } : {}),
        ...(unit.notes.length ? { note: unit.notes } : {}),
      };
    }
    resources[fileIdOf(file.rel)] = units;
  }
  let xml = '';
  // With a callback the library works synchronously.
  xliff.js2xliff({ sourceLanguage: 'en', targetLanguage: locale, resources }, { indent: '  ' }, (error, out) => {
    if (error) throw error;
    xml = out;
  });
  // The library writes units, sources, targets and notes; XLIFF 2.0 keeps the state on <segment>
  // and the file's path in <file original>: set those on the library's own XML tree.
  const tree = convert.xml2js(xml, { compact: false }) as Element;
  const root = tree.elements?.find((e) => e.name === 'xliff');
  for (const fileElement of root?.elements ?? []) {
    if (fileElement.name !== 'file') continue;
    const rel = relOfFileId(String(fileElement.attributes?.id));
    const file = files.find((f) => f.rel === rel)!;
    fileElement.attributes = { ...fileElement.attributes, original: file.translationRel };
    for (const unitElement of fileElement.elements ?? []) {
      const unit = file.units.find((u) => u.id === unitElement.attributes?.id);
      const segment = unitElement.elements?.find((e) => e.name === 'segment');
      if (unit && segment) segment.attributes = { state: unit.state };
      // Line breaks are Markdown (list items, table rows): tell tools to keep whitespace as it is.
      for (const text of segment?.elements ?? []) text.attributes = { 'xml:space': 'preserve' };
      for (const note of unitElement.elements?.find((e) => e.name === 'notes')?.elements ?? []) {
        const text = String(note.elements?.[0]?.text ?? '');
        note.attributes = {
          category: text.startsWith('glossary') ? 'glossary' : text.startsWith('answer key') ? 'answer-key' : 'context',
        };
      }
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${convert.js2xml(tree, { spaces: 2 })}\n`;
}
