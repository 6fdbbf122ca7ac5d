// Storyboard YAML: parse, validate, merge a translation onto its English source, and hash.
// Format: content/README.md ("storyboard.yaml"). A translation repeats ids, layout, icon and the
// number of bullets; a missing translated field falls back to English, item by item.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SCENE_ICONS, SCENE_LAYOUTS } from '../../catalog/scene-vocabulary.ts';

export const LAYOUTS = SCENE_LAYOUTS;
export type Layout = (typeof LAYOUTS)[number];

export const ICONS = SCENE_ICONS;
export type IconName = (typeof ICONS)[number];

export type Scene = {
  id: string;
  layout: Layout;
  icon: IconName;
  heading: string;
  bullets: string[];
  narration: string;
  /** Locale the narration text is in (differs from the storyboard's locale when a scene fell back to English). */
  narrationLocale: string;
};

export type Storyboard = {
  id: string;
  title: string;
  locale: string;
  scenes: Scene[];
};

/** Raw scene as written in YAML (translations may omit fields). */
type RawScene = Partial<Record<'id' | 'layout' | 'icon' | 'heading' | 'narration', unknown>> & { bullets?: unknown };

export class StoryboardError extends Error {
  constructor(public problems: string[]) {
    super(`invalid storyboard:\n  ${problems.join('\n  ')}`);
    this.name = 'StoryboardError';
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Validate a parsed storyboard object (English source or a full storyboard object given in code).
 * Returns problems as "where: message" strings; empty when valid.
 */
export function storyboardProblems(doc: unknown, where = 'storyboard'): string[] {
  const p: string[] = [];
  if (!doc || typeof doc !== 'object') return [`${where}: not a mapping`];
  const d = doc as Record<string, unknown>;
  if (!isStr(d.id) || !/^[a-z0-9][a-z0-9-]*$/.test(d.id)) p.push(`${where}: id must be a lowercase slug`);
  if (!isStr(d.title)) p.push(`${where}: title is required`);
  if (!Array.isArray(d.scenes) || d.scenes.length === 0) {
    p.push(`${where}: scenes must be a non-empty list`);
    return p;
  }
  const ids = new Set<string>();
  d.scenes.forEach((raw: RawScene, i: number) => {
    const w = `${where}: scenes[${i}]`;
    if (!raw || typeof raw !== 'object') return p.push(`${w}: not a mapping`);
    if (!isStr(raw.id)) p.push(`${w}: id is required`);
    else if (ids.has(raw.id)) p.push(`${w}: duplicate scene id ${raw.id}`);
    else ids.add(raw.id);
    if (!LAYOUTS.includes(raw.layout as Layout)) p.push(`${w}: layout must be one of ${LAYOUTS.join(', ')}`);
    if (!ICONS.includes(raw.icon as IconName)) p.push(`${w}: icon must be one of ${ICONS.join(', ')}`);
    if (!isStr(raw.heading)) p.push(`${w}: heading is required`);
    if (!isStr(raw.narration)) p.push(`${w}: narration is required`);
    const bullets = raw.bullets ?? [];
    if (!Array.isArray(bullets) || !bullets.every(isStr)) p.push(`${w}: bullets must be a list of strings`);
    else if (raw.layout === 'bullets' && (bullets.length < 1 || bullets.length > 6))
      p.push(`${w}: a bullets scene needs 1-6 bullets`);
    else if (raw.layout !== 'bullets' && bullets.length > 0) p.push(`${w}: only layout "bullets" shows bullets`);
    return undefined;
  });
  return p;
}

/** Problems of a translation against its source: same ids, layouts, icons and bullet counts. */
export function translationProblems(source: any, tr: unknown, where: string): string[] {
  const p: string[] = [];
  if (!tr || typeof tr !== 'object') return [`${where}: not a mapping`];
  const t = tr as Record<string, unknown>;
  if (t.id !== undefined && t.id !== source.id) p.push(`${where}: id ${String(t.id)} differs from ${source.id}`);
  if (t.title !== undefined && !isStr(t.title)) p.push(`${where}: title must be text`);
  if (t.scenes === undefined) return p;
  if (!Array.isArray(t.scenes)) return [...p, `${where}: scenes must be a list`];
  const srcById = new Map<string, RawScene>(source.scenes.map((s: RawScene) => [s.id, s]));
  t.scenes.forEach((raw: RawScene, i: number) => {
    const w = `${where}: scenes[${i}]`;
    const src = raw && srcById.get(raw.id as string);
    if (!src) return p.push(`${w}: scene id ${String(raw?.id)} is not in the source`);
    if (raw.layout !== undefined && raw.layout !== src.layout) p.push(`${w}: layout differs from the source`);
    if (raw.icon !== undefined && raw.icon !== src.icon) p.push(`${w}: icon differs from the source`);
    for (const k of ['heading', 'narration'] as const)
      if (raw[k] !== undefined && !isStr(raw[k])) p.push(`${w}: ${k} must be text`);
    if (raw.bullets !== undefined) {
      const sb = (src.bullets as unknown[] | undefined) ?? [];
      if (!Array.isArray(raw.bullets) || !raw.bullets.every(isStr)) p.push(`${w}: bullets must be a list of strings`);
      else if (raw.bullets.length !== sb.length)
        p.push(`${w}: ${raw.bullets.length} bullets, the source has ${sb.length}`);
    }
    return undefined;
  });
  return p;
}

/** Merge a (validated) source with an optional translation into the storyboard for one locale. */
export function mergeStoryboard(
  source: any,
  translation: any | undefined,
  locale: string,
  sourceLocale = 'en',
): Storyboard {
  const trById = new Map<string, RawScene>((translation?.scenes ?? []).map((s: RawScene) => [s.id, s]));
  return {
    id: source.id,
    title: clean(isStr(translation?.title) ? translation.title : source.title),
    locale,
    scenes: source.scenes.map((s: RawScene): Scene => {
      const t = trById.get(s.id as string);
      const trNarr = t && isStr(t.narration);
      return {
        id: s.id as string,
        layout: s.layout as Layout,
        icon: s.icon as IconName,
        heading: clean(t && isStr(t.heading) ? t.heading : (s.heading as string)),
        bullets: (((t && Array.isArray(t.bullets) ? t.bullets : s.bullets) as string[] | undefined) ?? []).map(clean),
        narration: clean(trNarr ? (t!.narration as string) : (s.narration as string)),
        narrationLocale: trNarr ? locale : sourceLocale,
      };
    }),
  };
}

/** A storyboard for one locale, with the bytes it was built from (for the cache hash). */
export type LoadedStoryboard = {
  storyboard: Storyboard;
  /** The English source storyboard (used for narration when a locale has no voice). */
  source: Storyboard;
  /** sha256 of the source and translation bytes. */
  contentHash: string;
  files: string[];
};

export function parseYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new StoryboardError(doc.errors.map((e) => `${file}: ${e.message}`));
  return doc.toJS();
}

/** Load `storyboard.yaml` (+ `storyboard.<locale>.yaml` if present) from a module folder. */
export function loadStoryboard(dir: string, locale: string): LoadedStoryboard {
  const srcFile = path.join(dir, 'storyboard.yaml');
  const srcText = fs.readFileSync(srcFile, 'utf8');
  const source = parseYaml(srcText, srcFile);
  const problems = storyboardProblems(source, srcFile);
  const files = [srcFile];
  const hash = crypto.createHash('sha256').update('storyboard.yaml\0').update(srcText);
  let translation: unknown;
  if (locale !== 'en') {
    const trFile = path.join(dir, `storyboard.${locale}.yaml`);
    if (fs.existsSync(trFile)) {
      const trText = fs.readFileSync(trFile, 'utf8');
      translation = parseYaml(trText, trFile);
      if (!problems.length) problems.push(...translationProblems(source, translation, trFile));
      files.push(trFile);
      hash.update(`\0storyboard.${locale}.yaml\0`).update(trText);
    }
  }
  if (problems.length) throw new StoryboardError(problems);
  return {
    storyboard: mergeStoryboard(source, translation, locale),
    source: mergeStoryboard(source, undefined, 'en'),
    contentHash: hash.digest('hex'),
    files,
  };
}

/** Build from an in-memory storyboard object (already in the target locale). */
export function storyboardFromObject(obj: unknown, locale: string, narrationFallback?: unknown): LoadedStoryboard {
  const problems = storyboardProblems(obj, 'storyboard');
  if (narrationFallback !== undefined) problems.push(...storyboardProblems(narrationFallback, 'source storyboard'));
  if (problems.length) throw new StoryboardError(problems);
  const storyboard = mergeStoryboard(obj, undefined, locale, locale);
  const source = narrationFallback ? mergeStoryboard(narrationFallback, undefined, 'en') : storyboard;
  const hash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ obj, narrationFallback: narrationFallback ?? null }))
    .digest('hex');
  return { storyboard, source, contentHash: hash, files: [] };
}
