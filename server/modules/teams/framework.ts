// The self-assessment framework (content/self-assessment/framework.yaml): the Beijing Declaration's 12 areas and
// 50 actions in our own words, grouped as the Key Features group them. Read and checked once, at first use.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONTENT_DIR } from '../catalog/content-boot.ts';

export type GroupId = 'benefits' | 'building_blocks' | 'conditions';
export type FrameworkAction = { id: string; cites: string; text: string };
export type FrameworkArea = { id: number; title: string; group: GroupId; actions: FrameworkAction[] };
export type FrameworkGroup = { id: GroupId; title: string; cites: string; areas: number[] };
export type Framework = {
  source: string;
  groups: FrameworkGroup[];
  areas: FrameworkArea[];
  actionIds: ReadonlySet<string>;
};

export const RATINGS = [0, 1, 2, 3, 4] as const;
export const RATING_KEYS = ['not_started', 'planned', 'started', 'established', 'embedded'] as const;

type RawFramework = {
  source: string;
  groups: FrameworkGroup[];
  areas: { id: number; title: string; actions: FrameworkAction[] }[];
};

/**
 * An action written `{ id: "1.1", text: Read, write and count }` loses its text after the first comma
 * (YAML reads "write and count" as another key): refuse any key beyond the ones an action has.
 */
function checkActionKeys(file: string, areas: { actions: object[] }[], allowed: readonly string[]) {
  for (const action of areas.flatMap((a) => a.actions)) {
    const extra = Object.keys(action).filter((key) => !allowed.includes(key));
    if (extra.length)
      throw new Error(
        `${file}: action ${(action as { id?: string }).id} has unexpected keys (${extra.join(', ')}): put its text in double quotes`,
      );
  }
}

export function readFramework(file: string): Framework {
  const raw = parse(fs.readFileSync(file, 'utf8')) as RawFramework;
  checkActionKeys(file, raw.areas, ['id', 'cites', 'text']);
  const groupOf = new Map<number, GroupId>();
  for (const g of raw.groups) for (const a of g.areas) groupOf.set(a, g.id);
  const areas = raw.areas.map((a) => {
    const group = groupOf.get(a.id);
    if (!group) throw new Error(`${file}: area ${a.id} is in no group`);
    for (const action of a.actions)
      if (!action.id.startsWith(`${a.id}.`))
        throw new Error(`${file}: action ${action.id} is not numbered under area ${a.id}`);
    return { id: a.id, title: a.title, group, actions: a.actions };
  });
  const actionIds = new Set(areas.flatMap((a) => a.actions.map((x) => x.id)));
  if (actionIds.size !== areas.reduce((n, a) => n + a.actions.length, 0))
    throw new Error(`${file}: an action id is used twice`);
  return { source: raw.source, groups: raw.groups, areas, actionIds };
}

const DIR = path.join(CONTENT_DIR, 'self-assessment');
let cached: Framework | undefined;
export const framework = (): Framework => (cached ??= readFramework(path.join(DIR, 'framework.yaml')));

type RawTranslation = {
  groups?: { id?: unknown; title?: unknown }[];
  areas?: { id?: unknown; title?: unknown; actions?: { id?: unknown; text?: unknown }[] }[];
} | null;
/** `lang` on a group, area or action: the language of its text where it differs from the framework's (English, as a fallback). */
type Lang = { lang?: string };
export type LocalisedFramework = {
  lang: string;
  source: string;
  groups: (FrameworkGroup & Lang)[];
  areas: (FrameworkArea & Lang & { actions: (FrameworkAction & Lang)[] })[];
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * The framework in a language: `framework.<locale>.yaml` beside the English gives the same ids with other texts.
 * Item by item, a text the translation lacks comes in English, marked `lang: 'en'` so a page can mark it (content:check
 * refuses such a file; this keeps a page whole if one ships anyway). Without a translation the English comes back
 * with lang 'en'.
 */
export function readTranslation(locale: string, dir = DIR): LocalisedFramework {
  const en = framework();
  const file = path.join(dir, `framework.${locale}.yaml`);
  if (locale === 'en' || !fs.existsSync(file))
    return { lang: 'en', source: en.source, groups: en.groups, areas: en.areas };
  const raw = parse(fs.readFileSync(file, 'utf8')) as RawTranslation;
  const groupTitle = new Map((raw?.groups ?? []).map((g) => [g?.id, text(g?.title)]));
  const areaTitle = new Map((raw?.areas ?? []).map((a) => [a?.id, text(a?.title)]));
  const actionText = new Map(
    (raw?.areas ?? []).flatMap((a) => (a?.actions ?? []).map((x) => [x?.id, text(x?.text)] as const)),
  );
  const localised = <T extends { title?: string; text?: string }>(
    item: T,
    key: 'title' | 'text',
    value: string | undefined,
  ): T & Lang => (value ? { ...item, [key]: value } : { ...item, lang: 'en' });
  return {
    lang: locale,
    source: en.source,
    groups: en.groups.map((g) => localised(g, 'title', groupTitle.get(g.id))),
    areas: en.areas.map((a) => ({
      ...localised(a, 'title', areaTitle.get(a.id)),
      actions: a.actions.map((x) => localised(x, 'text', actionText.get(x.id))),
    })),
  };
}

const translations = new Map<string, LocalisedFramework>();
export const frameworkIn = (locale: string): LocalisedFramework => {
  let found = translations.get(locale);
  if (!found) translations.set(locale, (found = readTranslation(locale)));
  return found;
};

/** Average rating per area over the actions rated so far (null when none is), rounded to one decimal. */
export function areaAverages(
  fw: Framework,
  ratings: ReadonlyMap<string, number | null>,
): { areaId: number; average: number | null; rated: number; actions: number }[] {
  return fw.areas.map((area) => {
    const values = area.actions.map((a) => ratings.get(a.id)).filter((r): r is number => typeof r === 'number');
    const average = values.length ? Math.round((values.reduce((s, r) => s + r, 0) / values.length) * 10) / 10 : null;
    return { areaId: area.id, average, rated: values.length, actions: area.actions.length };
  });
}
