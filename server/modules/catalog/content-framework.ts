// content:check for the self-assessment framework (content/self-assessment/framework.yaml and its translations):
// the Beijing Declaration's areas and actions in our words. The English file is the reference: every id is unique,
// every action cites a bullet the Declaration has (and its id says the same bullet, since pages show the citation
// from the id), every area sits in one group; a translation has the same groups, areas and actions (no missing,
// no extra), each with its text, and repeats a citation or a group's areas only unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { Type, type TObject } from 'typebox';
import { isMap, isScalar, type Node } from 'yaml';
import { LOCALES } from '../../i18n/locales.ts';
import { Fields, Mapping, Text, type ProblemLog, YamlSource } from './content-yaml.ts';

/**
 * Bullets per section of the Declaration's "Commitments" (shared/sources/beijing-declaration-2013.md): 12 sections,
 * 50 bullets. A unit test counts them again in the source when it is beside the repository.
 */
export const DECLARATION_BULLETS: Readonly<Record<number, number>> = {
  1: 4,
  2: 6,
  3: 3,
  4: 5,
  5: 4,
  6: 4,
  7: 4,
  8: 5,
  9: 4,
  10: 3,
  11: 3,
  12: 5,
};
export const FRAMEWORK_GROUPS = ['benefits', 'building_blocks', 'conditions'] as const;
const SCALE_KEYS = ['not_started', 'planned', 'started', 'established', 'embedded'];
const ACTION_ID = /^(\d{1,2})\.(\d{1,2})$/;
const CITES = /^§(\d{1,2}), bullet (\d{1,2})$/;
const FILE = /^framework(?:\.([a-z]{2,3}))?\.yaml$/;

// The shape of framework.yaml, and of a translation (texts only: ids, and optionally the citations and group areas
// repeated unchanged). An item of a group's "areas" is checked by the reader: it must be an area number.
const ActionYaml = Mapping({ id: Text, cites: Text, text: Text });
const AreaYaml = Mapping({
  id: Type.Integer({ minimum: 1 }),
  title: Text,
  actions: Type.Array(ActionYaml, { minItems: 1 }),
});
const FrameworkYaml = Mapping({
  source: Text,
  scale: Type.Array(Mapping({ value: Type.Integer({ minimum: 0, maximum: 4 }), key: Text }), {
    minItems: 5,
    maxItems: 5,
  }),
  groups: Type.Array(
    Mapping({ id: Text, title: Text, cites: Text, areas: Type.Array(Type.Unknown(), { minItems: 1 }) }),
    { minItems: 1 },
  ),
  areas: Type.Array(AreaYaml, { minItems: 1 }),
});
const TranslatedActionYaml = Mapping({ id: Text, cites: Type.Optional(Text), text: Text });
const TranslatedAreaYaml = Mapping({
  id: Type.Integer({ minimum: 1 }),
  title: Text,
  actions: Type.Array(TranslatedActionYaml, { minItems: 1 }),
});
const FrameworkTranslationYaml = Mapping({
  groups: Type.Array(Mapping({ id: Text, title: Text, areas: Type.Optional(Type.Array(Type.Unknown())) }), {
    minItems: 1,
  }),
  areas: Type.Array(TranslatedAreaYaml, { minItems: 1 }),
});

type Reference = {
  groups: Map<string, { areas: number[] }>;
  areas: Map<number, { actions: Map<string, string> }>; // action id -> cites
};

/** Checks `<content>/self-assessment/` when it exists; `rel` turns a path into the one reported. */
export function checkFramework(dir: string, rel: (file: string) => string, log: ProblemLog): void {
  if (!fs.existsSync(dir)) return;
  const translations: [string, string][] = [];
  let hasSource = false;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()) {
    const file = path.join(dir, name);
    const match = FILE.exec(name);
    if (!match || !fs.statSync(file).isFile()) {
      log.add(
        rel(file),
        1,
        'unexpected file: this folder holds framework.yaml and its translations (framework.fr.yaml ...)',
      );
    } else if (!match[1]) hasSource = true;
    else if (match[1] === 'en' || !(LOCALES as readonly string[]).includes(match[1])) {
      log.add(
        rel(file),
        1,
        match[1] === 'en'
          ? 'English is the source: name this file framework.yaml'
          : `"${match[1]}" is not a language of the platform (${LOCALES.join(', ')})`,
      );
    } else translations.push([match[1], file]);
  }
  const source = path.join(dir, 'framework.yaml');
  if (!hasSource) {
    log.add(rel(source), 1, 'framework.yaml is missing: the self-assessment needs the English framework');
    return;
  }
  const reference = readSource(new YamlSource(rel(source), fs.readFileSync(source, 'utf8'), log), log);
  // A translation is compared with a sound English file only, so a broken source is reported once.
  if (!reference) return;
  for (const [, file] of translations)
    readTranslation(new YamlSource(rel(file), fs.readFileSync(file, 'utf8'), log), reference);
}

function readSource(src: YamlSource, log: ProblemLog): Reference | null {
  if (!src.root) return null;
  const problemCount = () => log.problems.filter((p) => p.file === src.file).length;
  const before = problemCount();
  const top = new Fields(src, src.root, FrameworkYaml);
  top.string('source');
  const scale = top.mapList('scale');
  scale?.forEach((f, index) => {
    const value = f.number('value');
    const key = f.string('key');
    if (value !== undefined && value !== index)
      f.problem(f.node('value'), `the scale runs 0 to 4 in order: item ${index + 1} must have value ${index}`);
    if (key !== undefined && value !== undefined && SCALE_KEYS[value] !== key)
      f.problem(f.node('key'), `rating ${value} is "${SCALE_KEYS[value]}" (found "${key}")`);
  });

  const groups = new Map<string, { areas: number[] }>();
  const groupOfArea = new Map<number, string>();
  const groupAreaNodes: { area: number; node: unknown; f: Fields }[] = [];
  for (const f of top.mapList('groups', (_, i) => `group ${i + 1}`) ?? []) {
    const id = f.string('id');
    f.string('title');
    f.string('cites');
    const areaNodes = f.list('areas') ?? [];
    if (id !== undefined && !(FRAMEWORK_GROUPS as readonly string[]).includes(id))
      f.problem(f.node('id'), `unknown group "${id}" (use ${FRAMEWORK_GROUPS.join(', ')})`);
    else if (id !== undefined && groups.has(id)) f.problem(f.node('id'), `group "${id}" is listed twice`);
    const areas: number[] = [];
    for (const node of areaNodes) {
      const value = scalarValue(node);
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        f.problem(node, 'each item of "areas" must be an area number');
        continue;
      }
      if (groupOfArea.has(value))
        f.problem(node, `area ${value} is already in group "${groupOfArea.get(value)}": an area belongs to one group`);
      else if (id !== undefined) groupOfArea.set(value, id);
      areas.push(value);
      groupAreaNodes.push({ area: value, node, f });
    }
    if (id !== undefined && !groups.has(id)) groups.set(id, { areas });
  }
  for (const id of FRAMEWORK_GROUPS)
    if (!groups.has(id) && top.has('groups'))
      top.problem(top.at('groups'), `group "${id}" is missing (the groups are ${FRAMEWORK_GROUPS.join(', ')})`);

  const areas = new Map<number, { actions: Map<string, string> }>();
  const actionIds = new Set<string>();
  const cited = new Set<string>();
  for (const a of top.mapList('areas', (item) => `area ${scalarValue(item.get('id', true)) ?? '?'}`) ?? []) {
    const id = a.number('id');
    a.string('title');
    const actions = new Map<string, string>();
    if (id !== undefined) {
      if (areas.has(id)) a.problem(a.node('id'), `area ${id} is listed twice`);
      else if (!DECLARATION_BULLETS[id])
        a.problem(a.node('id'), `the Declaration has no section §${id} (its commitments are §1 to §12)`);
      else if (!groupOfArea.has(id) && top.has('groups'))
        a.problem(
          a.node('id'),
          `area ${id} is in no group: add it to the "areas" of one of ${FRAMEWORK_GROUPS.join(', ')}`,
        );
      if (!areas.has(id)) areas.set(id, { actions });
    }
    for (const x of actionList(a, ActionYaml)) {
      const actionId = x.string('id');
      const cites = x.string('cites');
      x.string('text');
      if (actionId === undefined) continue;
      const idMatch = ACTION_ID.exec(actionId);
      if (!idMatch) {
        x.problem(x.node('id'), `an action id is "<area>.<bullet>", e.g. "4.3" (found "${actionId}")`);
        continue;
      }
      if (actionIds.has(actionId)) x.problem(x.node('id'), `action id ${actionId} is used twice`);
      actionIds.add(actionId);
      if (id !== undefined && Number(idMatch[1]) !== id)
        x.problem(x.node('id'), `action ${actionId} is under area ${id}: its id must start with "${id}."`);
      if (cites === undefined) continue;
      const citeMatch = CITES.exec(cites);
      if (!citeMatch) {
        x.problem(x.node('cites'), `a citation reads "§<section>, bullet <n>", e.g. "§4, bullet 3" (found "${cites}")`);
        continue;
      }
      const [section, bullet] = [Number(citeMatch[1]), Number(citeMatch[2])];
      if (!DECLARATION_BULLETS[section])
        x.problem(x.node('cites'), `the Declaration has no section §${section} (its commitments are §1 to §12)`);
      else if (bullet < 1 || bullet > DECLARATION_BULLETS[section])
        x.problem(
          x.node('cites'),
          `§${section} of the Declaration has ${DECLARATION_BULLETS[section]} bullets: there is no bullet ${bullet}`,
        );
      else if (`${section}.${bullet}` !== actionId)
        x.problem(
          x.node('cites'),
          `action ${actionId} cites §${section}, bullet ${bullet}: an action's id is its section and bullet ("${section}.${bullet}"), and pages show the citation from the id`,
        );
      else cited.add(actionId);
      actions.set(actionId, cites);
    }
  }
  for (const { area, node, f } of groupAreaNodes)
    if (top.has('areas') && !areas.has(area)) f.problem(node, `area ${area} is not in "areas"`);
  if (problemCount() === before) {
    const uncited = Object.entries(DECLARATION_BULLETS)
      .flatMap(([s, n]) => Array.from({ length: n }, (_, i) => `${s}.${i + 1}`))
      .filter((b) => !cited.has(b));
    if (uncited.length)
      top.problem(
        top.at('areas'),
        `no action for ${uncited.map((b) => `§${b.replace('.', ', bullet ')}`).join('; ')} of the Declaration: the framework has all 50`,
      );
  }
  return problemCount() === before ? { groups, areas } : null;
}

function readTranslation(src: YamlSource, en: Reference): void {
  if (!src.root) return;
  const top = new Fields(src, src.root, FrameworkTranslationYaml);
  const seenGroups = new Set<string>();
  for (const f of top.mapList('groups', (_, i) => `group ${i + 1}`) ?? []) {
    const id = f.string('id');
    f.string('title');
    if (id === undefined) continue;
    const reference = en.groups.get(id);
    if (!reference)
      f.problem(
        f.node('id'),
        `group "${id}" is not in framework.yaml (its groups are ${[...en.groups.keys()].join(', ')})`,
      );
    else if (seenGroups.has(id)) f.problem(f.node('id'), `group "${id}" is listed twice`);
    else if (f.has('areas')) {
      const areas = (f.list('areas') ?? []).map(scalarValue);
      if (areas.join(',') !== reference.areas.join(','))
        f.problem(
          f.at('areas'),
          `group "${id}" has areas [${reference.areas.join(', ')}] in framework.yaml; a translation repeats them unchanged or leaves them out`,
        );
    }
    seenGroups.add(id);
  }
  if (top.has('groups')) {
    const missing = [...en.groups.keys()].filter((g) => !seenGroups.has(g));
    if (missing.length)
      top.problem(
        top.at('groups'),
        `missing ${plural(missing.length, 'group')} ${missing.join(', ')} of framework.yaml`,
      );
  }

  const seenAreas = new Set<number>();
  for (const a of top.mapList('areas', (item) => `area ${scalarValue(item.get('id', true)) ?? '?'}`) ?? []) {
    const id = a.number('id');
    a.string('title');
    const reference = id === undefined ? undefined : en.areas.get(id);
    if (id !== undefined && !reference) a.problem(a.node('id'), `area ${id} is not in framework.yaml`);
    else if (id !== undefined && seenAreas.has(id)) a.problem(a.node('id'), `area ${id} is listed twice`);
    if (id !== undefined) seenAreas.add(id);
    const seenActions = new Set<string>();
    for (const x of actionList(a, TranslatedActionYaml)) {
      const actionId = x.string('id');
      x.string('text');
      if (actionId === undefined || !reference) continue;
      const cites = reference.actions.get(actionId);
      if (cites === undefined)
        x.problem(
          x.node('id'),
          `action ${actionId} is not in area ${id} of framework.yaml (its actions are ${[...reference.actions.keys()].join(', ')})`,
        );
      else if (seenActions.has(actionId)) x.problem(x.node('id'), `action ${actionId} is listed twice`);
      else if (x.has('cites') && x.string('cites') !== cites)
        x.problem(
          x.node('cites'),
          `framework.yaml cites "${cites}" for action ${actionId}; a translation repeats the citation unchanged or leaves it out`,
        );
      seenActions.add(actionId);
    }
    if (reference && a.has('actions')) {
      const missing = [...reference.actions.keys()].filter((x) => !seenActions.has(x));
      if (missing.length)
        a.problem(
          a.at('actions'),
          `missing ${plural(missing.length, 'action')} ${missing.join(', ')} of framework.yaml`,
        );
    }
  }
  if (top.has('areas')) {
    const missing = [...en.areas.keys()].filter((x) => !seenAreas.has(x));
    if (missing.length)
      top.problem(top.at('areas'), `missing ${plural(missing.length, 'area')} ${missing.join(', ')} of framework.yaml`);
  }
}

/**
 * The actions of an area (an item that is no mapping is reported by the area's schema). In
 * `{ id: "1.1", text: Read, write and count }` YAML ends the text at the comma and reads the rest as a field with no
 * value: said as such, rather than as an unknown field.
 */
function actionList(area: Fields, schema: TObject): Fields[] {
  const fields = Object.keys(schema.properties);
  return (area.list('actions') ?? []).flatMap((item, index) => {
    if (!isMap(item)) return [];
    const context = `action ${scalarValue(item.get('id', true)) ?? index + 1}`;
    const cut = item.items.filter(
      (pair) =>
        isScalar(pair.key) &&
        !fields.includes(String(pair.key.value)) &&
        (pair.value === null || (isScalar(pair.value) && pair.value.value === null)),
    );
    for (const pair of cut)
      area.src.problem(
        pair,
        `${context}: a text is cut at a comma ("${String((pair.key as Node & { value: unknown }).value)}" was read as a field): put the whole text in double quotes`,
      );
    return [
      new Fields(
        area.src,
        item,
        schema,
        context,
        cut.map((pair) => String((pair.key as Node & { value: unknown }).value)),
      ),
    ];
  });
}

function scalarValue(node: unknown): unknown {
  return node && typeof node === 'object' && 'value' in node ? (node as Node & { value: unknown }).value : undefined;
}

function plural(count: number, one: string): string {
  return count === 1 ? one : `${one}s`;
}
