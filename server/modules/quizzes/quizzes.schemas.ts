import { Type, type Static } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 100 });
export const QuizParams = Type.Object({ quizId: Id }, { additionalProperties: false });
export const AttemptParams = Type.Object(
  { attemptId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const LocaleQuery = Type.Object(
  { locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })) },
  { additionalProperties: false },
);

export const Answer = Type.Object(
  {
    questionId: Id,
    response: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      maxItems: 20,
      description: 'Option ids: one for single/true-false, several for multiple, all in order for ordering',
    }),
  },
  { additionalProperties: false },
);
export type AnswerInput = Static<typeof Answer>;
export const AnswersBody = Type.Object(
  { answers: Type.Array(Answer, { maxItems: 100 }) },
  { additionalProperties: false },
);
export const SubmitBody = Type.Object(
  { answers: Type.Optional(Type.Array(Answer, { maxItems: 100 })) },
  { additionalProperties: false },
);

const QuestionType = Type.Union([
  Type.Literal('single'),
  Type.Literal('multiple'),
  Type.Literal('truefalse'),
  Type.Literal('ordering'),
]);
/** A question as the learner sees it before submitting: no key, no correctness, no explanation. */
const ContentLocale = Type.String({
  description: 'The language the question was served in (English where it has no translation)',
});
export const DeliveredQuestion = Type.Object({
  questionId: Type.String(),
  type: QuestionType,
  locale: ContentLocale,
  prompt: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
});

export const GradedQuestion = Type.Object({
  questionId: Type.String(),
  type: QuestionType,
  locale: ContentLocale,
  prompt: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  response: Type.Array(Type.String()),
  correctResponse: Type.Array(Type.String()),
  correct: Type.Boolean(),
  /** Share of the question's point earned, 0 to 1: 0 or 1 unless the question gives partial credit. */
  credit: Type.Number({ minimum: 0, maximum: 1 }),
  partialCredit: Type.Boolean(),
  /** For partial-credit questions: correct options chosen (right) of all correct options (total), and wrong options chosen. */
  choices: Type.Optional(Type.Object({ right: Type.Integer(), wrong: Type.Integer(), total: Type.Integer() })),
  explanation: Type.String(),
});

const AttemptBase = {
  attemptId: Type.String({ format: 'uuid' }),
  quizId: Type.String(),
  moduleId: Type.String(),
  attemptNumber: Type.Integer(),
  maxAttempts: Type.Integer({ description: '0 means unlimited' }),
  passMark: Type.Integer(),
  locale: Type.String({
    description: 'The language the questions were served in: the one wanted, or English when any lacks a translation',
  }),
};

export const OpenAttempt = Type.Object({
  ...AttemptBase,
  status: Type.Literal('open'),
  questions: Type.Array(DeliveredQuestion),
  answers: Type.Array(Answer),
});
export const SubmittedAttempt = Type.Object({
  ...AttemptBase,
  status: Type.Literal('submitted'),
  score: Type.Integer(),
  passed: Type.Boolean(),
  submittedAt: Type.String({ format: 'date-time' }),
  attemptsLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'null when unlimited' }),
  questions: Type.Array(GradedQuestion),
});
export const Attempt = Type.Union([OpenAttempt, SubmittedAttempt]);
export type OpenAttemptBody = Static<typeof OpenAttempt>;
export type SubmittedAttemptBody = Static<typeof SubmittedAttempt>;
export type AttemptBody = Static<typeof Attempt>;

export const SavedAnswers = Type.Object({ saved: Type.Integer(), answers: Type.Array(Answer) });

export const AttemptSummary = Type.Object({
  attemptId: Type.String({ format: 'uuid' }),
  attemptNumber: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('submitted')]),
  score: Type.Union([Type.Integer(), Type.Null()]),
  passed: Type.Union([Type.Boolean(), Type.Null()]),
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export const MyQuizAttempts = Type.Object({
  quizId: Type.String(),
  moduleId: Type.String(),
  maxAttempts: Type.Integer(),
  passMark: Type.Integer(),
  questionsPerAttempt: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
  passed: Type.Boolean(),
  attemptsLeft: Type.Union([Type.Integer(), Type.Null()]),
  attempts: Type.Array(AttemptSummary),
});
export type MyQuizAttemptsBody = Static<typeof MyQuizAttempts>;
