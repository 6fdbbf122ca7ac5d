// Turns the checked, parsed files into the ContentBundle: every locale side by side, Markdown
// rendered to sanitised HTML. Only called when the content has no problems.
import type {
  ActivityContent,
  ChecklistItem,
  ContentBundle,
  LessonContent,
  Locale,
  Localized,
  ModuleContent,
  ModuleChecklist,
  QuizContent,
  StoryboardContent,
} from './content-types.ts';
import type { QuizFile, StoryboardFile } from './content-quiz.ts';
import {
  SOURCE_LOCALE,
  type ActivityFile,
  type CourseFile,
  type LessonFile,
  type ModuleFile,
} from './content-readers.ts';
import { countWords, renderMarkdown } from './markdown.ts';
import type { Guidelines } from './content-guidelines.ts';

/** A parsed source and its parsed translations (only those that passed their own checks); `reviewed`: the locales whose file says `translation: reviewed`. */
export type Parsed<T> = { en: T; translations: Map<Locale, T>; reviewed: Set<Locale> };
export type ModuleParts = {
  folder: string;
  module: Parsed<ModuleFile>;
  lessons: Parsed<LessonFile>[];
  activity: Parsed<ActivityFile> | null;
  quiz: Parsed<QuizFile> | null;
  storyboard: (Parsed<StoryboardFile> & { hash: string }) | null;
};

export function assembleBundle(
  course: Parsed<CourseFile>,
  parts: ModuleParts[],
  guidelines: Guidelines | null,
  { hash, locales }: { hash: string; locales: Locale[] },
): ContentBundle {
  const order = (id: string) => course.en.modules.indexOf(id);
  const sorted = [...parts].sort((a, b) => order(a.module.en.id) - order(b.module.en.id));
  const modules: ModuleContent[] = [];
  const lessons: LessonContent[] = [];
  const activities: ActivityContent[] = [];
  const quizzes: QuizContent[] = [];
  const storyboards: StoryboardContent[] = [];

  for (const part of sorted) {
    const m = part.module;
    const moduleId = m.en.id;
    modules.push({
      id: moduleId,
      number: m.en.number,
      kind: m.en.kind,
      folder: part.folder,
      title: localized(m, (x) => x.title),
      summary: localized(m, (x) => x.summary),
      objectives: localized(m, (x) => x.objectives),
      lessonIds: m.en.lessons,
      quizId: part.quiz?.en.id ?? null,
      activityId: part.activity?.en.id ?? null,
      tutorialId: part.storyboard?.en.id ?? null,
      checklist: moduleChecklist(m, guidelines),
    });
    part.lessons.forEach((lesson, index) => {
      const rendered = localizedWithLocale(lesson, (x, locale) => renderMarkdown(x.body, locale));
      lessons.push({
        id: lesson.en.id,
        moduleId,
        position: index + 1,
        minutes: lesson.en.minutes,
        sources: lesson.en.sources,
        title: localized(lesson, (x) => x.title),
        keyPoints: localized(lesson, (x) => x.keyPoints),
        html: mapLocalized(rendered, (r) => r.html),
        toc: mapLocalized(rendered, (r) => r.toc),
        words: localizedWithLocale(lesson, (x, locale) => countWords(x.body, locale)),
        reviewedLocales: [...lesson.reviewed].sort(),
      });
    });
    if (part.activity) {
      const a = part.activity;
      activities.push({
        id: a.en.id,
        moduleId,
        minutes: a.en.minutes,
        groupSize: a.en.groupSize,
        title: localized(a, (x) => x.title),
        materials: localized(a, (x) => x.materials),
        outputs: localized(a, (x) => x.outputs),
        html: localized(a, (x) => renderMarkdown(x.body).html),
      });
    }
    if (part.quiz) {
      const q = part.quiz;
      quizzes.push({
        id: q.en.id,
        moduleId,
        passMark: q.en.passMark,
        questionsPerAttempt: q.en.questionsPerAttempt,
        maxAttempts: q.en.maxAttempts,
        questions: q.en.questions.map((question) => ({
          id: question.id,
          type: question.type,
          optionIds: question.options.map((o) => o.id),
          answer: question.answer,
          partialCredit: question.partialCredit,
          text: localized(q, (quiz) => {
            const x = quiz.questions.find((candidate) => candidate.id === question.id) ?? question;
            return { prompt: x.prompt, options: x.options, explanation: x.explanation };
          }),
        })),
      });
    }
    if (part.storyboard) {
      const s = part.storyboard;
      storyboards.push({
        id: s.en.id,
        moduleId,
        title: localized(s, (x) => x.title),
        scenes: s.en.scenes.map((scene) => ({
          id: scene.id,
          layout: scene.layout,
          icon: scene.icon,
          text: localized(s, (storyboard) => {
            const x = storyboard.scenes.find((candidate) => candidate.id === scene.id) ?? scene;
            return { heading: x.heading, bullets: x.bullets, narration: x.narration };
          }),
        })),
        hash: s.hash,
      });
    }
  }

  return {
    hash,
    locales,
    course: {
      id: course.en.id,
      title: localized(course, (x) => x.title),
      summary: localized(course, (x) => x.summary),
      audience: localized(course, (x) => x.audience),
      hours: course.en.hours,
      moduleIds: course.en.modules,
    },
    modules,
    lessons,
    activities,
    quizzes,
    storyboards,
  };
}

function localizedWithLocale<T, V>(parsed: Parsed<T>, pick: (value: T, locale: Locale) => V): Localized<V> {
  const result: Localized<V> = { en: pick(parsed.en, SOURCE_LOCALE) };
  for (const [locale, value] of parsed.translations) result[locale] = pick(value, locale);
  return result;
}

/** The module's checklist in every locale that translates it (a translation without one falls back to English). */
function moduleChecklist(m: Parsed<ModuleFile>, guidelines: Guidelines | null): ModuleChecklist | null {
  const area = guidelines?.areas.find((a) => a.module === m.en.id);
  if (!guidelines || !area || !m.en.checklist) return null;
  const plain = (items: NonNullable<ModuleFile['checklist']>): ChecklistItem[] =>
    items.map(({ id, area, point, text }) => ({ id, area, point, text }));
  const items: ModuleChecklist['items'] = { en: plain(m.en.checklist) };
  for (const [locale, t] of m.translations) if (t.checklist) items[locale] = plain(t.checklist);
  const reviewedLocales = [...m.reviewed].filter((locale) => items[locale]).sort();
  return {
    area: area.id,
    complete: area.complete,
    source: { title: guidelines.title, url: guidelines.url },
    items,
    reviewedLocales,
  };
}

function localized<T, V>(parsed: Parsed<T>, pick: (value: T) => V): Localized<V> {
  return localizedWithLocale(parsed, (value) => pick(value));
}

function mapLocalized<T, V>(values: Localized<T>, pick: (value: T) => V): Localized<V> {
  const result: Localized<V> = { en: pick(values.en) };
  for (const [locale, value] of Object.entries(values)) if (value !== undefined) result[locale] = pick(value);
  return result;
}
