// Readers for the course, module, lesson and activity files: each checks one file's own rules
// (content/README.md) and, for a translation, what it must share with its English source.
import { Type, type TObject, type TProperties } from 'typebox';
import type { YAMLMap } from 'yaml';
import type { Source } from './content-types.ts';
import { Fields, Mapping, splitFrontMatter, Text, YamlSource, type ProblemLog } from './content-yaml.ts';
import { countWords, markdownProblems } from './markdown.ts';
import { cityExampleProblems } from './content-lint-lessons.ts';
import { activityTimingProblems } from './content-lint-activities.ts';
import { ChecklistYaml, readChecklist, type ChecklistEntry } from './content-guidelines.ts';

export const SOURCE_LOCALE = 'en';
const LESSON_WORDS = { min: 400, max: 900 };
const ACTIVITY_MINUTES = { min: 20, max: 40 };

/** The object with every field defined, or null when a field failed (its problem is already logged). */
export function complete<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]: Exclude<T[K], undefined> } | null {
  return Object.values(fields).every((value) => value !== undefined)
    ? (fields as { [K in keyof T]: Exclude<T[K], undefined> })
    : null;
}

function show(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/** A translation repeats `key` unchanged. */
export function sameAsSource(f: Fields, key: string, value: unknown, source: unknown, label = `"${key}"`): void {
  if (value === undefined || source === undefined) return;
  if (JSON.stringify(value) !== JSON.stringify(source)) {
    f.problem(f.at(key), `${label} must be the same as in the English source (${show(source)}), found ${show(value)}`);
  }
}

/** A translation has as many items in `key` as its source. */
export function sameCount(f: Fields, key: string, value: unknown[] | undefined, source: unknown[] | undefined): void {
  if (!value || !source || value.length === source.length) return;
  f.problem(
    f.at(key),
    `"${key}" must have the same number of items as the English source (${source.length}), found ${value.length}`,
  );
}

/**
 * Every file may carry `translation: reviewed` (translations only; checked by the loader): a
 * reviewer has read the translation. Absent, the translation is machine-assisted, not yet reviewed.
 */
export const TRANSLATION_STATE_FIELD = 'translation';

/** The schema of a whole file: these fields, and the translation state. */
export const FileMapping = <P extends TProperties>(properties: P) =>
  Mapping({ ...properties, [TRANSLATION_STATE_FIELD]: Type.Optional(Text) });

export function rootFields(src: YamlSource, schema: TObject): Fields | null {
  return src.root ? new Fields(src, src.root, schema) : null;
}

/** True when the file says `translation: reviewed`; reports a misplaced or unknown value. */
export function reviewedState(f: Fields, locale: string): boolean {
  if (!f.has(TRANSLATION_STATE_FIELD)) return false;
  if (locale === SOURCE_LOCALE) {
    f.problem(
      f.at(TRANSLATION_STATE_FIELD),
      `"${TRANSLATION_STATE_FIELD}" belongs in translations only, not in the English source`,
    );
    return false;
  }
  const value = f.string(TRANSLATION_STATE_FIELD);
  if (value !== undefined && value !== 'reviewed') {
    f.problem(
      f.at(TRANSLATION_STATE_FIELD),
      `"${TRANSLATION_STATE_FIELD}" must be "reviewed" (leave it out while the translation is not reviewed), found "${value}"`,
    );
  }
  return value === 'reviewed';
}

// ---- course.yaml ------------------------------------------------------------------------

export type CourseFile = {
  f: Fields;
  id: string;
  title: string;
  summary: string;
  audience: string;
  hours: number;
  modules: string[];
};

const CourseYaml = FileMapping({
  id: Text,
  title: Text,
  summary: Text,
  audience: Text,
  hours: Type.Number({ minimum: 0.5 }),
  modules: Type.Array(Text, { minItems: 1 }),
});

export function readCourse(src: YamlSource, source?: CourseFile | null): CourseFile | null {
  const f = rootFields(src, CourseYaml);
  if (!f) return null;
  const course = complete({
    f,
    id: f.string('id'),
    title: f.string('title'),
    summary: f.string('summary'),
    audience: f.string('audience'),
    hours: f.number('hours'),
    modules: uniqueIds(f, 'modules', f.stringList('modules'), 'module'),
  });
  if (course && source) {
    sameAsSource(f, 'id', course.id, source.id);
    sameAsSource(f, 'hours', course.hours, source.hours);
    sameAsSource(f, 'modules', course.modules, source.modules);
  }
  return course;
}

function uniqueIds(f: Fields, key: string, ids: string[] | undefined, what: string): string[] | undefined {
  if (!ids) return undefined;
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) f.src.problemAtLine(f.itemLine(key, index), `${what} "${id}" is listed twice`);
    seen.add(id);
  });
  return ids;
}

// ---- module.yaml ------------------------------------------------------------------------

export type ModuleFile = {
  f: Fields;
  id: string;
  number: number;
  kind: 'core' | 'thematic';
  title: string;
  summary: string;
  objectives: string[];
  lessons: string[];
  /** Absent in a module that is not a key area's, or whose area has no recorded point yet. */
  checklist?: ChecklistEntry[];
};

const ModuleYaml = FileMapping({
  id: Text,
  number: Type.Integer({ minimum: 1 }),
  kind: Text,
  title: Text,
  summary: Text,
  objectives: Type.Array(Text, { minItems: 3, maxItems: 5 }),
  lessons: Type.Array(Text, { minItems: 1 }),
  // Checked item by item against the Guidelines record by readChecklist (content-guidelines.ts).
  checklist: Type.Optional(ChecklistYaml),
});

/** `folder` is the module folder's name, "NN-slug". */
export function readModule(
  src: YamlSource,
  folder: { number: number; slug: string },
  source?: ModuleFile | null,
): ModuleFile | null {
  const f = rootFields(src, ModuleYaml);
  if (!f) return null;
  const id = f.string('id');
  // The Guidelines' action points of the module's key area (content-guidelines.ts checks them against the record).
  const checklist = readChecklist(f, { translation: source !== undefined });
  if (id !== undefined && id !== folder.slug && !id.endsWith(`-${folder.slug}`)) {
    f.problem(
      f.at('id'),
      `"id" must match the folder's slug "${folder.slug}" (e.g. "${folder.slug}" or "m${folder.number}-${folder.slug}")`,
    );
  }
  const number = f.number('number');
  if (number !== undefined && number !== folder.number) {
    f.problem(f.at('number'), `"number" must match the folder number (${folder.number}), found ${number}`);
  }
  const kind = f.string('kind');
  if (kind !== undefined && kind !== 'core' && kind !== 'thematic') {
    f.problem(f.at('kind'), `"kind" must be core or thematic, found "${kind}"`);
  }
  const module = complete({
    f,
    id,
    number,
    kind: kind === 'core' || kind === 'thematic' ? (kind as ModuleFile['kind']) : undefined,
    title: f.string('title'),
    summary: f.string('summary'),
    objectives: f.stringList('objectives'),
    lessons: uniqueIds(f, 'lessons', f.stringList('lessons'), 'lesson'),
  });
  if (module && source) {
    for (const key of ['id', 'number', 'kind', 'lessons'] as const) sameAsSource(f, key, module[key], source[key]);
    sameCount(f, 'objectives', module.objectives, source.objectives);
  }
  return module && { ...module, checklist };
}

// ---- Markdown files with front matter ------------------------------------------------------

export type MarkdownFile = { front: YamlSource; body: string; bodyFirstLine: number };

export function readMarkdownFile(file: string, text: string, log: ProblemLog): MarkdownFile | null {
  const parts = splitFrontMatter(text);
  if (!parts) {
    log.add(file, 1, 'missing YAML front matter: the file must start with a "---" line and a closing "---" line');
    return null;
  }
  for (const problem of markdownProblems(parts.body)) {
    log.add(file, problem.line + parts.bodyFirstLine - 1, problem.message);
  }
  return {
    front: new YamlSource(file, parts.yaml, log, parts.yamlFirstLine),
    body: parts.body,
    bodyFirstLine: parts.bodyFirstLine,
  };
}

// ---- lessons/<id>.md -----------------------------------------------------------------------

export type LessonFile = {
  f: Fields;
  id: string;
  title: string;
  minutes: number;
  sources: Source[];
  keyPoints: string[];
  body: string;
};

const SourceYaml = Mapping({ title: Text, url: Text });
const LessonYaml = FileMapping({
  id: Text,
  title: Text,
  minutes: Type.Integer({ minimum: 1 }),
  sources: Type.Array(SourceYaml, { minItems: 1 }),
  keyPoints: Type.Array(Text, { minItems: 3, maxItems: 5 }),
});

export function readLesson(
  md: MarkdownFile,
  fileId: string,
  locale: string,
  source?: LessonFile | null,
): LessonFile | null {
  const f = rootFields(md.front, LessonYaml);
  if (!f) return null;
  const id = f.string('id');
  if (id !== undefined && id !== fileId) {
    f.problem(f.at('id'), `"id" must equal the file name "${fileId}", found "${id}"`);
  }
  if (locale === SOURCE_LOCALE) {
    const words = countWords(md.body, locale);
    if (words < LESSON_WORDS.min || words > LESSON_WORDS.max) {
      md.front.problemAtLine(
        md.bodyFirstLine,
        `the lesson body has ${words} words; write ${LESSON_WORDS.min} to ${LESSON_WORDS.max}`,
      );
    }
  }
  const lesson = complete({
    f,
    id: id === fileId ? id : undefined,
    title: f.string('title'),
    minutes: f.number('minutes'),
    sources: readSources(f),
    keyPoints: f.stringList('keyPoints'),
    body: md.body,
  });
  if (lesson) {
    for (const problem of cityExampleProblems(
      md.body,
      locale,
      lesson.sources.map((s) => s.url),
    )) {
      md.front.problemAtLine(problem.line + md.bodyFirstLine - 1, problem.message);
    }
  }
  if (lesson && source) {
    sameAsSource(f, 'minutes', lesson.minutes, source.minutes);
    const urls = lesson.sources.map((s) => s.url);
    sameAsSource(
      f,
      'sources',
      urls,
      source.sources.map((s) => s.url),
      'the source urls',
    );
    sameCount(f, 'keyPoints', lesson.keyPoints, source.keyPoints);
  }
  return lesson;
}

function readSources(f: Fields): Source[] | undefined {
  const items = f.mapList('sources', (_item: YAMLMap, index) => `source ${index + 1}`);
  if (!items) return undefined;
  const sources = items.map((item) => {
    const url = item.string('url');
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url))
      item.problem(item.at('url'), `"url" must be a web address starting with http:// or https://`);
    return complete({ title: item.string('title'), url });
  });
  return sources.every((s) => s !== null) && sources.length === items.length ? (sources as Source[]) : undefined;
}

// ---- activity.md -----------------------------------------------------------------------------

export type ActivityFile = {
  f: Fields;
  id: string;
  title: string;
  minutes: number;
  groupSize: string;
  materials: string[];
  outputs: string[];
  body: string;
};

const ActivityYaml = FileMapping({
  id: Text,
  title: Text,
  minutes: Type.Integer({ minimum: ACTIVITY_MINUTES.min, maximum: ACTIVITY_MINUTES.max }),
  groupSize: Text,
  materials: Type.Array(Text, { minItems: 1 }),
  outputs: Type.Array(Text, { minItems: 1 }),
});

export function readActivity(md: MarkdownFile, source?: ActivityFile | null): ActivityFile | null {
  const f = rootFields(md.front, ActivityYaml);
  if (!f) return null;
  const activity = complete({
    f,
    id: f.string('id'),
    title: f.string('title'),
    minutes: f.number('minutes'),
    groupSize: f.string('groupSize'),
    materials: f.stringList('materials'),
    outputs: f.stringList('outputs'),
    body: md.body,
  });
  if (activity) {
    for (const problem of activityTimingProblems(md.body, activity.minutes)) {
      md.front.problemAtLine(problem.line + md.bodyFirstLine - 1, problem.message);
    }
  }
  if (activity && source) {
    sameAsSource(f, 'id', activity.id, source.id);
    sameAsSource(f, 'minutes', activity.minutes, source.minutes);
    sameCount(f, 'materials', activity.materials, source.materials);
    sameCount(f, 'outputs', activity.outputs, source.outputs);
  }
  return activity;
}
