// Loads the course from content/ (Markdown + YAML), checks every rule of content/README.md and
// returns either a complete ContentBundle or the list of problems. Pure: no database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContentBundle, ContentProblem, Locale } from './content-types.ts';
import { readQuiz, readStoryboard } from './content-quiz.ts';
import {
  readActivity,
  readCourse,
  readLesson,
  readMarkdownFile,
  readModule,
  reviewedState,
  SOURCE_LOCALE,
  type ActivityFile,
  type CourseFile,
  type LessonFile,
} from './content-readers.ts';
import { ProblemLog, YamlSource, type Fields } from './content-yaml.ts';
import { checkQuizBanks, type QuizStats } from './quiz-quality.ts';
import { assembleBundle, type ModuleParts, type Parsed } from './content-bundle.ts';
import { checkFramework } from './content-framework.ts';
import { checkChecklists, GUIDELINES_FILE, readGuidelines, type ChecklistModule } from './content-guidelines.ts';

export type { ContentProblem } from './content-types.ts';
/** `quizStats`: the figures of the quiz-quality rules per module and locale (printed by `content:check --stats`). */
export type LoadResult = { bundle: ContentBundle | null; problems: ContentProblem[]; quizStats: QuizStats[] };

/** `name.ext` (English source) or `name.<locale>.ext`, locale being 2-3 lowercase letters. */
const CONTENT_FILE = /^([^.]+)(?:\.([a-z]{2,3}))?\.(md|yaml)$/;
const MODULE_FOLDER = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const MODULE_FILES = ['module.yaml', 'activity.md', 'quiz.yaml', 'storyboard.yaml'];

/** An English source file and its translations (absolute paths). */
type Family = { source: string | null; translations: Map<Locale, string> };

export function loadContent(dir: string): LoadResult {
  const root = path.resolve(dir);
  const loader = new ContentLoader(root);
  const bundle = loader.load();
  const problems = [...loader.log.problems].sort(compareProblems);
  return { bundle: problems.length ? null : bundle, problems, quizStats: loader.quizStats };
}

/** The hash of the content files alone (cheap: no parsing), equal to the bundle's hash. */
export function contentHash(dir: string): string {
  return new ContentLoader(path.resolve(dir)).fingerprint();
}

function checklistModule(part: ModuleParts): ChecklistModule {
  const where = (x: { f: Fields }) => ({ file: x.f.src.file, line: x.f.line('id') });
  const m = part.module;
  return {
    id: m.en.id,
    ...where(m.en),
    en: m.en.checklist,
    translations: new Map([...m.translations].map(([locale, t]) => [locale, { ...where(t), items: t.checklist }])),
  };
}

export function compareProblems(a: ContentProblem, b: ContentProblem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.message.localeCompare(b.message);
}

class ContentLoader {
  readonly log = new ProblemLog();
  private readonly locales = new Set<Locale>();
  private readonly ids = new Map<string, string>();
  /** Module folders whose module.yaml could not be read: their ids are unknown. */
  private unreadModules = 0;
  quizStats: QuizStats[] = [];

  constructor(private readonly root: string) {}

  /** Path as reported: relative to the content directory's parent, with forward slashes. */
  private rel(abs: string): string {
    return path.relative(path.dirname(this.root), abs).split(path.sep).join('/');
  }

  load(): ContentBundle | null {
    if (!fs.existsSync(this.root)) {
      this.log.add(this.rel(this.root), 1, 'content directory not found');
      return null;
    }
    const courseFamily = this.families(this.root, {
      // glossary*.yaml is read by the content check only (one vocabulary per language).
      names: (key) => key === 'course.yaml' || key === 'README.md' || key === 'glossary.yaml',
      hint: 'course.yaml, glossary.yaml, their translations (e.g. course.fr.yaml), README.md and modules/',
    }).get('course.yaml');
    const course = this.parseFamily(
      courseFamily,
      path.join(this.root, 'course.yaml'),
      (file) => readCourse(this.yaml(file)),
      (file, _locale, en) => readCourse(this.yaml(file), en),
    );
    if (course) this.claim(course.en.id, course.en.f.src.file, course.en.f.line('id'));

    const modulesDir = path.join(this.root, 'modules');
    const folders = fs.existsSync(modulesDir)
      ? fs
          .readdirSync(modulesDir, { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map((e) => e.name)
          .sort()
      : [];
    const parts = folders
      .map((folder) => this.readModuleFolder(path.join(modulesDir, folder)))
      .filter((m) => m !== null);
    if (course) this.checkCourseModules(course.en, parts);
    // The self-assessment framework (read by the teams module at first use) is content too: checked here, not imported.
    checkFramework(path.join(this.root, 'self-assessment'), (file) => this.rel(file), this.log);
    // The key-area modules' checklists cite the Guidelines' action points recorded in content/sources/.
    const guidelines = readGuidelines(this.root, (file) => this.rel(file), this.log);
    if (guidelines)
      checkChecklists(
        guidelines,
        parts.map((p) => checklistModule(p)),
        this.log,
      );
    else if (!fs.existsSync(path.join(this.root, GUIDELINES_FILE))) {
      for (const p of parts) {
        const first = p.module.en.checklist?.[0];
        if (first)
          this.log.add(
            p.module.en.f.src.file,
            first.f.line(),
            `"checklist" cites the Guidelines' action points recorded in ${GUIDELINES_FILE}, which is missing`,
          );
      }
    }
    const order = (id: string) => course?.en.modules.indexOf(id) ?? 0;
    const banks = parts
      .flatMap((p) => (p.quiz ? [{ moduleId: p.module.en.id, quiz: p.quiz }] : []))
      .sort((a, b) => order(a.moduleId) - order(b.moduleId));
    // Quality is measured on banks that are otherwise sound, so a broken file is reported once, for what breaks it.
    if (!this.log.problems.length)
      this.quizStats = checkQuizBanks(banks, (at, message) => this.log.add(at.file, at.line, message));

    if (!course || this.log.problems.length) return null;
    return assembleBundle(course, parts, guidelines, {
      hash: this.hash(this.contentFiles()),
      locales: [SOURCE_LOCALE, ...[...this.locales].sort()],
    });
  }

  // ---- files --------------------------------------------------------------------------------

  private read(file: string): string {
    return fs.readFileSync(file, 'utf8');
  }

  private yaml(file: string): YamlSource {
    return new YamlSource(this.rel(file), this.read(file), this.log);
  }

  private markdown(file: string) {
    return readMarkdownFile(this.rel(file), this.read(file), this.log);
  }

  /** The content files of one folder grouped by source name ("quiz.yaml" -> quiz.yaml, quiz.fr.yaml ...). */
  private families(dir: string, expected: { names: (key: string) => boolean; hint: string }): Map<string, Family> {
    const result = new Map<string, Family>();
    if (!fs.existsSync(dir)) return result;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const file = path.join(dir, entry.name);
      const match = CONTENT_FILE.exec(entry.name);
      const key = match ? `${match[1]}.${match[3]}` : entry.name;
      if (!match || !expected.names(key)) {
        this.log.add(this.rel(file), 1, `unexpected file: this folder holds ${expected.hint}`);
        continue;
      }
      const locale = match[2];
      if (locale === SOURCE_LOCALE) {
        this.log.add(this.rel(file), 1, `English is the source locale: name this file ${key}`);
        continue;
      }
      const family = result.get(key) ?? { source: null, translations: new Map<Locale, string>() };
      if (locale) family.translations.set(locale, file);
      else family.source = file;
      result.set(key, family);
    }
    for (const [key, family] of result) {
      if (family.source) continue;
      for (const file of family.translations.values()) {
        this.log.add(this.rel(file), 1, `translation without an English source: add ${key} next to it`);
      }
    }
    return result;
  }

  /** Reads a source and its translations; a missing source is reported against `expected`. */
  private parseFamily<T extends { f: Fields }>(
    family: Family | undefined,
    expected: string | null,
    readSource: (file: string) => T | null,
    readTranslation: (file: string, locale: Locale, en: T | null) => T | null,
  ): Parsed<T> | null {
    if (!family?.source) {
      if (expected) this.log.add(this.rel(expected), 1, 'file is missing');
      return null;
    }
    const en = readSource(family.source);
    if (en) reviewedState(en.f, SOURCE_LOCALE);
    const translations = new Map<Locale, T>();
    const reviewed = new Set<Locale>();
    for (const [locale, file] of [...family.translations].sort(([a], [b]) => a.localeCompare(b))) {
      this.locales.add(locale);
      // Without a valid source the translation is still checked on its own, so one run reports all.
      const translated = readTranslation(file, locale, en);
      if (translated) translations.set(locale, translated);
      if (translated && reviewedState(translated.f, locale)) reviewed.add(locale);
    }
    return en ? { en, translations, reviewed } : null;
  }

  /** Ids are unique across the whole course: learners' progress points at them. */
  private claim(id: string, file: string, line: number): void {
    const first = this.ids.get(id);
    if (first) this.log.add(file, line, `duplicate id "${id}": already used at ${first}`);
    else this.ids.set(id, `${file}:${line}`);
  }

  // ---- one module folder ------------------------------------------------------------------

  private readModuleFolder(dir: string): ModuleParts | null {
    const folder = path.basename(dir);
    const folderMatch = MODULE_FOLDER.exec(folder);
    if (!folderMatch) {
      this.log.add(this.rel(dir), 1, 'module folder names are "NN-slug", e.g. "02-planning"');
      this.unreadModules += 1;
      return null;
    }
    const folderInfo = { number: Number(folderMatch[1]), slug: folderMatch[2] };
    const files = this.families(dir, {
      names: (key) => MODULE_FILES.includes(key),
      hint: `${MODULE_FILES.join(', ')}, their translations (e.g. quiz.fr.yaml) and lessons/`,
    });

    const module = this.parseFamily(
      files.get('module.yaml'),
      path.join(dir, 'module.yaml'),
      (file) => readModule(this.yaml(file), folderInfo),
      (file, _locale, en) => readModule(this.yaml(file), folderInfo, en),
    );
    if (module) this.claim(module.en.id, module.en.f.src.file, module.en.f.line('id'));
    else this.unreadModules += 1;

    const lessonFiles = this.families(path.join(dir, 'lessons'), {
      names: (key) => key.endsWith('.md'),
      hint: 'lessons: <lesson-id>.md and translations such as <lesson-id>.fr.md',
    });
    // Lessons not listed in module.yaml are retired and not loaded; if module.yaml could not be
    // read, check every lesson file so that one run still reports everything.
    const listed = module
      ? module.en.lessons
      : [...lessonFiles].filter(([, family]) => family.source).map(([key]) => key.replace(/\.md$/, ''));
    const lessons: Parsed<LessonFile>[] = [];
    listed.forEach((lessonId, index) => {
      const family = lessonFiles.get(`${lessonId}.md`);
      if (!family?.source) {
        if (!module) return;
        const { f } = module.en;
        this.log.add(
          f.src.file,
          f.itemLine('lessons', index),
          `lesson "${lessonId}" is listed but lessons/${lessonId}.md does not exist`,
        );
        return;
      }
      const lesson = this.parseFamily(
        family,
        null,
        (file) => this.lessonFile(file, lessonId, SOURCE_LOCALE),
        (file, locale, en) => this.lessonFile(file, lessonId, locale, en),
      );
      if (!lesson) return;
      this.claim(lesson.en.id, lesson.en.f.src.file, lesson.en.f.line('id'));
      lessons.push(lesson);
    });

    const activity = this.parseFamily(
      files.get('activity.md'),
      null,
      (file) => this.activityFile(file),
      (file, _locale, en) => this.activityFile(file, en),
    );
    if (activity) this.claim(activity.en.id, activity.en.f.src.file, activity.en.f.line('id'));

    const quiz = this.parseFamily(
      files.get('quiz.yaml'),
      null,
      (file) => readQuiz(this.yaml(file), SOURCE_LOCALE),
      (file, locale, en) => readQuiz(this.yaml(file), locale, en),
    );
    if (quiz) {
      this.claim(quiz.en.id, quiz.en.f.src.file, quiz.en.f.line('id'));
      for (const question of quiz.en.questions) this.claim(question.id, question.f.src.file, question.f.line('id'));
    }

    const storyboardFamily = files.get('storyboard.yaml');
    const storyboard = this.parseFamily(
      storyboardFamily,
      null,
      (file) => readStoryboard(this.yaml(file), SOURCE_LOCALE),
      (file, locale, en) => readStoryboard(this.yaml(file), locale, en),
    );
    if (storyboard) this.claim(storyboard.en.id, storyboard.en.f.src.file, storyboard.en.f.line('id'));

    if (!module) return null;
    return {
      folder,
      module,
      lessons,
      activity,
      quiz,
      storyboard:
        storyboard && storyboardFamily?.source
          ? { ...storyboard, hash: this.hash([storyboardFamily.source, ...storyboardFamily.translations.values()]) }
          : null,
    };
  }

  private lessonFile(file: string, lessonId: string, locale: Locale, en?: LessonFile | null): LessonFile | null {
    const md = this.markdown(file);
    return md ? readLesson(md, lessonId, locale, en) : null;
  }

  private activityFile(file: string, en?: ActivityFile | null): ActivityFile | null {
    const md = this.markdown(file);
    return md ? readActivity(md, en) : null;
  }

  private checkCourseModules(course: CourseFile, parts: ModuleParts[]): void {
    const moduleIds = parts.map((p) => p.module.en.id);
    course.modules.forEach((id, index) => {
      if (!moduleIds.includes(id) && !this.unreadModules) {
        this.log.add(
          course.f.src.file,
          course.f.itemLine('modules', index),
          `module "${id}" is listed but no module folder has that id`,
        );
      }
    });
    for (const { module } of parts) {
      if (!course.modules.includes(module.en.id)) {
        module.en.f.problem(module.en.f.at('id'), `module "${module.en.id}" is not listed in the course's "modules"`);
      }
    }
    const numbers = new Map<number, string>();
    for (const { module } of parts) {
      const other = numbers.get(module.en.number);
      if (other)
        module.en.f.problem(module.en.f.at('number'), `module number ${module.en.number} is also used by "${other}"`);
      numbers.set(module.en.number, module.en.id);
    }
  }

  // ---- hashes -------------------------------------------------------------------------------

  fingerprint(): string {
    return this.hash(this.contentFiles());
  }

  /** sha256 over (path relative to the content dir, bytes) of each file, in path order. */
  private hash(files: string[]): string {
    const hash = createHash('sha256');
    const entries = files.map((file) => ({ file, name: path.relative(this.root, file).split(path.sep).join('/') }));
    for (const { file, name } of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const bytes = fs.readFileSync(file);
      hash.update(`${name}\0${bytes.length}\0`);
      hash.update(bytes);
    }
    return hash.digest('hex');
  }

  /** Every content file: course*.yaml and everything under modules/ (not README.md or dotfiles). */
  private contentFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.isFile() && !(dir === this.root && entry.name === 'README.md')) files.push(file);
      }
    };
    walk(this.root);
    return files;
  }
}
