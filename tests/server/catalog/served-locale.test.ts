// Each block of content says which language it was served in, so a page can mark it with lang and dir:
// a translation falls back to English item by item, and a UI language the course lacks (Arabic) gets English.
import t from 'tap';
import { importContent } from '../../../server/modules/catalog/catalog.import.ts';
import { build, injectAs } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t);
const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

// One French lesson, one French module title and one French quiz question go missing: they fall back to English.
const bundle = contentBundle();
const untranslated = bundle.lessons.find((l) => l.id === 'm2-why-a-plan')!;
const planning = bundle.modules.find((m) => m.id === 'm2-planning')!;
const quiz = bundle.quizzes.find((q) => q.id === planning.quizId)!;
const without = <T extends { en: unknown }>(value: T, locale: string): T =>
  Object.fromEntries(Object.entries(value).filter(([k]) => k !== locale)) as T;
await importContent(app.database.db, {
  ...bundle,
  hash: `${bundle.hash}-partly-french`,
  lessons: bundle.lessons.map((l) =>
    l === untranslated
      ? {
          ...l,
          title: without(l.title, 'fr'),
          html: without(l.html, 'fr'),
          toc: without(l.toc, 'fr'),
          keyPoints: without(l.keyPoints, 'fr'),
          words: without(l.words, 'fr'),
        }
      : l,
  ),
  modules: bundle.modules.map((m) =>
    m === planning
      ? {
          ...m,
          title: without(m.title, 'fr'),
          summary: without(m.summary, 'fr'),
          objectives: without(m.objectives, 'fr'),
        }
      : m,
  ),
  quizzes: bundle.quizzes.map((q) =>
    q === quiz ? { ...q, questions: q.questions.map((x) => ({ ...x, text: without(x.text, 'fr') })) } : q,
  ),
});

t.test('Arabic wanted, the course has no Arabic: every block says English', async (t) => {
  const course = (await get('/api/courses/learning-city?locale=ar')).json();
  t.equal(course.locale, 'en');
  t.equal(course.translated, false);
  t.ok(
    course.modules.every(
      (m: { locale: string; lessons: { locale: string }[] }) =>
        m.locale === 'en' && m.lessons.every((l) => l.locale === 'en'),
    ),
  );
  const list = (await get('/api/courses?locale=ar')).json();
  t.equal(list[0].locale, 'en');
  const lesson = (await get('/api/lessons/m1-what-is-a-learning-city?locale=ar')).json();
  t.same([lesson.locale, lesson.moduleLocale, lesson.next.locale], ['en', 'en', 'en']);
  const mod = (await get('/api/modules/m1-concept?locale=ar')).json();
  t.same([mod.locale, mod.activity.locale, mod.tutorial.locale], ['en', 'en', 'en']);
});

t.test('French wanted: a lesson without its French file says English, its neighbours French', async (t) => {
  const lesson = (await get(`/api/lessons/${untranslated.id}?locale=fr`)).json();
  t.equal(lesson.title, untranslated.title.en);
  t.equal(lesson.locale, 'en', 'the lesson text is English');
  t.equal(lesson.translated, false);
  t.equal(lesson.moduleLocale, 'en', 'its module title has no French either');
  t.equal(lesson.next.locale, 'fr', 'the next lesson is French');
  const course = (await get('/api/courses/learning-city?locale=fr')).json();
  t.equal(course.locale, 'fr');
  const m2 = course.modules.find((m: { id: string }) => m.id === 'm2-planning');
  t.equal(m2.locale, 'en');
  t.same(
    m2.lessons.map((l: { id: string; locale: string }) => [l.id, l.locale]),
    planning.lessonIds.map((id) => [id, id === untranslated.id ? 'en' : 'fr']),
  );
  t.equal(course.modules[0].locale, 'fr');
  const mod = (await get('/api/modules/m2-planning?locale=fr')).json();
  t.equal(mod.locale, 'en');
  t.equal(mod.translated, false);
});

t.test('a quiz attempt says the language of each question, not the one asked for', async (t) => {
  const learner = await newLearner(app);
  const started = await injectAs(app, learner, { method: 'POST', url: '/api/quizzes/m1-quiz/attempts?locale=ar' });
  t.ok(started.statusCode < 300);
  const attempt = started.json();
  t.equal(attempt.locale, 'en');
  t.ok(attempt.questions.length > 0 && attempt.questions.every((q: { locale: string }) => q.locale === 'en'));
  const fr = (await get(`/api/attempts/${attempt.attemptId}?locale=fr`, learner.cookie)).json();
  t.equal(fr.locale, 'fr');
  t.ok(fr.questions.every((q: { locale: string }) => q.locale === 'fr'));

  const planningAttempt = (
    await injectAs(app, learner, { method: 'POST', url: `/api/quizzes/${quiz.id}/attempts?locale=fr` })
  ).json();
  t.equal(planningAttempt.locale, 'en', 'a bank without French is served in English');
  t.ok(planningAttempt.questions.every((q: { locale: string }) => q.locale === 'en'));
  const submitted = (
    await injectAs(app, learner, {
      method: 'POST',
      url: `/api/attempts/${planningAttempt.attemptId}/submit?locale=fr`,
      payload: {},
    })
  ).json();
  t.equal(submitted.status, 'submitted');
  t.ok(submitted.questions.every((q: { locale: string }) => q.locale === 'en'));
});
