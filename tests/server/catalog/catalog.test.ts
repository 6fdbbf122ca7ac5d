import t from 'tap';
import { eq } from 'drizzle-orm';
import { lessons } from '../../../server/db/schema.ts';
import { importContent } from '../../../server/modules/catalog/catalog.import.ts';
import { build, injectAs } from '../../helpers/app.ts';
import { newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';

const app = await build(t);
const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

t.test('the course lists its seven modules and the thematic unit, in order, with quiz ids', async (t) => {
  const list = await get('/api/courses');
  t.equal(list.statusCode, 200);
  t.same(
    list.json().map((c: { id: string }) => c.id),
    ['learning-city'],
  );
  const res = await get('/api/courses/learning-city');
  t.equal(res.statusCode, 200);
  const course = res.json();
  t.equal(course.title, 'Building a Learning City');
  t.same(
    course.modules.map((m: { id: string }) => m.id),
    [
      'm1-concept',
      'm2-planning',
      'm3-involvement',
      'm4-celebration',
      'm5-accessibility',
      'm6-monitoring',
      'm7-funding',
      't1-esd',
    ],
  );
  t.equal(course.modules[7].kind, 'thematic');
  for (const m of course.modules) {
    t.ok(m.quizId, `${m.id} names its quiz`);
    t.ok(m.lessons.length >= 3, `${m.id} has lessons`);
  }
  t.equal(course.enrolled, null, 'anonymous: no enrolment state');
  t.equal(course.locale, 'en');
});

t.test(
  'French, Chinese, Vietnamese and Khmer are served in full; an untranslated language falls back to English and says so',
  async (t) => {
    const fr = (await get('/api/courses/learning-city?locale=fr')).json();
    t.equal(fr.locale, 'fr');
    t.equal(fr.translated, true);
    t.not(fr.title, 'Building a Learning City');
    const zh = (await get('/api/lessons/m2-why-a-plan?locale=zh')).json();
    t.equal(zh.locale, 'zh');
    t.match(zh.html, /[\u4e00-\u9fff]/, 'Chinese text');
    const vi = (await get('/api/lessons/m1-national-and-local?locale=vi')).json();
    t.equal(vi.locale, 'vi');
    t.equal(vi.translated, true);
    t.equal(vi.title, 'Làm việc với cấp quốc gia: gia nhập mạng lưới và báo cáo');
    t.match(
      vi.html,
      /<blockquote class="city-example">\s*<p><strong>Ví dụ thành phố: Hải Dương \(Việt Nam\)\.<\/strong>/,
      'the Vietnamese city example gets the example box',
    );
    const viModule = (await get('/api/modules/m4-celebration?locale=vi')).json();
    t.equal(viModule.title, 'Tôn vinh học tập: khởi động và duy trì tiến trình bằng các sự kiện tôn vinh học tập');
    const km = (await get('/api/lessons/m1-national-and-local?locale=km')).json();
    t.equal(km.locale, 'km');
    t.equal(km.translated, true);
    t.equal(km.title, 'កម្រិតជាតិ និងកម្រិតមូលដ្ឋាន៖ ការចូលរួមក្នុងបណ្ដាញ');
    t.match(
      km.html,
      /<blockquote class="city-example">\s*<p><strong>ឧទាហរណ៍ទីក្រុង៖ ហៃយឿង \(Hai Duong, វៀតណាម\)។<\/strong>/,
      'the Khmer city example gets the example box',
    );
    const kmModule = (await get('/api/modules/m3-involvement?locale=km')).json();
    t.equal(kmModule.title, 'ការចូលរួម៖ រចនាសម្ព័ន្ធសម្របសម្រួលសម្រាប់ភាគីពាក់ព័ន្ធទាំងអស់');
    const ru = (await get('/api/lessons/m2-why-a-plan?locale=ru')).json();
    t.equal(ru.locale, 'en');
    t.equal(ru.translated, false);
    const bad = await get('/api/courses/learning-city?locale=FR!');
    t.equal(bad.statusCode, 400);
  },
);

t.test('every lesson is served translated in Vietnamese, Indonesian and Khmer, in that language', async (t) => {
  const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
  const KHMER = /\p{Script=Khmer}{3}/u;
  const lessonIds = contentBundle().lessons.map((l) => l.id);
  t.ok(lessonIds.length >= 24, `${lessonIds.length} lessons`);
  for (const id of lessonIds) {
    const en = (await get(`/api/lessons/${id}?locale=en`)).json();
    for (const locale of ['vi', 'id', 'km']) {
      const res = await get(`/api/lessons/${id}?locale=${locale}`);
      const lesson = res.json();
      const ok =
        res.statusCode === 200 &&
        lesson.translated === true &&
        lesson.locale === locale &&
        lesson.title !== en.title &&
        lesson.html !== en.html &&
        (locale === 'vi' ? VIETNAMESE.test(lesson.title) && VIETNAMESE.test(lesson.html) : true) &&
        (locale === 'km'
          ? KHMER.test(lesson.title) && KHMER.test(lesson.html) && lesson.keyPoints.every((k: string) => KHMER.test(k))
          : true);
      // One assertion per lesson and language, so a missing translation is named without a flood of lines.
      t.ok(ok, `${id} (${locale}): translated, ${lesson.locale}, "${lesson.title}"`);
    }
  }
});

t.test(
  'a lesson comes as sanitised HTML with anchors, key points, sources and previous/next across modules',
  async (t) => {
    const course = (await get('/api/courses/learning-city')).json();
    const lastOfM1 = course.modules[0].lessons.at(-1);
    const res = await get(`/api/lessons/${lastOfM1.id}`);
    t.equal(res.statusCode, 200);
    const lesson = res.json();
    t.match(lesson.html, /<h2 id="[^"]+"/);
    t.notMatch(lesson.html, /<script/i);
    t.ok(lesson.toc.length >= 1);
    t.ok(lesson.keyPoints.length >= 3);
    t.ok(lesson.sources.every((s: { url: string }) => /^https?:\/\//.test(s.url)));
    t.equal(lesson.next.id, course.modules[1].lessons[0].id, 'next runs into the next module');
    t.equal(lesson.previous.id, course.modules[0].lessons.at(-2).id);
  },
);

t.test(
  "a key-area module serves its Guidelines checklist in the reader's language, each item citing its point; others have none",
  async (t) => {
    const en = (await get('/api/modules/m2-planning')).json();
    t.same(
      en.checklist.items.map((i: { id: string; area: number; point: number }) => [i.id, i.area, i.point]),
      [
        ['1.1', 1, 1],
        ['1.2', 1, 2],
        ['1.3', 1, 3],
      ],
    );
    t.match(en.checklist, {
      area: 1,
      complete: false,
      locale: 'en',
      reviewed: true,
      source: { url: /^https:\/\/slidelegend\.com\// },
    });
    t.match(en.checklist.items[1].text, /^We have taken stock/);
    const zh = (await get('/api/modules/m2-planning?locale=zh')).json();
    t.match(
      zh.checklist,
      { locale: 'zh', reviewed: false },
      'the Chinese checklist is machine-assisted until module.zh.yaml says reviewed',
    );
    t.match(zh.checklist.items[0].text, /[\u4e00-\u9fff]/);
    const ru = (await get('/api/modules/m2-planning?locale=ru')).json();
    t.match(ru.checklist, { locale: 'en', reviewed: true }, 'a language without a translation reads the English items');
    t.equal((await get('/api/modules/t1-esd')).json().checklist, null);
    t.equal((await get('/api/modules/m1-concept')).json().checklist, null);
  },
);

t.test('unknown ids get 404 with a message', async (t) => {
  for (const [url, code] of [
    ['/api/courses/nope', 'catalog.course_not_found'],
    ['/api/modules/nope', 'catalog.module_not_found'],
    ['/api/lessons/nope', 'catalog.lesson_not_found'],
  ]) {
    const res = await get(url);
    t.equal(res.statusCode, 404, url);
    t.equal(res.json().error.code, code);
    t.match(res.json().error.message, /not found/);
  }
});

t.test('enrolment is idempotent; opening a lesson enrols; anonymous cannot enrol', async (t) => {
  const learner = await newLearner(app);
  const before = (await get('/api/courses/learning-city', learner.cookie)).json();
  t.equal(before.enrolled, false);
  await get('/api/lessons/m1-what-is-a-learning-city', learner.cookie);
  t.equal((await get('/api/courses/learning-city', learner.cookie)).json().enrolled, true, 'first lesson enrols');
  const other = await newLearner(app);
  const first = await injectAs(app, other, { method: 'POST', url: '/api/courses/learning-city/enrol' });
  const second = await injectAs(app, other, { method: 'POST', url: '/api/courses/learning-city/enrol' });
  t.equal(first.statusCode, 200);
  t.same(second.json(), first.json(), 'enrolling twice changes nothing');
  t.equal((await app.inject({ method: 'POST', url: '/api/courses/learning-city/enrol' })).statusCode, 401);
  t.equal((await injectAs(app, other, { method: 'POST', url: '/api/courses/nope/enrol' })).statusCode, 404);
});

t.test('no answer key or explanation reaches the catalog API', async (t) => {
  const bundle = contentBundle();
  const q = bundle.quizzes[0].questions[0];
  for (const url of ['/api/courses/learning-city', `/api/modules/${bundle.quizzes[0].moduleId}`]) {
    const body = (await get(url)).body;
    t.notMatch(body, q.text.en.explanation.slice(0, 40), `${url}: no explanation`);
    t.notMatch(body, '"answer"', `${url}: no answer field`);
  }
});

t.test('a translated lesson says whether a reviewer has marked it reviewed (translation: reviewed)', async (t) => {
  const bundle = contentBundle();
  const lesson = bundle.lessons.find((l) => l.html.fr && !l.reviewedLocales.includes('fr'))!;
  t.ok(lesson, 'a French lesson not marked reviewed');
  const fr = (await get(`/api/lessons/${lesson.id}?locale=fr`)).json();
  t.same([fr.locale, fr.translated, fr.reviewed], ['fr', true, false], 'machine-assisted, not yet reviewed');
  t.equal((await get(`/api/lessons/${lesson.id}`)).json().reviewed, true, 'the English original needs no review');
  t.equal(
    (await get(`/api/lessons/${lesson.id}?locale=xx`)).json().reviewed,
    true,
    'a fallback to English is the original',
  );
  const reviewed = {
    ...bundle,
    hash: `${bundle.hash}-reviewed`,
    lessons: bundle.lessons.map((l) => (l.id === lesson.id ? { ...l, reviewedLocales: ['fr'] } : l)),
  };
  await importContent(app.database.db, reviewed);
  t.equal((await get(`/api/lessons/${lesson.id}?locale=fr`)).json().reviewed, true, 'marked reviewed');
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-unreviewed` });
  t.equal((await get(`/api/lessons/${lesson.id}?locale=fr`)).json().reviewed, false, 'the mark removed again');
});

t.test('content import: unchanged content is skipped; a removed lesson is retired, not deleted', async (t) => {
  const bundle = contentBundle();
  t.same(await importContent(app.database.db, bundle), { imported: false, hash: bundle.hash });
  const removed = bundle.lessons[0];
  const changed = { ...bundle, hash: `${bundle.hash}-changed`, lessons: bundle.lessons.slice(1) };
  t.equal((await importContent(app.database.db, changed)).imported, true);
  t.equal((await get(`/api/lessons/${removed.id}`)).statusCode, 404, 'no longer served');
  const [row] = await app.database.db.select().from(lessons).where(eq(lessons.id, removed.id));
  t.ok(row?.retiredAt, 'kept as retired');
  await importContent(app.database.db, { ...bundle, hash: `${bundle.hash}-restored` });
  t.equal((await get(`/api/lessons/${removed.id}`)).statusCode, 200, 'restoring the file brings it back');
});
