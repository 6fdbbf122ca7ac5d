import { Type, type Static } from 'typebox';

export const LocaleQuery = Type.Object(
  {
    locale: Type.Optional(
      Type.String({
        pattern: '^[a-z]{2,3}$',
        description: 'Content language wanted; English is served where there is no translation',
      }),
    ),
  },
  { additionalProperties: false },
);
export const CourseParams = Type.Object(
  { courseId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const ModuleParams = Type.Object(
  { moduleId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const LessonParams = Type.Object(
  { lessonId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

/** The language a block of content was served in: a translation falls back to English item by item. */
const ContentLocale = Type.String({
  description: 'The language this text was served in (English where it has no translation)',
});
const Served = {
  locale: Type.String({ description: "The language this item's own text was served in" }),
  translated: Type.Boolean({
    description: 'False when the wanted language is not available for this item and English is served',
  }),
};
const LessonLink = Type.Object({
  id: Type.String(),
  title: Type.String(),
  minutes: Type.Integer(),
  locale: ContentLocale,
});
const Status = Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('complete')]);
const LessonEntry = Type.Object({
  id: Type.String(),
  title: Type.String(),
  minutes: Type.Integer(),
  locale: ContentLocale,
  status: Type.Optional(Status),
});
export const ModuleProgress = Type.Object({
  status: Status,
  percent: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
  quizPassed: Type.Boolean({ description: 'The module quiz is passed (false when the module has no quiz)' }),
});
const CompletionStep = Type.Object({
  kind: Type.Union([Type.Literal('lesson'), Type.Literal('quiz')]),
  id: Type.String({ description: 'The lesson id or the quiz id' }),
  title: Type.String({ description: "The lesson's title; for a quiz, its module's title" }),
});
export const Completion = Type.Object({
  done: Type.Integer({ description: 'Steps done: lessons complete and quizzes passed, in the core modules' }),
  required: Type.Integer({ description: 'Steps the certificate requires (the thematic unit is optional)' }),
  remaining: Type.Array(CompletionStep, { description: 'What is left, in course order' }),
});

export const CourseSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  locale: ContentLocale,
  hours: Type.Integer(),
  moduleCount: Type.Integer(),
  locales: Type.Array(Type.String()),
});
export const CourseList = Type.Array(CourseSummary);

export const ModuleSummary = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  kind: Type.Union([Type.Literal('core'), Type.Literal('thematic')]),
  title: Type.String(),
  summary: Type.String(),
  locale: ContentLocale,
  minutes: Type.Integer({ description: 'Reading time of the lessons plus the activity' }),
  quizId: Type.Union([Type.String(), Type.Null()]),
  tutorialId: Type.Union([Type.String(), Type.Null()]),
  lessons: Type.Array(LessonEntry),
  progress: Type.Optional(
    Type.Union([ModuleProgress, Type.Null()], { description: "The signed-in person's progress; null when anonymous" }),
  ),
});

export const CourseDetail = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  audience: Type.String(),
  hours: Type.Integer(),
  enrolled: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when not signed in' }),
  modules: Type.Array(ModuleSummary),
  resume: Type.Union(
    [
      Type.Object({
        lessonId: Type.String(),
        title: Type.String(),
        locale: ContentLocale,
        positionSeconds: Type.Union([Type.Integer(), Type.Null()]),
      }),
      Type.Null(),
    ],
    {
      description: 'Where the signed-in person left off',
    },
  ),
  completed: Type.Union([Type.Boolean(), Type.Null()]),
  completion: Type.Union([Completion, Type.Null()], {
    description: 'What the signed-in person has done and has left for the certificate; null when anonymous',
  }),
  ...Served,
});
export type CourseDetailBody = Static<typeof CourseDetail>;

export const ActivityDetail = Type.Object({
  id: Type.String(),
  title: Type.String(),
  locale: ContentLocale,
  minutes: Type.Integer(),
  groupSize: Type.String(),
  materials: Type.Array(Type.String()),
  outputs: Type.Array(Type.String()),
  html: Type.String(),
});
export const TutorialScript = Type.Object({
  id: Type.String(),
  title: Type.String(),
  locale: ContentLocale,
  scenes: Type.Array(Type.Object({ heading: Type.String(), narration: Type.String() })),
});

export const GuidelinesChecklist = Type.Object(
  {
    area: Type.Integer({
      minimum: 1,
      maximum: 6,
      description: "The Guidelines' key area of action the module teaches",
    }),
    complete: Type.Boolean({
      description: "False while only some of the area's action points are recorded: the list is partial",
    }),
    source: Type.Object({ title: Type.String(), url: Type.String() }),
    locale: ContentLocale,
    reviewed: Type.Boolean({ description: 'False for a machine-assisted translation not yet reviewed' }),
    items: Type.Array(
      Type.Object({ id: Type.String(), area: Type.Integer(), point: Type.Integer(), text: Type.String() }),
    ),
  },
  {
    description: "The Guidelines' action points of the module's key area, in our words, each citing its area and point",
  },
);

export const ModuleDetail = Type.Intersect([
  ModuleSummary,
  Type.Object({
    courseId: Type.String(),
    objectives: Type.Array(Type.String()),
    activity: Type.Union([ActivityDetail, Type.Null()]),
    tutorial: Type.Union([TutorialScript, Type.Null()]),
    checklist: Type.Union([GuidelinesChecklist, Type.Null()]),
    ...Served,
  }),
]);
export type ModuleDetailBody = Static<typeof ModuleDetail>;

export const LessonDetail = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  moduleId: Type.String(),
  moduleNumber: Type.Integer(),
  moduleTitle: Type.String(),
  moduleLocale: ContentLocale,
  position: Type.Integer(),
  lessonCount: Type.Integer(),
  title: Type.String(),
  minutes: Type.Integer(),
  html: Type.String({ description: 'Rendered and sanitised on the server' }),
  toc: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), level: Type.Integer() })),
  keyPoints: Type.Array(Type.String()),
  sources: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  previous: Type.Union([LessonLink, Type.Null()]),
  next: Type.Union([LessonLink, Type.Null()]),
  status: Type.Union([Status, Type.Null()], { description: "The signed-in person's status; null when anonymous" }),
  quizId: Type.Union([Type.String(), Type.Null()], { description: "The quiz of this lesson's module" }),
  reviewed: Type.Boolean({
    description:
      'For a translation (locale other than en): a reviewer has marked it reviewed; false means machine-assisted, not yet reviewed. Always true for the English original',
  }),
  ...Served,
});
export type LessonDetailBody = Static<typeof LessonDetail>;

export const EnrolResult = Type.Object({
  courseId: Type.String(),
  enrolled: Type.Literal(true),
  source: Type.String(),
  enrolledAt: Type.String({ format: 'date-time' }),
});
