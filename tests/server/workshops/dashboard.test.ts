// Assignments with due dates, the dashboard (status, totals, item analysis) and the CSV export.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newLearner } from '../../helpers/factories.ts';
import { contentBundle } from '../../helpers/db.ts';
import { dayFromToday, newParticipant, newWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const bundle = contentBundle();
const m1 = bundle.modules.find((m) => m.id === 'm1-concept')!;
const m2 = bundle.modules.find((m) => m.id === 'm2-planning')!;
const quiz1 = bundle.quizzes.find((q) => q.id === m1.quizId)!;
const keyOf = new Map(quiz1.questions.map((q) => [q.id, q.answer]));

const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload ? { payload } : {}) });
const finishLessons = (u: TestUser, lessonIds: string[]) =>
  as(u, 'POST', '/api/progress/events', {
    events: lessonIds.map((lessonId) => ({
      id: randomUUID(),
      type: 'lesson.completed',
      lessonId,
      at: new Date().toISOString(),
    })),
  });
/** A response that is surely wrong: the key reversed for ordering (every option is in its key), else an option outside the key. */
const wrongResponse = (key: string[], optionIds: string[]) => {
  const outside = optionIds.find((id) => !key.includes(id));
  return outside ? [outside] : [...key].reverse();
};
/** Takes the quiz, answering every drawn question right except the one at `wrongIndex`; returns the graded questions. */
async function takeQuiz(
  u: TestUser,
  wrongIndex = -1,
): Promise<{ score: number; questions: { questionId: string; correct: boolean }[] }> {
  const attempt = (await as(u, 'POST', `/api/quizzes/${quiz1.id}/attempts`)).json();
  const answers = attempt.questions.map((q: { questionId: string; options: { id: string }[] }, i: number) => ({
    questionId: q.questionId,
    response:
      i !== wrongIndex
        ? keyOf.get(q.questionId)!
        : wrongResponse(
            keyOf.get(q.questionId)!,
            q.options.map((o) => o.id),
          ),
  }));
  return (await as(u, 'POST', `/api/attempts/${attempt.attemptId}/submit`, { answers })).json();
}

const owner = await newFacilitator(app);
const otherFacilitator = await newFacilitator(app);
const admin = await newAdmin(app);

t.test(
  'assignments: a module with a due date in the workshop time zone, stored in UTC; outside the dates is refused',
  async (t) => {
    const w = await newWorkshop(app, owner, {
      startsOn: '2026-05-06',
      endsOn: '2026-05-09',
      timeZone: 'Asia/Phnom_Penh',
    });
    const res = await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
      moduleId: 'm1-concept',
      dueOn: '2026-05-07',
      dueTime: '17:00',
    });
    t.equal(res.statusCode, 201);
    const a = res.json();
    t.equal(a.dueAt, '2026-05-07T10:00:00.000Z', '17:00 in Phnom Penh (UTC+7) is 10:00 UTC');
    t.equal(a.dueOn, '2026-05-07');
    t.equal(a.dueTime, '17:00');
    t.equal(a.moduleNumber, 1);
    t.equal(a.quizId, 'm1-quiz');
    const defaultTime = await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
      moduleId: 'm2-planning',
      dueOn: '2026-05-09',
    });
    t.equal(defaultTime.json().dueTime, '23:59', 'the end of the day by default');

    const outside = await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
      moduleId: 'm3-involvement',
      dueOn: '2026-05-10',
    });
    t.equal(outside.statusCode, 400);
    t.equal(outside.json().error.code, 'workshops.due_outside');
    t.match(outside.json().error.message, /2026-05-06 to 2026-05-09/);
    t.equal(
      (
        await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
          moduleId: 'm3-involvement',
          dueOn: '2026-05-05',
        })
      ).statusCode,
      400,
      'before the start',
    );
    t.equal(
      (
        await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
          moduleId: 'no-such-module',
          dueOn: '2026-05-07',
        })
      ).json().error.code,
      'workshops.module_unknown',
    );
    t.equal(
      (await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, { moduleId: 'm1-concept', dueOn: '2026-05-08' }))
        .statusCode,
      409,
      'assigned twice',
    );
    t.equal(
      (
        await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
          moduleId: 'm3-involvement',
          dueOn: '2026-05-08',
          dueTime: '25:00',
        })
      ).statusCode,
      400,
      'bad time',
    );

    const moved = await as(owner, 'PATCH', `/api/workshops/${w.id}/assignments/${a.id}`, {
      dueOn: '2026-05-08',
      dueTime: '09:30',
    });
    t.equal(moved.statusCode, 200);
    t.equal(moved.json().dueAt, '2026-05-08T02:30:00.000Z');
    t.equal(
      (await as(owner, 'PATCH', `/api/workshops/${w.id}/assignments/${a.id}`, { dueOn: '2026-06-01' })).statusCode,
      400,
      'moved outside',
    );
    const shrink = await as(owner, 'PATCH', `/api/workshops/${w.id}`, { endsOn: '2026-05-07' });
    t.equal(shrink.statusCode, 400, 'the dates cannot shrink past an assignment');
    t.equal(shrink.json().error.code, 'workshops.assignments_outside');

    const participant = await newParticipant(app, await newWorkshop(app, owner)); // a participant of another workshop
    for (const [who, u, status] of [
      ['other facilitator', otherFacilitator, 403],
      ['learner', participant, 403],
      ['anonymous', null, 401],
    ] as const) {
      t.equal(
        (await as(u, 'POST', `/api/workshops/${w.id}/assignments`, { moduleId: 'm3-involvement', dueOn: '2026-05-08' }))
          .statusCode,
        status,
        `add: ${who}`,
      );
      t.equal(
        (await as(u, 'PATCH', `/api/workshops/${w.id}/assignments/${a.id}`, { dueOn: '2026-05-08' })).statusCode,
        status,
        `change: ${who}`,
      );
      t.equal(
        (await as(u, 'DELETE', `/api/workshops/${w.id}/assignments/${a.id}`)).statusCode,
        status,
        `remove: ${who}`,
      );
    }
    t.equal(
      (await as(admin, 'PATCH', `/api/workshops/${w.id}/assignments/${a.id}`, { dueOn: '2026-05-09' })).statusCode,
      200,
      'admin changes',
    );
    t.equal((await as(owner, 'DELETE', `/api/workshops/${w.id}/assignments/${a.id}`)).statusCode, 204);
    t.equal(
      (await as(owner, 'DELETE', `/api/workshops/${w.id}/assignments/${a.id}`)).statusCode,
      404,
      'already removed',
    );
    t.same(
      (await as(owner, 'GET', `/api/workshops/${w.id}`))
        .json()
        .assignments.map((x: { moduleId: string }) => x.moduleId),
      ['m2-planning'],
    );
  },
);

/** Takes the quiz answering every drawn question right, or every one wrong. */
async function takeQuizAll(u: TestUser, right: boolean) {
  return takeQuizWith(u, () => right);
}
async function takeQuizWith(u: TestUser, rightAt: (index: number) => boolean) {
  const attempt = (await as(u, 'POST', `/api/quizzes/${quiz1.id}/attempts`)).json();
  const answers = attempt.questions.map((q: { questionId: string; options: { id: string }[] }, i: number) => ({
    questionId: q.questionId,
    response: rightAt(i)
      ? keyOf.get(q.questionId)!
      : wrongResponse(
          keyOf.get(q.questionId)!,
          q.options.map((o) => o.id),
        ),
  }));
  return (await as(u, 'POST', `/api/attempts/${attempt.attemptId}/submit`, { answers })).json();
}
type ItemRow = { questionId: string; discrimination: number | null; separates: boolean | null };

t.test(
  'item analysis: the discrimination index (top third minus bottom third) flags questions that do not separate',
  async (t) => {
    const w = await newWorkshop(app, owner, { startsOn: dayFromToday(-2), endsOn: dayFromToday(2) });
    t.equal(
      (await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, { moduleId: m1.id, dueOn: dayFromToday(2) }))
        .statusCode,
      201,
    );
    const itemsOf = async () =>
      (await as(owner, 'GET', `/api/workshops/${w.id}/dashboard`))
        .json()
        .items.find((x: { quizId: string }) => x.quizId === quiz1.id).questions as ItemRow[];

    const first = await newParticipant(app, w, { name: 'Strong One' });
    await takeQuizAll(first, true);
    t.ok(
      (await itemsOf()).every((q) => q.discrimination === null && q.separates === null),
      'one attempt is too few: no index',
    );

    // Six participants: two answer everything right (100 %), two get half right, two get everything wrong (0 %).
    const second = await newParticipant(app, w, { name: 'Strong Two' });
    await takeQuizAll(second, true);
    for (const name of ['Middle One', 'Middle Two'])
      await takeQuizWith(await newParticipant(app, w, { name }), (i) => i % 2 === 0);
    for (const name of ['Weak One', 'Weak Two']) await takeQuizAll(await newParticipant(app, w, { name }), false);
    const items = await itemsOf();
    const indexed = items.filter((q) => q.discrimination !== null);
    // Each third drew at least questionsPerAttempt of the bank's questions, so at least 2 × 10 − 14 are in both.
    t.ok(
      indexed.length >= 2 * quiz1.questionsPerAttempt - quiz1.questions.length,
      'questions drawn in both the top and the bottom third have an index',
    );
    t.ok(
      indexed.every((q) => q.discrimination === 1 && q.separates === true),
      'right in the top third, wrong in the bottom third: index 1, separates',
    );
    t.ok(
      items.filter((q) => q.discrimination === null).every((q) => q.separates === null),
      'no index, no verdict',
    );

    // Another workshop where everyone answers everything right: no question separates anyone (index 0).
    const flat = await newWorkshop(app, owner, { startsOn: dayFromToday(-2), endsOn: dayFromToday(2) });
    await as(owner, 'POST', `/api/workshops/${flat.id}/assignments`, { moduleId: m1.id, dueOn: dayFromToday(2) });
    for (const name of ['Even A', 'Even B', 'Even C'])
      await takeQuizAll(await newParticipant(app, flat, { name }), true);
    const flatItems = (await as(owner, 'GET', `/api/workshops/${flat.id}/dashboard`)).json().items[0]
      .questions as ItemRow[];
    const flatIndexed = flatItems.filter((q) => q.discrimination !== null);
    t.ok(flatIndexed.length > 0);
    t.ok(
      flatIndexed.every((q) => q.discrimination === 0 && q.separates === false),
      'everyone right: index 0, does not separate',
    );
  },
);

t.test('the dashboard: status per participant and assignment, totals, item analysis; overdue is derived', async (t) => {
  const w = await newWorkshop(app, owner, { startsOn: dayFromToday(-2), endsOn: dayFromToday(2) });
  const due1 = await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
    moduleId: m1.id,
    dueOn: dayFromToday(2),
  });
  t.equal(due1.statusCode, 201);
  // m2 was due yesterday: whoever has not completed it is overdue.
  t.equal(
    (
      await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, {
        moduleId: m2.id,
        dueOn: dayFromToday(-1),
        dueTime: '00:00',
      })
    ).statusCode,
    201,
  );
  const done = await newParticipant(app, w, { name: 'Chanthou Done' });
  const started = await newParticipant(app, w, { name: 'Bopha Started' });
  await newParticipant(app, w, { name: 'Arun Idle' }); // joined, never started
  const left = await newParticipant(app, w, { name: 'Leaving Person' });
  const outsider = await newLearner(app, { name: 'Not In Workshop' });
  t.equal((await finishLessons(done, m1.lessonIds)).statusCode, 200);
  const result = await takeQuiz(done);
  t.equal(result.score, 100);
  t.equal((await finishLessons(started, [m1.lessonIds[0]])).statusCode, 200);
  const partly = await takeQuiz(started, 0);
  t.ok(partly.score < 100);
  await finishLessons(outsider, m1.lessonIds);
  await as(left, 'POST', `/api/workshops/${w.id}/leave`);

  const res = await as(owner, 'GET', `/api/workshops/${w.id}/dashboard`);
  t.equal(res.statusCode, 200);
  const d = res.json();
  t.equal(d.participantCount, 3, 'those who left are not on it');
  t.same(
    d.participants.map((p: { name: string }) => p.name),
    ['Arun Idle', 'Bopha Started', 'Chanthou Done'],
    'sorted by name',
  );
  const row = (name: string) => d.participants.find((p: { name: string }) => p.name === name);
  const cellOf = (name: string, moduleId: string) =>
    row(name).cells.find((c: { moduleId: string }) => c.moduleId === moduleId);
  t.same(cellOf('Chanthou Done', m1.id), { moduleId: m1.id, status: 'complete', percent: 100, bestScore: 100 });
  t.equal(cellOf('Bopha Started', m1.id).status, 'in_progress');
  t.ok(cellOf('Bopha Started', m1.id).bestScore < 100);
  t.equal(cellOf('Arun Idle', m1.id).status, 'not_started');
  t.equal(cellOf('Arun Idle', m2.id).status, 'overdue', 'not done after the due time');
  t.equal(cellOf('Chanthou Done', m2.id).status, 'overdue');
  t.ok(row('Chanthou Done').lastActiveAt, 'last active');
  t.equal(row('Arun Idle').lastActiveAt, null);
  t.notMatch(res.body, 'Not In Workshop', 'no one outside the workshop');
  t.notMatch(res.body, 'Leaving Person');

  const totals1 = d.totals.find((x: { moduleId: string }) => x.moduleId === m1.id);
  t.match(totals1, { moduleId: m1.id, notStarted: 1, inProgress: 1, complete: 1, overdue: 0 }, 'totals per module');
  t.ok(totals1.averageBestScore > 0 && totals1.averageBestScore < 100, 'average best score of those who took the quiz');
  const items = d.items.find((x: { quizId: string }) => x.quizId === quiz1.id);
  t.equal(items.questions.length, quiz1.questions.length, 'every question of the bank');
  t.ok(
    items.questions.every((q: { prompt: string }) => q.prompt.length > 5),
    'with their prompts',
  );
  const expected = quiz1.questions.map((q) => {
    const graded = [...result.questions, ...partly.questions].filter((g) => g.questionId === q.id);
    const correct = graded.filter((g) => g.correct).length;
    return {
      questionId: q.id,
      answered: graded.length,
      correct,
      percentCorrect: graded.length ? Math.round((100 * correct) / graded.length) : null,
    };
  });
  t.same(
    items.questions.map(
      (q: { questionId: string; answered: number; correct: number; percentCorrect: number | null }) => ({
        questionId: q.questionId,
        answered: q.answered,
        correct: q.correct,
        percentCorrect: q.percentCorrect,
      }),
    ),
    expected,
    'share right among those who answered each question; null when nobody did',
  );
  t.ok(
    items.questions.some((q: { percentCorrect: number | null }) => q.percentCorrect !== null && q.percentCorrect < 100),
    'the question answered wrong shows',
  );

  const completeOnly = (await as(owner, 'GET', `/api/workshops/${w.id}/dashboard?status=complete`)).json();
  t.same(
    completeOnly.participants.map((p: { name: string }) => p.name),
    ['Chanthou Done'],
    'filter by status',
  );
  const byProgress = (await as(owner, 'GET', `/api/workshops/${w.id}/dashboard?sort=progress`)).json();
  t.equal(byProgress.participants[0].name, 'Arun Idle', 'least progress first');

  const mine = (await as(started, 'GET', `/api/workshops/${w.id}`)).json();
  t.same(
    mine.assignments.map((a: { moduleId: string; status: string }) => [a.moduleId, a.status]).sort(),
    [
      [m1.id, 'in_progress'],
      [m2.id, 'overdue'],
    ].sort(),
    'a participant sees their own status',
  );
  const myList = (await as(started, 'GET', '/api/workshops/mine')).json();
  t.equal(myList.participating[0].assignments.length, 2);

  for (const [who, u, status] of [
    ['other facilitator', otherFacilitator, 403],
    ['participant', done, 403],
    ['anonymous', null, 401],
  ] as const) {
    t.equal((await as(u, 'GET', `/api/workshops/${w.id}/dashboard`)).statusCode, status, `dashboard: ${who}`);
    t.equal((await as(u, 'GET', `/api/workshops/${w.id}/export.csv`)).statusCode, status, `export: ${who}`);
  }
  t.equal((await as(admin, 'GET', `/api/workshops/${w.id}/dashboard`)).statusCode, 200, 'admin');
});

t.test('the CSV export: BOM, one row per participant, every script intact, formulas neutralised', async (t) => {
  const w = await newWorkshop(app, owner, { title: 'Atelier =SUM(A1)' });
  await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, { moduleId: m1.id, dueOn: dayFromToday(1) });
  const fullwidth = ['＝1+1', '＋1 555', '＠SUM(A1)'];
  const names = [
    '张伟',
    'សុខ សុភា',
    'فاطمة الزهراء',
    '=HYPERLINK("http://evil.example","x")',
    '+1 555',
    '-2+3',
    '@SUM(A1)',
    'Ngô Thị Hằng, "Hằng"',
    ...fullwidth,
  ];
  for (const name of names) await newParticipant(app, w, { name });
  const leaver = await newParticipant(app, w, { name: 'Gone Before Export' });
  await as(leaver, 'POST', `/api/workshops/${w.id}/leave`);

  const res = await as(owner, 'GET', `/api/workshops/${w.id}/export.csv`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /^attachment; filename="atelier-sum-?a1-\d{4}-\d{2}-\d{2}\.csv"$/);
  const raw = res.rawPayload;
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const rows: string[][] = parse(raw.toString('utf8'), { bom: true });
  t.equal(rows.length, names.length + 1, 'a header and one row per current participant');
  t.same(rows[0].slice(0, 3), ['Name', 'Email', 'Username']);
  t.ok(
    rows[0].some((h) => /M1 .*: status/.test(h)),
    'a status column per assignment',
  );
  const exported = rows.slice(1).map((r) => r[0]);
  for (const name of ['张伟', 'សុខ សុភា', 'فاطمة الزهراء', 'Ngô Thị Hằng, "Hằng"'])
    t.ok(exported.includes(name), `${name} intact`);
  for (const formula of ['=HYPERLINK("http://evil.example","x")', '+1 555', '-2+3', '@SUM(A1)'])
    t.ok(exported.includes(`'${formula}`), `${formula} starts with an apostrophe`);
  for (const formula of fullwidth)
    t.ok(exported.includes(`'${formula}`), `${formula} (fullwidth) starts with an apostrophe`);
  t.notOk(
    exported.some((n) => /^[=+\-@]/.test(n.normalize('NFKC'))),
    'no cell starts a formula',
  );
  t.notOk(exported.includes('Gone Before Export'), 'someone who left is not exported');
  t.ok(
    rows.slice(1).every((r) => r[7] === 'Not started'),
    'statuses, as words',
  );
});

t.test('the CSV export speaks the language of the person who downloads it: headers and statuses', async (t) => {
  const w = await newWorkshop(app, owner);
  await as(owner, 'POST', `/api/workshops/${w.id}/assignments`, { moduleId: m1.id, dueOn: dayFromToday(1) });
  await newParticipant(app, w, { name: 'Lan' });
  const admin = await newAdmin(app, { locale: 'fr' });
  // French spreadsheets expect semicolons: with no browser language sent, the site's language decides.
  const rows: string[][] = parse(
    (await as(admin, 'GET', `/api/workshops/${w.id}/export.csv`)).rawPayload.toString('utf8'),
    { bom: true, delimiter: ';' },
  );
  t.same(rows[0].slice(0, 3), ['Nom', 'E-mail', "Nom d'utilisateur"]);
  t.match(rows[0][3], /Asia\/Phnom_Penh/, 'the time zone is named in the header');
  t.equal(rows[1][7], 'Pas commencé');
});
