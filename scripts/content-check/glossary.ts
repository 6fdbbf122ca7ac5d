// One vocabulary per language: reads content/glossary.yaml and its translations and warns where a
// translated course file uses a rendering the glossary says to avoid. Warnings do not fail the
// check: a translator decides, the check only points. Source titles, links and urls are skipped,
// since they keep the publisher's own wording.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** `except`: longer phrases in which an avoided rendering is right, e.g. an English title quoted as such. */
export type GlossaryTerm = { id: string; term: string; avoid: string[]; except: string[] };
export type GlossaryWarning = { file: string; line: number; message: string };

const TRANSLATED_FILE = /^[^.]+\.([a-z]{2,3})\.(md|yaml)$/;

/** The glossary of each translated locale, keyed by locale; English has none to enforce. */
export function readGlossaries(contentDir: string): Map<string, GlossaryTerm[]> {
  const glossaries = new Map<string, GlossaryTerm[]>();
  for (const name of fs.existsSync(contentDir) ? fs.readdirSync(contentDir) : []) {
    const match = /^glossary\.([a-z]{2,3})\.yaml$/.exec(name);
    if (!match) continue;
    const doc = parse(fs.readFileSync(path.join(contentDir, name), 'utf8')) as {
      terms?: Partial<GlossaryTerm>[];
    } | null;
    const terms = (doc?.terms ?? [])
      .filter((t): t is GlossaryTerm => typeof t.id === 'string' && typeof t.term === 'string')
      .map((t) => ({
        id: t.id,
        term: t.term,
        avoid: (t.avoid ?? []).map(String).filter(Boolean),
        except: (t.except ?? []).map(String).filter(Boolean),
      }));
    glossaries.set(match[1], terms);
  }
  return glossaries;
}

export function glossaryWarnings(contentDir: string): GlossaryWarning[] {
  const root = path.resolve(contentDir);
  const glossaries = readGlossaries(root);
  const warnings: GlossaryWarning[] = [];
  for (const file of walk(root)) {
    const match = TRANSLATED_FILE.exec(path.basename(file));
    const terms = match ? glossaries.get(match[1]) : undefined;
    if (!terms || path.basename(file).startsWith('glossary.')) continue;
    const rel = path.relative(path.dirname(root), file).split(path.sep).join('/');
    const checks = terms.flatMap((term) => term.avoid.map((avoid) => ({ term, avoid, pattern: avoidPattern(avoid) })));
    readableLines(fs.readFileSync(file, 'utf8')).forEach((text, index) => {
      for (const { term, avoid, pattern } of checks) {
        const visible = term.except.reduce((line, phrase) => line.split(phrase).join(' '), text);
        if (pattern.test(visible)) {
          warnings.push({
            file: rel,
            line: index + 1,
            message: `warning: "${avoid}" is not the glossary's wording (${term.id}): write "${term.term}"`,
          });
        }
      }
    });
  }
  return warnings;
}

/** Case-insensitive, and for words in Latin script only as whole words ("Beijing", not "beijing-declaration"). */
function avoidPattern(avoid: string): RegExp {
  const escaped = avoid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const latin = /^\p{Script=Latin}/u.test(avoid);
  return new RegExp(latin ? `(?<![\\p{L}\\p{N}/-])${escaped}(?![\\p{L}\\p{N}/-])` : escaped, 'iu');
}

/**
 * The file's lines as a reader sees them: a `sources:` block in front matter, `url:` lines, links
 * to web pages (their text is a publisher's title) and bare urls are blanked, line numbers kept.
 */
export function readableLines(text: string): string[] {
  let inSources = false;
  return text.split('\n').map((line) => {
    if (/^sources:\s*$/.test(line)) {
      inSources = true;
      return '';
    }
    if (inSources && /^\s+/.test(line)) return '';
    inSources = false;
    // A module's `checklist:` key is a field name, not course text (its items are checked like any other line).
    if (/^checklist:\s*$/.test(line)) return '';
    if (/^\s*url:/.test(line)) return '';
    return line.replace(/\[[^\]]*\]\(https?:[^)]*\)/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  });
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.name.startsWith('.')) return [];
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    })
    .sort();
}
