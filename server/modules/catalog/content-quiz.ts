// Readers for quiz.yaml (the question bank with its answer keys) and storyboard.yaml (the video
// script), with the rules of content/README.md and what a translation must share with its source.
import { Type } from 'typebox';
import { isScalar, type YAMLMap } from 'yaml';
import type { QuestionType } from './content-types.ts';
import { complete, FileMapping, rootFields, sameAsSource, sameCount, SOURCE_LOCALE } from './content-readers.ts';
import { Mapping, Text, type Fields, type YamlSource } from './content-yaml.ts';
import { countWords } from './markdown.ts';
import { SCENE_ICONS, SCENE_LAYOUTS } from './scene-vocabulary.ts';

const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'truefalse', 'ordering'];
const MIN_QUESTIONS = 12;
const MIN_PER_TYPE = 2;
const OPTION_ID = /^[a-z0-9]{1,5}$/;

const NARRATION_WORDS = { min: 450, max: 800 };

/** Context label for a list item, e.g. `question m2-q03` (or `question 3` before its id is known). */
function itemLabel(what: string) {
  return (item: YAMLMap, index: number) => {
    const id = item.get('id');
    return `${what} ${typeof id === 'string' && id ? id : index + 1}`;
  };
}

// ---- quiz.yaml -----------------------------------------------------------------------------

export type QuestionFile = {
  f: Fields;
  id: string;
  type: QuestionType;
  prompt: string;
  options: { id: string; text: string }[];
  /** File line of each option, for problems about one option. */
  optionLines: number[];
  answer: string[];
  explanation: string;
  /** Multiple-answer only: each correct choice earns 1/n, each wrong one costs 1/n, never below 0. */
  partialCredit: boolean;
};
export type QuizFile = {
  f: Fields;
  id: string;
  passMark: number;
  questionsPerAttempt: number;
  maxAttempts: number;
  questions: QuestionFile[];
};

// An option id may be written true or false unquoted: YAML reads a yes/no value, which optionId explains.
const OptionYaml = Mapping({ id: Type.Union([Text, Type.Boolean()]), text: Text });
const QuestionYaml = Mapping({
  id: Text,
  type: Text,
  prompt: Text,
  options: Type.Array(OptionYaml, { minItems: 2 }),
  answer: Type.Array(Text),
  explanation: Text,
  partialCredit: Type.Optional(Type.Boolean()),
});
const quizYaml = (minQuestions?: number) =>
  FileMapping({
    id: Text,
    passMark: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    questionsPerAttempt: Type.Integer({ minimum: 1 }),
    maxAttempts: Type.Integer({ minimum: 0 }),
    questions: Type.Array(QuestionYaml, minQuestions === undefined ? {} : { minItems: minQuestions }),
  });
/** The English bank needs enough questions to draw from; a translation follows its source, checked by compareQuiz. */
const QuizYaml = { source: quizYaml(MIN_QUESTIONS), translation: quizYaml() };

export function readQuiz(src: YamlSource, locale: string, source?: QuizFile | null): QuizFile | null {
  const f = rootFields(src, locale === SOURCE_LOCALE ? QuizYaml.source : QuizYaml.translation);
  if (!f) return null;
  const items = f.mapList('questions', itemLabel('question'));
  const questions = items?.map(readQuestion);
  const quiz = complete({
    f,
    id: f.string('id'),
    passMark: f.has('passMark') ? f.number('passMark') : 70,
    questionsPerAttempt: f.number('questionsPerAttempt'),
    maxAttempts: f.number('maxAttempts'),
    questions:
      questions?.every((q) => q !== null) && questions.length === items?.length
        ? (questions as QuestionFile[])
        : undefined,
  });
  if (!quiz) return null;

  if (quiz.questionsPerAttempt > quiz.questions.length) {
    f.problem(
      f.at('questionsPerAttempt'),
      `"questionsPerAttempt" (${quiz.questionsPerAttempt}) is more than the ${quiz.questions.length} questions in the bank`,
    );
  }
  const seen = new Set<string>();
  for (const question of quiz.questions) {
    if (seen.has(question.id))
      question.f.problem(question.f.at('id'), `question id "${question.id}" is used twice in this quiz`);
    seen.add(question.id);
  }
  if (source) compareQuiz(quiz, source);
  if (locale === SOURCE_LOCALE) {
    for (const type of QUESTION_TYPES) {
      const found = quiz.questions.filter((q) => q.type === type).length;
      if (found < MIN_PER_TYPE)
        f.problem(f.at('questions'), `the bank needs at least ${MIN_PER_TYPE} "${type}" questions, found ${found}`);
    }
  }
  return quiz;
}

function readQuestion(f: Fields): QuestionFile | null {
  const type = f.string('type');
  if (type !== undefined && !QUESTION_TYPES.includes(type as QuestionType)) {
    f.problem(f.at('type'), `unknown question type "${type}" (use ${QUESTION_TYPES.join(', ')})`);
  }
  const optionFields = f.mapList('options', () => f.context);
  const options = optionFields?.map((option) => complete({ id: optionId(option), text: option.string('text') }));
  const partialCredit = partialCreditOf(f, type);
  const question = complete({
    f,
    id: f.string('id'),
    type: QUESTION_TYPES.includes(type as QuestionType) ? (type as QuestionType) : undefined,
    prompt: f.string('prompt'),
    options: options?.every((o) => o !== null) ? (options as { id: string; text: string }[]) : undefined,
    answer: f.stringList('answer'),
    explanation: f.string('explanation'),
    optionLines: optionFields?.map((option) => option.line()) ?? [],
    partialCredit,
  });
  if (question) checkAnswer(question);
  return question;
}

function partialCreditOf(f: Fields, type: string | undefined): boolean | undefined {
  if (!f.has('partialCredit')) return false;
  const value = f.boolean('partialCredit');
  if (value && type !== 'multiple') {
    f.problem(f.at('partialCredit'), `"partialCredit" applies to multiple questions only, not ${type}`);
    return undefined;
  }
  return value;
}

function optionId(option: Fields): string | undefined {
  const node = option.node('id');
  if (isScalar(node) && typeof node.value === 'boolean') {
    option.problem(
      node,
      `option id ${node.value} must be quoted ("${node.value}"), or YAML reads it as a yes/no value`,
    );
    return undefined;
  }
  const id = option.string('id');
  if (id !== undefined && !OPTION_ID.test(id))
    option.problem(node, `option id "${id}" must be short: lowercase letters or digits (a, b, c ... or true/false)`);
  return id;
}

function checkAnswer({ f, type, options, answer }: QuestionFile): void {
  const optionIds = options.map((o) => o.id);
  const answerNode = f.at('answer');
  const duplicateOption = optionIds.find((id, index) => optionIds.indexOf(id) !== index);
  if (duplicateOption) f.problem(f.at('options'), `option id "${duplicateOption}" is used twice`);
  for (const id of answer) {
    if (!optionIds.includes(id))
      f.problem(answerNode, `answer "${id}" is not one of the options (${optionIds.join(', ')})`);
  }
  if (type === 'truefalse' && (optionIds.length !== 2 || !optionIds.includes('true') || !optionIds.includes('false'))) {
    f.problem(f.at('options'), 'a truefalse question has exactly two options, with ids "true" and "false"');
  }
  if ((type === 'single' || type === 'truefalse') && answer.length !== 1) {
    f.problem(answerNode, `a ${type} question has exactly one answer, found ${answer.length}`);
  }
  if (type === 'multiple' && answer.length === 0) {
    f.problem(answerNode, 'a multiple question needs at least one correct answer');
  }
  if (type === 'multiple' && new Set(answer).size !== answer.length) {
    f.problem(answerNode, 'the answer lists an option twice');
  }
  if (type === 'ordering') {
    const isPermutation = answer.length === optionIds.length && optionIds.every((id) => answer.includes(id));
    if (!isPermutation)
      f.problem(
        answerNode,
        `an ordering answer must list every option exactly once, in the correct order (${optionIds.join(', ')})`,
      );
  }
}

function compareQuiz(quiz: QuizFile, source: QuizFile): void {
  const { f } = quiz;
  for (const key of ['id', 'passMark', 'questionsPerAttempt', 'maxAttempts'] as const)
    sameAsSource(f, key, quiz[key], source[key]);
  const ids = quiz.questions.map((q) => q.id);
  const sourceIds = source.questions.map((q) => q.id);
  const missing = sourceIds.filter((id) => !ids.includes(id));
  const extra = ids.filter((id) => !sourceIds.includes(id));
  if (missing.length || extra.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `not in the source: ${extra.join(', ')}` : '',
    ];
    f.problem(f.at('questions'), `question ids must match the English source: ${parts.filter(Boolean).join('; ')}`);
  } else if (ids.join() !== sourceIds.join()) {
    f.problem(f.at('questions'), 'questions must be in the same order as in the English source');
  }
  for (const question of quiz.questions) {
    const original = source.questions.find((q) => q.id === question.id);
    if (!original) continue;
    sameAsSource(question.f, 'type', question.type, original.type);
    sameAsSource(
      question.f,
      'options',
      question.options.map((o) => o.id),
      original.options.map((o) => o.id),
      'the option ids',
    );
    sameAsSource(question.f, 'answer', question.answer, original.answer);
    sameAsSource(question.f, 'partialCredit', question.partialCredit, original.partialCredit);
  }
}

// ---- storyboard.yaml -----------------------------------------------------------------------

export type SceneFile = {
  f: Fields;
  id: string;
  layout: string;
  icon: string;
  heading: string;
  bullets: string[];
  narration: string;
};
export type StoryboardFile = { f: Fields; id: string; title: string; scenes: SceneFile[] };

// Bullets: 2 to 4 on the "bullets" layout, none on the others (readScene).
const SceneYaml = Mapping({
  id: Text,
  layout: Text,
  icon: Text,
  heading: Text,
  bullets: Type.Optional(Type.Array(Text)),
  narration: Text,
});
const StoryboardYaml = FileMapping({
  id: Text,
  title: Text,
  scenes: Type.Array(SceneYaml, { minItems: 6, maxItems: 12 }),
});

export function readStoryboard(src: YamlSource, locale: string, source?: StoryboardFile | null): StoryboardFile | null {
  const f = rootFields(src, StoryboardYaml);
  if (!f) return null;
  const items = f.mapList('scenes', itemLabel('scene'));
  const scenes = items?.map(readScene);
  const storyboard = complete({
    f,
    id: f.string('id'),
    title: f.string('title'),
    scenes: scenes?.every((s) => s !== null) && scenes.length === items?.length ? (scenes as SceneFile[]) : undefined,
  });
  if (!storyboard) return null;

  const seen = new Set<string>();
  for (const scene of storyboard.scenes) {
    if (seen.has(scene.id)) scene.f.problem(scene.f.at('id'), `scene id "${scene.id}" is used twice`);
    seen.add(scene.id);
  }
  if (source) {
    compareStoryboard(storyboard, source);
  } else if (locale === SOURCE_LOCALE) {
    const words = countWords(storyboard.scenes.map((s) => s.narration).join('\n\n'), locale);
    if (words < NARRATION_WORDS.min || words > NARRATION_WORDS.max) {
      f.problem(
        f.at('scenes'),
        `the narration has ${words} words in total; write ${NARRATION_WORDS.min} to ${NARRATION_WORDS.max} (3 to 6 minutes spoken)`,
      );
    }
  }
  return storyboard;
}

function readScene(f: Fields): SceneFile | null {
  const layout = f.string('layout');
  if (layout !== undefined && !(SCENE_LAYOUTS as readonly string[]).includes(layout)) {
    f.problem(f.at('layout'), `unknown layout "${layout}" (use ${SCENE_LAYOUTS.join(', ')})`);
  }
  const icon = f.string('icon');
  if (icon !== undefined && !(SCENE_ICONS as readonly string[]).includes(icon)) {
    f.problem(f.at('icon'), `unknown icon "${icon}" (use one of ${SCENE_ICONS.join(', ')})`);
  }
  let bullets: string[] | undefined;
  if (layout === 'bullets') {
    f.requireCount('bullets', { min: 2, max: 4 });
    bullets = f.stringList('bullets');
  } else {
    bullets = f.has('bullets') ? f.stringList('bullets') : [];
    if (bullets?.length) {
      f.problem(
        f.at('bullets'),
        `bullets are shown only on the "bullets" layout; leave "bullets" empty on a ${layout} scene`,
      );
      bullets = undefined;
    }
  }
  return complete({
    f,
    id: f.string('id'),
    layout: (SCENE_LAYOUTS as readonly string[]).includes(layout ?? '') ? layout : undefined,
    icon: (SCENE_ICONS as readonly string[]).includes(icon ?? '') ? icon : undefined,
    heading: f.string('heading'),
    bullets,
    narration: f.string('narration'),
  });
}

function compareStoryboard(storyboard: StoryboardFile, source: StoryboardFile): void {
  const { f } = storyboard;
  sameAsSource(f, 'id', storyboard.id, source.id);
  sameAsSource(
    f,
    'scenes',
    storyboard.scenes.map((s) => s.id),
    source.scenes.map((s) => s.id),
    'the scene ids',
  );
  for (const scene of storyboard.scenes) {
    const original = source.scenes.find((s) => s.id === scene.id);
    if (!original) continue;
    sameAsSource(scene.f, 'layout', scene.layout, original.layout);
    sameAsSource(scene.f, 'icon', scene.icon, original.icon);
    sameCount(scene.f, 'bullets', scene.bullets, original.bullets);
  }
}
