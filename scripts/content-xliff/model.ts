// What is exchanged with translators: per module, the translatable files, each English source
// unit paired with the unit of the locale's file as it stands (content/README.md, "Translating").
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fileKind, readUnits, type FileUnits, type Unit } from './units.ts';

export type UnitState = 'initial' | 'translated' | 'reviewed';
export type PairedUnit = Unit & { target: string; state: UnitState; notes: string[] };
export type ExchangeFile = {
  /** English source, relative to the content directory with forward slashes. */
  rel: string;
  /** The locale's file, relative likewise (it may not exist yet). */
  translationRel: string;
  source: FileUnits;
  translation: FileUnits | null;
  units: PairedUnit[];
  /** The file to write targets into: the translation when every unit lines up with it, else the English source. */
  base: FileUnits;
};
/** `name`: "course" or a module folder such as "02-planning". */
export type Exchange = { name: string; files: string[] };

export const LOCALE = /^[a-z]{2,3}$/;

export function translationPath(rel: string, locale: string): string {
  return rel.replace(/\.(md|yaml)$/, `.${locale}.$1`);
}

/** The course file, then per module folder its module.yaml, listed lessons, activity, quiz and storyboard. */
export function exchanges(contentDir: string): Exchange[] {
  const result: Exchange[] = [{ name: 'course', files: ['course.yaml'] }];
  const modulesDir = path.join(contentDir, 'modules');
  const folders = fs.existsSync(modulesDir)
    ? fs
        .readdirSync(modulesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
    : [];
  for (const folder of folders) {
    const dir = `modules/${folder}`;
    const exists = (rel: string) => fs.existsSync(path.join(contentDir, rel));
    const files: string[] = [];
    if (exists(`${dir}/module.yaml`)) {
      files.push(`${dir}/module.yaml`);
      const lessons = (
        parse(fs.readFileSync(path.join(contentDir, dir, 'module.yaml'), 'utf8')) as { lessons?: unknown } | null
      )?.lessons;
      for (const id of Array.isArray(lessons) ? lessons : [])
        if (exists(`${dir}/lessons/${id}.md`)) files.push(`${dir}/lessons/${id}.md`);
    }
    for (const name of ['activity.md', 'quiz.yaml', 'storyboard.yaml'])
      if (exists(`${dir}/${name}`)) files.push(`${dir}/${name}`);
    result.push({ name: folder, files });
  }
  return result;
}

/** English units paired with the locale's text as it stands; `glossaryNotes` gives the notes of a source text. */
export function pairFile(
  contentDir: string,
  rel: string,
  locale: string,
  glossaryNotes: (text: string) => string[] = () => [],
): ExchangeFile {
  const kind = fileKind(rel);
  const source = readUnits(kind, fs.readFileSync(path.join(contentDir, rel), 'utf8'));
  const translationRel = translationPath(rel, locale);
  const translationFile = path.join(contentDir, translationRel);
  let translation: FileUnits | null = null;
  if (fs.existsSync(translationFile)) {
    try {
      translation = readUnits(kind, fs.readFileSync(translationFile, 'utf8'));
    } catch {
      translation = null; // unreadable: content:check names the problem; translators start from English
    }
  }
  const byId = new Map(translation?.units.map((u) => [u.id, u]) ?? []);
  const bodyCount = (f: FileUnits | null) => f?.units.filter((u) => u.markdown).length ?? 0;
  const bodyAligned = bodyCount(source) === bodyCount(translation);
  const units = source.units.map((unit): PairedUnit => {
    const found = byId.get(unit.id);
    const usable = found && (!unit.markdown || bodyAligned);
    const notes = [...unit.fixed, ...glossaryNotes(unit.text)];
    if (unit.markdown && translation && !bodyAligned) {
      notes.push(
        `the ${locale} file ${translationRel} has ${bodyCount(translation)} body blocks where the English now has ${bodyCount(source)}: translate this block again (the old text is in that file)`,
      );
    }
    return {
      ...unit,
      notes,
      target: usable ? found.text : '',
      state: usable ? (translation!.reviewed ? 'reviewed' : 'translated') : 'initial',
    };
  });
  const complete = !!translation && bodyAligned && source.units.every((u) => byId.has(u.id));
  return { rel, translationRel, source, translation, units, base: complete ? translation! : source };
}

/** Glossary notes for one locale: each English term found in a source text, with the locale's rendering. */
export function glossaryNoter(contentDir: string, locale: string): (text: string) => string[] {
  const read = (name: string) => {
    const file = path.join(contentDir, name);
    if (!fs.existsSync(file)) return [];
    const terms = (
      parse(fs.readFileSync(file, 'utf8')) as { terms?: { id?: unknown; term?: unknown; avoid?: unknown }[] } | null
    )?.terms;
    return Array.isArray(terms) ? terms.filter((t) => typeof t.id === 'string' && typeof t.term === 'string') : [];
  };
  const local = new Map(read(`glossary.${locale}.yaml`).map((t) => [t.id as string, t]));
  const english = read('glossary.yaml').flatMap((t) => {
    // "involvement (short label of the second key area)": match the words before the explanation.
    const words = String(t.term)
      .replace(/\s*\(.*\)\s*$/, '')
      .trim();
    if (words.length < 4) return [];
    const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [
      {
        id: t.id as string,
        words,
        lower: words.toLowerCase(),
        pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu'),
      },
    ];
  });
  return (text) =>
    english
      .filter((t) => text.toLowerCase().includes(t.lower) && t.pattern.test(text))
      .map((t) => {
        const entry = local.get(t.id);
        if (!entry) return `glossary (${t.id}): "${t.words}" has no ${locale} rendering in glossary.${locale}.yaml yet`;
        const avoid = Array.isArray(entry.avoid) && entry.avoid.length ? `; avoid: ${entry.avoid.join(' | ')}` : '';
        return `glossary (${t.id}): "${t.words}" = "${String(entry.term)}"${avoid}`;
      });
}
