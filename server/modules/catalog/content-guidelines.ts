// The Guidelines for Building Learning Cities (UIL, 2015) as the course records them (content/sources/guidelines-2015.yaml):
// the six key areas of action, the module that teaches each, and the action points recorded per area. The checklist of a
// key-area module (`checklist` in its module.yaml) has one item per recorded point of its area, each citing it; this file
// reads the record and checks the checklists against it (content/README.md, "Guidelines checklists").
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import { Fields, Mapping, ProblemLog, Text, YamlSource } from './content-yaml.ts';
import type { Locale } from './content-types.ts';

export const GUIDELINES_FILE = 'sources/guidelines-2015.yaml';
export const GUIDELINES_AREAS = 6;
/** A checklist item's id is its area and point ("1.2"); its `cites` says the same in words. */
export const CHECKLIST_ID = /^([1-9])\.([1-9]\d?)$/;
export const CHECKLIST_CITES = /^area ([1-9]), point ([1-9]\d?)$/;

const GuidelinesYaml = Mapping({
  title: Text,
  url: Text,
  areas: Type.Array(
    Mapping({
      id: Type.Integer({ minimum: 1, maximum: GUIDELINES_AREAS }),
      module: Text,
      name: Text,
      // Checked below, in words that say what true and false mean.
      complete: Type.Optional(Type.Unknown()),
      points: Type.Array(Mapping({ n: Type.Integer({ minimum: 1 }), gist: Text })),
    }),
    { minItems: GUIDELINES_AREAS, maxItems: GUIDELINES_AREAS },
  ),
});

/** A module.yaml `checklist` (the module's schema, content-readers.ts); `cites` is required in English only (below). */
export const ChecklistYaml = Type.Array(Mapping({ id: Text, cites: Type.Optional(Text), text: Text }), { minItems: 1 });

export type GuidelinesArea = { id: number; module: string; complete: boolean; points: number[]; line: number };
export type Guidelines = { file: string; title: string; url: string; areas: GuidelinesArea[] };

/** One item of a module.yaml `checklist`, with the Fields it came from (for the line of a problem). */
export type ChecklistEntry = { id: string; area: number; point: number; text: string; f: Fields };
/** A module as the checklist rules need it: its English checklist and each translation's (undefined: none). */
export type ChecklistModule = {
  id: string;
  file: string;
  line: number;
  en: ChecklistEntry[] | undefined;
  translations: Map<Locale, { file: string; line: number; items: ChecklistEntry[] | undefined }>;
};

/** Reads the record; null when it is missing (a course without one has no checklists) or unsound (problems logged). */
export function readGuidelines(root: string, rel: (file: string) => string, log: ProblemLog): Guidelines | null {
  const file = path.join(root, GUIDELINES_FILE);
  if (!fs.existsSync(file)) return null;
  const src = new YamlSource(rel(file), fs.readFileSync(file, 'utf8'), log);
  if (!src.root) return null;
  const before = log.problems.length;
  const top = new Fields(src, src.root, GuidelinesYaml);
  const title = top.string('title');
  const url = top.string('url');
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url))
    top.problem(top.at('url'), '"url" must be an http(s) address a reader can open');
  const areas: GuidelinesArea[] = [];
  const seenModules = new Set<string>();
  (top.mapList('areas', (_, i) => `area ${i + 1}`) ?? []).forEach((f, index) => {
    const id = f.number('id');
    if (id !== undefined && id !== index + 1)
      f.problem(
        f.at('id'),
        `the areas are listed in the Guidelines' order: item ${index + 1} must have id ${index + 1}`,
      );
    const module = f.string('module');
    if (module !== undefined && seenModules.has(module))
      f.problem(f.at('module'), `module "${module}" already teaches another area`);
    if (module !== undefined) seenModules.add(module);
    f.string('name');
    const completeNode = f.node('complete');
    const complete = completeNode && 'value' in completeNode ? completeNode.value : undefined;
    if (typeof complete !== 'boolean')
      f.problem(f.at('complete'), '"complete" must be true (every action point of the area is recorded) or false');
    const points: number[] = [];
    for (const p of f.mapList('points') ?? []) {
      const n = p.number('n');
      p.string('gist');
      if (n !== undefined && n !== points.length + 1)
        p.problem(
          p.at('n'),
          `points are numbered in the Guidelines' order from 1: expected ${points.length + 1}, found ${n}`,
        );
      if (n !== undefined) points.push(n);
    }
    if (complete === true && points.length === 0)
      f.problem(f.at('complete'), 'an area with no recorded point cannot be complete');
    if (id !== undefined && module !== undefined)
      areas.push({ id, module, complete: complete === true, points, line: f.line() });
  });
  if (log.problems.length > before || title === undefined || url === undefined) return null;
  return { file: src.file, title, url, areas };
}

/** Reads a module.yaml `checklist`; a translation may leave out `cites` (its id says the point) or repeat it. */
export function readChecklist(f: Fields, { translation = false } = {}): ChecklistEntry[] | undefined {
  if (!f.has('checklist')) return undefined;
  const items: ChecklistEntry[] = [];
  const seen = new Set<string>();
  for (const item of f.mapList('checklist', (_, i) => `checklist item ${i + 1}`) ?? []) {
    const id = item.string('id');
    const text = item.string('text');
    const cites = item.string('cites');
    if (!translation && !item.has('cites')) item.problem(item.map, 'missing required field "cites"');
    const idMatch = id === undefined ? null : CHECKLIST_ID.exec(id);
    if (id !== undefined && !idMatch)
      item.problem(
        item.at('id'),
        `"id" is the area and point the item comes from, e.g. "1.2" (area 1, point 2), found "${id}"`,
      );
    if (id !== undefined && seen.has(id)) item.problem(item.at('id'), `item "${id}" is listed twice`);
    if (id !== undefined) seen.add(id);
    const citesMatch = cites === undefined ? null : CHECKLIST_CITES.exec(cites);
    if (cites !== undefined && !citesMatch)
      item.problem(
        item.at('cites'),
        `"cites" names the Guidelines' action point as "area 1, point 2", found "${cites}"`,
      );
    if (idMatch && citesMatch && (idMatch[1] !== citesMatch[1] || idMatch[2] !== citesMatch[2])) {
      item.problem(
        item.at('cites'),
        `item "${id}" cites "${cites}": an item's id is the point it cites ("area ${idMatch[1]}, point ${idMatch[2]}")`,
      );
    }
    if (idMatch && text !== undefined)
      items.push({ id: id!, area: Number(idMatch[1]), point: Number(idMatch[2]), text, f: item });
  }
  return items;
}

/**
 * The checklists against the record: a checklist only in a key-area module, every item citing a recorded point of that
 * module's own area, every recorded point with its item, and every translation with the same items as the English.
 */
export function checkChecklists(guidelines: Guidelines, modules: ChecklistModule[], log: ProblemLog): void {
  const areaOf = new Map(guidelines.areas.map((a) => [a.module, a]));
  for (const area of guidelines.areas) {
    if (!modules.some((m) => m.id === area.module))
      log.add(guidelines.file, area.line, `area ${area.id}: no module "${area.module}" in the course`);
  }
  for (const m of modules) {
    const area = areaOf.get(m.id);
    if (!area) {
      if (m.en)
        log.add(
          m.file,
          m.en[0]?.f.line() ?? m.line,
          `"checklist" belongs to the key-area modules only (${guidelines.areas.map((a) => a.module).join(', ')}, ${GUIDELINES_FILE})`,
        );
      continue;
    }
    const items = m.en ?? [];
    for (const item of items) {
      if (item.area !== area.id)
        item.f.problem(
          item.f.at('id'),
          `item "${item.id}" comes from area ${item.area}, but this module's key area is area ${area.id} (${GUIDELINES_FILE})`,
        );
      else if (!area.points.includes(item.point))
        item.f.problem(
          item.f.at('id'),
          `item "${item.id}": area ${area.id} has no point ${item.point} recorded in ${GUIDELINES_FILE}`,
        );
    }
    for (const point of area.points) {
      if (!items.some((item) => item.area === area.id && item.point === point)) {
        log.add(
          m.file,
          m.en ? (m.en[0]?.f.line() ?? m.line) : m.line,
          `"checklist" has no item for the Guidelines' area ${area.id}, point ${point} (recorded in ${GUIDELINES_FILE}): add { id: "${area.id}.${point}", cites: "area ${area.id}, point ${point}", text: ... }`,
        );
      }
    }
    if (!m.en) continue;
    const ids = m.en.map((item) => item.id);
    for (const [, t] of m.translations) {
      if (!t.items) {
        log.add(t.file, t.line, `"checklist" is missing: translate the English checklist's items (${ids.join(', ')})`);
        continue;
      }
      const own = t.items.map((item) => item.id);
      for (const item of t.items)
        if (!ids.includes(item.id))
          item.f.problem(item.f.at('id'), `item "${item.id}" is not in the English checklist (${ids.join(', ')})`);
      const missing = ids.filter((id) => !own.includes(id));
      if (missing.length)
        log.add(t.file, t.items[0]?.f.line() ?? t.line, `"checklist" lacks the English items ${missing.join(', ')}`);
      else if (own.join() !== ids.join())
        log.add(
          t.file,
          t.items[0]?.f.line() ?? t.line,
          `"checklist" lists the items in another order than the English (${ids.join(', ')})`,
        );
    }
  }
}

/** One `warning:` line per area whose action points are not all recorded (content:check prints them; they do not fail). */
export function guidelinesWarnings(contentDir: string): { file: string; line: number; message: string }[] {
  const root = path.resolve(contentDir);
  // The loader reports the record's own problems; here a broken record just has no warnings.
  const guidelines = readGuidelines(
    root,
    (file) => path.relative(path.dirname(root), file).split(path.sep).join('/'),
    new ProblemLog(),
  );
  if (!guidelines) return [];
  return guidelines.areas
    .filter((area) => !area.complete)
    .map((area) => ({
      file: guidelines.file,
      line: area.line,
      message: area.points.length
        ? `warning: area ${area.id} (${area.module}): only points ${area.points.join(', ')} of the Guidelines are recorded (complete: false), so its checklist is partial`
        : `warning: area ${area.id} (${area.module}): no action point of the Guidelines is recorded yet (complete: false), so the module has no checklist`,
    }));
}
