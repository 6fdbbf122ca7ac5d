// The action plan's sections (content/plan/sections.yaml): one per module's workshop activity, each with its fields
// (kind, length limit, label, hint, example). Translations (sections.<locale>.yaml) give the same ids with other texts.
// `checkPlanSections` is what `npm run content:check` runs; the server reads the same files through `planSections`.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { CONTENT_DIR } from '../catalog/content-boot.ts';

export type FieldKind = 'line' | 'text' | 'list';
export type PlanField = {
  id: string;
  kind: FieldKind;
  maxLength: number;
  document?: 'priorities' | 'timeline';
  label: string;
  hint: string;
  example: string;
};
export type PlanSection = { id: string; activities: string[]; title: string; intro: string; fields: PlanField[] };
export type PlanSections = { lang: string; sections: PlanSection[] };
export type PlanProblem = { file: string; line: number; message: string };

const KINDS = new Set(['line', 'text', 'list']);
const DOCUMENT_ROLES = new Set(['priorities', 'timeline']);
const ID = /^[a-z][a-z0-9_]{0,39}$/;
const TEXTS = ['title', 'intro'] as const;
const FIELD_TEXTS = ['label', 'hint', 'example'] as const;
export const MAX_FIELD_LENGTH = 5000;

type Located<T> = { value: T; line: (keyPath: (string | number)[]) => number };

function readYaml(file: string): Located<unknown> {
  const counter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: counter });
  if (doc.errors.length)
    throw Object.assign(new Error(doc.errors[0].message), { line: counter.linePos(doc.errors[0].pos[0]).line });
  return {
    value: doc.toJS(),
    line: (keyPath) => {
      for (let n = keyPath.length; n >= 0; n--) {
        const node = doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
      }
      return 1;
    },
  };
}

/** The activity ids of content/modules/<NN>/activity.md (front matter `id:`). */
function activityIds(dir: string): Set<string> {
  const ids = new Set<string>();
  const modules = path.join(dir, 'modules');
  if (!fs.existsSync(modules)) return ids;
  for (const m of fs.readdirSync(modules)) {
    const file = path.join(modules, m, 'activity.md');
    if (!fs.existsSync(file)) continue;
    const id = /^id:\s*"?([\w-]+)"?\s*$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Checks the English source and every translation beside it; returns the sections when there is no problem. */
export function checkPlanSections(contentDir: string): { problems: PlanProblem[]; sections?: PlanSection[] } {
  const dir = path.join(contentDir, 'plan');
  const file = path.join(dir, 'sections.yaml');
  const rel = (f: string) => path.relative(contentDir, f) || f;
  const problems: PlanProblem[] = [];
  // A course without an action plan (a small test course) is fine; the server refuses plan requests for it.
  if (!fs.existsSync(file)) return { problems: [] };
  let src: Located<unknown>;
  try {
    src = readYaml(file);
  } catch (err) {
    return {
      problems: [
        {
          file: rel(file),
          line: (err as { line?: number }).line ?? 1,
          message: `not valid YAML: ${(err as Error).message}`,
        },
      ],
    };
  }
  const raw = (src.value as { sections?: unknown })?.sections;
  const at = (keyPath: (string | number)[], message: string) =>
    problems.push({ file: rel(file), line: src.line(keyPath), message });
  if (!Array.isArray(raw) || !raw.length) {
    at([], '`sections` must be a non-empty list');
    return { problems };
  }
  const activities = activityIds(contentDir);
  const seen = new Set<string>();
  raw.forEach((s: Record<string, unknown>, i) => {
    const p = ['sections', i];
    if (typeof s?.id !== 'string' || !ID.test(s.id))
      at([...p, 'id'], `section ${i + 1}: id must be lower case letters, digits and _ (got ${JSON.stringify(s?.id)})`);
    else if (seen.has(s.id)) at([...p, 'id'], `section id "${s.id}" is used twice`);
    else seen.add(s.id);
    for (const k of TEXTS) if (!isText(s?.[k])) at([...p, k], `section ${s?.id}: \`${k}\` is required`);
    if (!Array.isArray(s?.activities) || !s.activities.length)
      at([...p, 'activities'], `section ${s?.id}: \`activities\` must list the workshop activities it comes from`);
    else
      for (const a of s.activities)
        if (!activities.has(a)) at([...p, 'activities'], `section ${s?.id}: no module has the activity "${a}"`);
    const fields = s?.fields;
    if (!Array.isArray(fields) || !fields.length)
      return at([...p, 'fields'], `section ${s?.id}: \`fields\` must be a non-empty list`);
    const fieldIds = new Set<string>();
    fields.forEach((f: Record<string, unknown>, j) => {
      const fp = [...p, 'fields', j];
      if (typeof f?.id !== 'string' || !ID.test(f.id))
        at([...fp, 'id'], `section ${s.id}, field ${j + 1}: id must be lower case letters, digits and _`);
      else if (fieldIds.has(f.id)) at([...fp, 'id'], `section ${s.id}: field id "${f.id}" is used twice`);
      else fieldIds.add(f.id);
      if (!KINDS.has(f?.kind as string)) at([...fp, 'kind'], `field ${s.id}.${f?.id}: kind must be line, text or list`);
      if (!Number.isInteger(f?.maxLength) || (f.maxLength as number) < 20 || (f.maxLength as number) > MAX_FIELD_LENGTH)
        at(
          [...fp, 'maxLength'],
          `field ${s.id}.${f?.id}: maxLength must be a whole number from 20 to ${MAX_FIELD_LENGTH}`,
        );
      if (f?.document !== undefined && !DOCUMENT_ROLES.has(f.document as string))
        at([...fp, 'document'], `field ${s.id}.${f?.id}: document must be priorities or timeline`);
      for (const k of FIELD_TEXTS) if (!isText(f?.[k])) at([...fp, k], `field ${s.id}.${f?.id}: \`${k}\` is required`);
      if (
        typeof f?.example === 'string' &&
        Number.isInteger(f?.maxLength) &&
        f.example.length > (f.maxLength as number)
      )
        at([...fp, 'example'], `field ${s.id}.${f?.id}: the example is longer than maxLength`);
      if (f?.kind === 'line' && typeof f?.example === 'string' && f.example.includes('\n'))
        at([...fp, 'example'], `field ${s.id}.${f?.id}: a one-line field's example has a line break`);
    });
  });
  if (problems.length) return { problems };
  const sections = raw as PlanSection[];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = /^sections\.([a-z]{2,3}(?:-[A-Z]{2})?)\.yaml$/.exec(name);
    if (m) problems.push(...checkTranslation(path.join(dir, name), sections, rel));
  }
  return problems.length ? { problems } : { problems, sections };
}

function checkTranslation(file: string, source: PlanSection[], rel: (f: string) => string): PlanProblem[] {
  const problems: PlanProblem[] = [];
  let tr: Located<unknown>;
  try {
    tr = readYaml(file);
  } catch (err) {
    return [
      {
        file: rel(file),
        line: (err as { line?: number }).line ?? 1,
        message: `not valid YAML: ${(err as Error).message}`,
      },
    ];
  }
  const at = (keyPath: (string | number)[], message: string) =>
    problems.push({ file: rel(file), line: tr.line(keyPath), message });
  const raw = ((tr.value as { sections?: unknown })?.sections ?? []) as Record<string, unknown>[];
  if (!Array.isArray(raw)) return [{ file: rel(file), line: 1, message: '`sections` must be a list' }];
  const byId = new Map(raw.map((s, i) => [s?.id, { s, i }]));
  for (const s of source) {
    const found = byId.get(s.id);
    if (!found) {
      at(['sections'], `section "${s.id}" is missing (a translation has every section and field)`);
      continue;
    }
    const p = ['sections', found.i];
    for (const k of TEXTS) if (!isText(found.s[k])) at(p, `section ${s.id}: \`${k}\` is not translated`);
    const fields = (Array.isArray(found.s.fields) ? found.s.fields : []) as Record<string, unknown>[];
    const fieldById = new Map(fields.map((f, j) => [f?.id, { f, j }]));
    for (const f of s.fields) {
      const ff = fieldById.get(f.id);
      if (!ff) {
        at([...p, 'fields'], `field ${s.id}.${f.id} is missing`);
        continue;
      }
      for (const k of FIELD_TEXTS)
        if (!isText(ff.f[k])) at([...p, 'fields', ff.j], `field ${s.id}.${f.id}: \`${k}\` is not translated`);
      if (typeof ff.f.example === 'string' && ff.f.example.length > f.maxLength)
        at(
          [...p, 'fields', ff.j, 'example'],
          `field ${s.id}.${f.id}: the example is longer than maxLength (${f.maxLength})`,
        );
      for (const k of ['kind', 'maxLength', 'document', 'activities'])
        if (k in ff.f)
          at([...p, 'fields', ff.j, k], `field ${s.id}.${f.id}: \`${k}\` belongs in the English source only`);
    }
    for (const [id, { j }] of fieldById)
      if (!s.fields.some((f) => f.id === id))
        at([...p, 'fields', j], `field ${s.id}.${id} is not in the English source`);
  }
  for (const [id, { i }] of byId)
    if (!source.some((s) => s.id === id)) at(['sections', i], `section "${id}" is not in the English source`);
  return problems;
}

// ---- Read by the server: checked once, at first use ----

const DIR = path.join(CONTENT_DIR, 'plan');
let english: PlanSection[] | undefined;
const localised = new Map<string, PlanSections>();

export function planSections(): PlanSection[] {
  if (!english) {
    const { problems, sections } = checkPlanSections(CONTENT_DIR);
    if (!sections)
      throw new Error(
        problems.length
          ? `content/plan: ${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`
          : 'content/plan/sections.yaml is missing',
      );
    english = sections;
  }
  return english;
}

/** The sections in a language, English where there is no translation (lang says which). */
export function planSectionsIn(locale: string): PlanSections {
  const en = planSections();
  const file = path.join(DIR, `sections.${locale}.yaml`);
  if (locale === 'en' || !fs.existsSync(file)) return { lang: 'en', sections: en };
  let found = localised.get(locale);
  if (!found) {
    const raw = (
      readYaml(file).value as {
        sections: {
          id: string;
          title: string;
          intro: string;
          fields: { id: string; label: string; hint: string; example: string }[];
        }[];
      }
    ).sections;
    const byId = new Map(raw.map((s) => [s.id, s]));
    found = {
      lang: locale,
      sections: en.map((s) => {
        const t = byId.get(s.id)!;
        const fields = new Map(t.fields.map((f) => [f.id, f]));
        return {
          ...s,
          title: t.title,
          intro: t.intro,
          fields: s.fields.map((f) => ({
            ...f,
            label: fields.get(f.id)!.label,
            hint: fields.get(f.id)!.hint,
            example: fields.get(f.id)!.example,
          })),
        };
      }),
    };
    localised.set(locale, found);
  }
  return found;
}

export function findField(sectionId: string, fieldId: string): { section: PlanSection; field: PlanField } | undefined {
  const section = planSections().find((s) => s.id === sectionId);
  const field = section?.fields.find((f) => f.id === fieldId);
  return section && field ? { section, field } : undefined;
}
