// The join window (410 before and after, saying when), enrolment on join, and removing a participant.
import t from 'tap';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newLearner } from '../../helpers/factories.ts';
import { joinAs, newParticipant, newWorkshop } from '../../helpers/workshops.ts';
import { toLocalDateTime } from '../../../server/modules/workshops/join-window.ts';

const app = await build(t);
const facilitator = await newFacilitator(app);
const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload ? { payload } : {}) });
const ZONE = 'Asia/Phnom_Penh';
const localIn = (hours: number) => toLocalDateTime(new Date(Date.now() + hours * 3_600_000), ZONE)!;

t.test(
  'join window: set in the workshop time zone; before it opens 410 "not open yet (opens …)", after it closes 410 "closed on …"',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const opens = localIn(2);
    const set = await as(facilitator, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: opens, joinUntil: localIn(5) });
    t.equal(set.statusCode, 200);
    t.equal(set.json().joinFrom, opens, 'shown back in the workshop time zone');
    const early = await joinAs(app, await newLearner(app), w.joinCode);
    t.equal(early.statusCode, 410);
    t.equal(early.json().error.code, 'workshops.join_not_open');
    t.match(early.json().error.message, `not open yet (opens ${opens.replace('T', ' ')} (${ZONE}))`);

    await as(facilitator, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: localIn(-5), joinUntil: localIn(-1) });
    const late = await joinAs(app, await newLearner(app), w.joinCode);
    t.equal(late.statusCode, 410);
    t.equal(late.json().error.code, 'workshops.join_window_closed');
    t.match(late.json().error.message, `closed on ${localIn(-1).replace('T', ' ')}`);

    await as(facilitator, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: localIn(-1), joinUntil: null });
    t.equal((await joinAs(app, await newLearner(app), w.joinCode)).statusCode, 201, 'inside the window');
  },
);

t.test('join window: closing before opening is refused (400); a participant cannot set it (403)', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const bad = await as(facilitator, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: localIn(5), joinUntil: localIn(2) });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'workshops.join_window_order');
  const malformed = await as(facilitator, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: 'tomorrow' });
  t.equal(malformed.statusCode, 400);
  const participant = await newParticipant(app, w);
  t.equal((await as(participant, 'PATCH', `/api/workshops/${w.id}`, { joinFrom: localIn(1) })).statusCode, 403);
});

t.test('joining enrols the person in the course, once; joining again changes nothing', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const learner = await newLearner(app);
  const enrolled = async () => (await as(learner, 'GET', '/api/courses/learning-city')).json().enrolled;
  t.equal(await enrolled(), false, 'not enrolled before');
  t.equal((await joinAs(app, learner, w.joinCode)).statusCode, 201);
  t.equal(await enrolled(), true, 'enrolled by joining');
  t.equal((await joinAs(app, learner, w.joinCode)).statusCode, 200);
  t.equal(await enrolled(), true);
});

t.test(
  'removing a participant: a facilitator of the workshop may; they leave the dashboard and export, their progress stays',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const stays = await newParticipant(app, w, { name: 'Stays Here' });
    const goes = await newParticipant(app, w, { name: 'Removed Person' });
    const otherFacilitator = await newFacilitator(app);
    const url = `/api/workshops/${w.id}/participants/${goes.id}`;
    t.equal((await as(null, 'DELETE', url)).statusCode, 401, 'anonymous');
    t.equal((await as(stays, 'DELETE', url)).statusCode, 403, 'another participant');
    t.equal((await as(otherFacilitator, 'DELETE', url)).statusCode, 403, 'a facilitator of another workshop');
    t.equal((await as(facilitator, 'DELETE', url)).statusCode, 204, 'the facilitator');
    t.equal((await as(facilitator, 'DELETE', url)).statusCode, 404, 'already removed');
    const names = (await as(facilitator, 'GET', `/api/workshops/${w.id}/dashboard`))
      .json()
      .participants.map((p: { name: string }) => p.name);
    t.same(names, ['Stays Here']);
    const csv = (await as(facilitator, 'GET', `/api/workshops/${w.id}/export.csv`)).body;
    t.notMatch(csv, 'Removed Person');
    t.equal((await as(goes, 'GET', `/api/workshops/${w.id}`)).statusCode, 403, 'the removed person no longer sees it');
    t.equal(
      (await as(goes, 'GET', '/api/courses/learning-city')).statusCode,
      200,
      'their own course and progress stay theirs',
    );
  },
);

t.test('the participant list: facilitators only', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const p = await newParticipant(app, w, { name: 'Listed Person' });
  const list = await as(facilitator, 'GET', `/api/workshops/${w.id}/participants`);
  t.equal(list.statusCode, 200);
  t.same(
    list.json().items.map((i: { name: string; canReissueCode: boolean }) => [i.name, i.canReissueCode]),
    [['Listed Person', false]],
  );
  t.equal((await as(p, 'GET', `/api/workshops/${w.id}/participants`)).statusCode, 403, 'a participant');
  t.equal(
    (await as(await newFacilitator(app), 'GET', `/api/workshops/${w.id}/participants`)).statusCode,
    403,
    'another facilitator',
  );
  t.equal((await as(null, 'GET', `/api/workshops/${w.id}/participants`)).statusCode, 401, 'anonymous');
});

t.test('a co-facilitator and an admin may remove participants too', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const co = await newFacilitator(app);
  t.equal((await as(facilitator, 'POST', `/api/workshops/${w.id}/facilitators`, { email: co.email })).statusCode, 201);
  const [a, b] = [await newParticipant(app, w), await newParticipant(app, w)];
  t.equal((await as(co, 'DELETE', `/api/workshops/${w.id}/participants/${a.id}`)).statusCode, 204, 'co-facilitator');
  t.equal(
    (await as(await newAdmin(app), 'DELETE', `/api/workshops/${w.id}/participants/${b.id}`)).statusCode,
    204,
    'admin',
  );
  t.equal((await as(facilitator, 'GET', `/api/workshops/${w.id}`)).json().participantCount, 0);
});
