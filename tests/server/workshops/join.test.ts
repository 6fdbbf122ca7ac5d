// Joining by code: idempotent, forgiving about case and dashes; unknown, closed, ended, full; leaving; rate limits.
import t from 'tap';
import { formatJoinCode, generateJoinCode, normaliseJoinCode } from '../../../server/shared/readable-codes.ts';
import { JOIN_LIMITS } from '../../../server/modules/workshops/workshops.routes.ts';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newFacilitator, newLearner } from '../../helpers/factories.ts';
import { dayFromToday, joinAs, newParticipant, newWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const facilitator = await newFacilitator(app);
const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload ? { payload } : {}) });

t.test('join codes: 8 characters without look-alikes; typed codes are read forgivingly', async (t) => {
  const codes = Array.from({ length: 2000 }, generateJoinCode);
  t.ok(
    codes.every((c) => /^[2-9A-HJKMNP-Z]{8}$/.test(c)),
    'no 0, O, 1, I or L',
  );
  t.ok(new Set(codes).size > 1990, 'random');
  t.equal(formatJoinCode('K7QM3XPA'), 'K7QM-3XPA');
  t.equal(normaliseJoinCode(' k7qm-3xpa '), 'K7QM3XPA');
  t.equal(normaliseJoinCode('K7QM 3XPA'), 'K7QM3XPA');
  t.equal(normaliseJoinCode('K7QM-3XP'), null, 'too short');
  t.equal(normaliseJoinCode('K7QM-3XP0'), null, 'a zero is never in a code');
});

t.test('a learner joins by code (any case, with or without the dash); joining again is fine', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const learner = await newLearner(app);
  const first = await joinAs(app, learner, w.joinCode.toLowerCase());
  t.equal(first.statusCode, 201);
  t.same(first.json(), { workshopId: w.id, title: w.title, alreadyJoined: false });
  const again = await joinAs(app, learner, w.joinCode.replace('-', ''));
  t.equal(again.statusCode, 200);
  t.equal(again.json().alreadyJoined, true);
  t.equal((await as(facilitator, 'GET', `/api/workshops/${w.id}`)).json().participantCount, 1, 'counted once');
});

t.test('anonymous visitors cannot join (401)', async (t) => {
  const w = await newWorkshop(app, facilitator);
  t.equal((await as(null, 'POST', '/api/workshops/join', { code: w.joinCode })).statusCode, 401);
});

t.test('bad codes: malformed 400, unknown 404, closed/ended 410 saying which, full 409', async (t) => {
  const learner = await newLearner(app);
  const malformed = await joinAs(app, learner, 'HELLO');
  t.equal(malformed.statusCode, 400);
  t.match(malformed.json().error.message, /8 letters and digits/);

  const unknownCode = generateJoinCode();
  const unknown = await joinAs(app, learner, unknownCode);
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().error.code, 'workshops.code_unknown');
  t.match(unknown.json().error.message, formatJoinCode(unknownCode));

  const closed = await newWorkshop(app, facilitator);
  await as(facilitator, 'PATCH', `/api/workshops/${closed.id}`, { joinOpen: false });
  const closedRes = await joinAs(app, learner, closed.joinCode);
  t.equal(closedRes.statusCode, 410);
  t.equal(closedRes.json().error.code, 'workshops.join_closed');
  t.match(closedRes.json().error.message, /closed joining/);

  const ended = await newWorkshop(app, facilitator, { startsOn: dayFromToday(-10), endsOn: dayFromToday(-3) });
  const endedRes = await joinAs(app, learner, ended.joinCode);
  t.equal(endedRes.statusCode, 410);
  t.equal(endedRes.json().error.code, 'workshops.ended');
  t.match(endedRes.json().error.message, new RegExp(`ended on ${dayFromToday(-3)}`));

  const small = await newWorkshop(app, facilitator, { maxParticipants: 2 });
  const [a, b, c] = [await newLearner(app), await newLearner(app), await newLearner(app)];
  const results = await Promise.all([a, b, c].map((u) => joinAs(app, u, small.joinCode)));
  t.same(
    results.map((r) => r.statusCode).sort(),
    [201, 201, 409],
    'two fit, the third is refused even when all join at once',
  );
  const full = results.find((r) => r.statusCode === 409)!;
  t.equal(full.json().error.code, 'workshops.full');
  t.match(full.json().error.message, /room for 2 participants/);
  const joined = [a, b, c].filter((_, i) => results[i].statusCode === 201);
  t.equal(
    (await joinAs(app, joined[0], small.joinCode)).statusCode,
    200,
    'someone already in can still "join" a full workshop',
  );
});

t.test('a participant leaves: off the workshop, can rejoin; others cannot leave for them', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const participant = await newParticipant(app, w);
  const stranger = await newLearner(app);
  t.equal((await as(stranger, 'POST', `/api/workshops/${w.id}/leave`)).statusCode, 403, 'not a participant');
  t.equal((await as(null, 'POST', `/api/workshops/${w.id}/leave`)).statusCode, 401, 'anonymous');
  t.equal(
    (await as(facilitator, 'POST', `/api/workshops/${w.id}/leave`)).statusCode,
    409,
    'the facilitator is not a participant',
  );
  t.equal((await as(participant, 'POST', `/api/workshops/${w.id}/leave`)).statusCode, 204);
  t.equal((await as(participant, 'GET', `/api/workshops/${w.id}`)).statusCode, 403, 'no longer reads it');
  t.equal((await as(facilitator, 'GET', `/api/workshops/${w.id}`)).json().participantCount, 0);
  t.same((await as(participant, 'GET', '/api/workshops/mine')).json().participating, []);
  t.equal((await joinAs(app, participant, w.joinCode)).statusCode, 201, 'rejoining works');
});

t.test(
  `guessing codes: one account gets ${JOIN_LIMITS.perAccount.max} tries an hour, then 429 with a wait`,
  async (t) => {
    const guesser = await newLearner(app);
    const w = await newWorkshop(app, facilitator);
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_LIMITS.perAccount.max; i++)
      statuses.push((await joinAs(app, guesser, generateJoinCode())).statusCode);
    t.ok(
      statuses.every((s) => s === 404),
      'wrong guesses are 404',
    );
    const limited = await joinAs(app, guesser, w.joinCode);
    t.equal(limited.statusCode, 429, 'even the right code is refused once the limit is reached');
    t.equal(limited.json().error.code, 'workshops.join_rate_limited');
    t.ok(Number(limited.headers['retry-after']) > 0);
    t.equal(
      (await joinAs(app, await newLearner(app), w.joinCode)).statusCode,
      201,
      'another person in the same room is not affected',
    );
  },
);

t.test(
  `guessing codes from one address with many accounts: ${JOIN_LIMITS.perAddress.max} tries per ${JOIN_LIMITS.perAddress.timeWindow}`,
  async (t) => {
    const address = '203.0.113.7';
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil(JOIN_LIMITS.perAddress.max / JOIN_LIMITS.perAccount.max) + 1 }, () =>
        newLearner(app),
      ),
    );
    let allowed = 0;
    let limited = 0;
    for (let i = 0; i <= JOIN_LIMITS.perAddress.max; i++) {
      const u = accounts[Math.floor(i / JOIN_LIMITS.perAccount.max)];
      const res = await injectAs(app, u, {
        method: 'POST',
        url: '/api/workshops/join',
        remoteAddress: address,
        payload: { code: 'K7QM-3XPA' },
      });
      if (res.statusCode === 429) limited++;
      else allowed++;
    }
    t.equal(allowed, JOIN_LIMITS.perAddress.max);
    t.equal(limited, 1);
  },
);
