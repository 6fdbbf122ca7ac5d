// The course content as the loader hands it over: validated, rendered, every locale side by side.
// Server-only: QuestionContent carries the answer key.

export type Locale = string;
/** Per-locale values; English (the source) is always present, other locales only where translated. */
export type Localized<T> = { en: T } & Partial<Record<Locale, T>>;
export type TocEntry = { id: string; text: string; level: number };
export type Source = { title: string; url: string };

export type CourseContent = {
  id: string;
  title: Localized<string>;
  summary: Localized<string>;
  audience: Localized<string>;
  hours: number;
  moduleIds: string[];
};

export type ModuleContent = {
  id: string;
  number: number;
  kind: 'core' | 'thematic';
  /** Folder name under content/modules, e.g. "02-planning". */
  folder: string;
  title: Localized<string>;
  summary: Localized<string>;
  objectives: Localized<string[]>;
  lessonIds: string[];
  quizId: string | null;
  activityId: string | null;
  tutorialId: string | null;
  /** A key-area module's checklist of the Guidelines' action points of its area; null for the other modules. */
  checklist: ModuleChecklist | null;
};

/** One action point of the Guidelines (UIL, 2015) in our words: `id` "1.2" is area 1, point 2. */
export type ChecklistItem = { id: string; area: number; point: number; text: string };
/** `complete`: every action point of the area is recorded (content/sources/guidelines-2015.yaml); else the list is partial. */
/** `reviewedLocales`: the locales whose module.yaml translation says `translation: reviewed`; others are machine-assisted. */
export type ModuleChecklist = {
  area: number;
  complete: boolean;
  source: Source;
  items: Localized<ChecklistItem[]>;
  reviewedLocales: Locale[];
};

export type LessonContent = {
  id: string;
  moduleId: string;
  /** 1-based position in the module's `lessons` list. */
  position: number;
  minutes: number;
  sources: Source[];
  title: Localized<string>;
  keyPoints: Localized<string[]>;
  html: Localized<string>;
  toc: Localized<TocEntry[]>;
  words: Localized<number>;
  /** Locales whose translation a reviewer has marked `translation: reviewed`; others are machine-assisted. */
  reviewedLocales: Locale[];
};

export type ActivityContent = {
  id: string;
  moduleId: string;
  minutes: number;
  groupSize: string;
  title: Localized<string>;
  materials: Localized<string[]>;
  outputs: Localized<string[]>;
  html: Localized<string>;
};

export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'ordering';
export type QuestionText = { prompt: string; options: { id: string; text: string }[]; explanation: string };
export type QuestionContent = {
  id: string;
  type: QuestionType;
  optionIds: string[];
  /** The answer key: never send it to the browser before the attempt is submitted. */
  answer: string[];
  /** Multiple-answer only: score each choice (+1/n right, -1/n wrong, floor 0) instead of all-or-nothing. */
  partialCredit: boolean;
  text: Localized<QuestionText>;
};
export type QuizContent = {
  id: string;
  moduleId: string;
  passMark: number;
  questionsPerAttempt: number;
  maxAttempts: number;
  questions: QuestionContent[];
};

export type SceneContent = {
  id: string;
  layout: string;
  icon: string;
  text: Localized<{ heading: string; bullets: string[]; narration: string }>;
};
export type StoryboardContent = {
  id: string;
  moduleId: string;
  title: Localized<string>;
  scenes: SceneContent[];
  /** sha256 over the storyboard's own files, so a changed script can trigger a new render. */
  hash: string;
};

export type ContentBundle = {
  hash: string;
  locales: Locale[];
  course: CourseContent;
  modules: ModuleContent[];
  lessons: LessonContent[];
  activities: ActivityContent[];
  quizzes: QuizContent[];
  storyboards: StoryboardContent[];
};

export type ContentProblem = {
  /** Path relative to the content directory's parent, e.g. "content/modules/02-planning/quiz.fr.yaml". */
  file: string;
  line: number;
  message: string;
};
