// A participant list naming an existing account invites that person instead of enrolling them: they see the
// invitation on "My learning", and only after accepting are they on the dashboard, the participant list and the
// export. The import answer does not say which emails had accounts. Invitations hold a place under the limit.
import t from 'tap';
import { build, injectAs, uniqueEmail, type TestUser } from '../../helpers/app.ts';
import { newFacilitator, newLearner } from '../../helpers/factories.ts';
import { joinAs, newParticipant, newWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const facilitator = await newFacilitator(app, { name: 'Sokha Facilitator' });
const as = (u: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload !== undefined ? { payload } : {}) });
const importCsv = (workshopId: string, csv: string) =>
  as(facilitator, 'POST', `/api/workshops/${workshopId}/participants/import`, { csv });
const participantIds = async (workshopId: string) =>
  (await as(facilitator, 'GET', `/api/workshops/${workshopId}/participants`))
    .json()
    .items.map((i: { userId: string }) => i.userId);
const dashboardIds = async (workshopId: string) =>
  (await as(facilitator, 'GET', `/api/workshops/${workshopId}/dashboard`))
    .json()
    .participants.map((p: { userId: string }) => p.userId);
const exportCsv = async (workshopId: string) =>
  (await as(facilitator, 'GET', `/api/workshops/${workshopId}/export.csv`)).body;
const mine = async (u: TestUser) => (await as(u, 'GET', '/api/workshops/mine')).json();
const enrolled = async (u: TestUser) => (await as(u, 'GET', '/api/courses/learning-city')).json().enrolled;

t.test(
  'an existing account in an import is invited: not a participant, not on the dashboard or export, not enrolled',
  async (t) => {
    const w = await newWorkshop(app, facilitator, { title: 'Kampot CLC workshop' });
    const person = await newLearner(app, { name: 'Chenda Existing', email: uniqueEmail('chenda') });
    const res = await importCsv(w.id, `name,email\nChenda,${person.email}\n`);
    t.equal(res.statusCode, 201, res.body);

    t.notOk((await participantIds(w.id)).includes(person.id), 'not in the participant list');
    t.notOk((await dashboardIds(w.id)).includes(person.id), 'not on the dashboard');
    t.equal((await as(facilitator, 'GET', `/api/workshops/${w.id}/dashboard`)).json().participantCount, 0);
    t.notMatch(await exportCsv(w.id), 'Chenda', 'not in the export');
    t.equal(
      (await as(person, 'GET', `/api/workshops/${w.id}`)).statusCode,
      403,
      'the workshop itself is not theirs yet',
    );
    t.equal(await enrolled(person), false, 'not enrolled in the course');

    const my = await mine(person);
    t.same(my.participating, []);
    t.equal(my.invitations.length, 1);
    t.match(my.invitations[0], {
      workshopId: w.id,
      title: 'Kampot CLC workshop',
      facilitators: [{ name: 'Sokha Facilitator' }],
      invitedBy: 'Sokha Facilitator',
    });
    t.same((await as(person, 'GET', '/api/workshop-invitations')).json().items, my.invitations);
  },
);

t.test(
  'the invited person accepts: a participant, on the dashboard and export, enrolled; the invitation is gone',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const person = await newLearner(app, { name: 'Dara Accepts', email: uniqueEmail('dara') });
    await importCsv(w.id, `name,email\nDara,${person.email}\n`);
    const accepted = await as(person, 'POST', `/api/workshop-invitations/${w.id}/accept`);
    t.equal(accepted.statusCode, 200, accepted.body);
    t.same(accepted.json(), { workshopId: w.id, title: w.title });
    t.ok((await participantIds(w.id)).includes(person.id), 'in the participant list');
    t.ok((await dashboardIds(w.id)).includes(person.id), 'on the dashboard');
    t.match(await exportCsv(w.id), 'Dara Accepts', 'in the export');
    t.equal(await enrolled(person), true, 'enrolled in the course');
    const my = await mine(person);
    t.same(my.invitations, []);
    t.same(
      my.participating.map((p: { id: string }) => p.id),
      [w.id],
    );
    t.equal(
      (await as(person, 'POST', `/api/workshop-invitations/${w.id}/accept`)).statusCode,
      404,
      'accepting twice: nothing left to accept',
    );
  },
);

t.test(
  'the invited person declines: the invitation disappears, they are not a participant; importing again re-invites',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const person = await newLearner(app, { name: 'Vanna Declines', email: uniqueEmail('vanna') });
    await importCsv(w.id, `name,email\nVanna,${person.email}\n`);
    const declined = await as(person, 'POST', `/api/workshop-invitations/${w.id}/decline`);
    t.equal(declined.statusCode, 204, declined.body);
    t.same((await mine(person)).invitations, []);
    t.notOk((await participantIds(w.id)).includes(person.id));
    t.notOk((await dashboardIds(w.id)).includes(person.id));
    t.equal(
      (await as(person, 'POST', `/api/workshop-invitations/${w.id}/accept`)).statusCode,
      404,
      'a declined invitation cannot be accepted',
    );
    t.equal((await as(person, 'POST', `/api/workshop-invitations/${w.id}/decline`)).statusCode, 404);

    await importCsv(w.id, `name,email\nVanna,${person.email}\n`);
    t.equal((await mine(person)).invitations.length, 1, 'the facilitator can invite again');
  },
);

t.test("nobody else can answer someone's invitation (404), and it stays theirs", async (t) => {
  const w = await newWorkshop(app, facilitator);
  const person = await newLearner(app, { email: uniqueEmail('invited') });
  const other = await newLearner(app, { email: uniqueEmail('other') });
  await importCsv(w.id, `name,email\nInvited,${person.email}\n`);
  for (const action of ['accept', 'decline']) {
    const res = await as(other, 'POST', `/api/workshop-invitations/${w.id}/${action}`);
    t.equal(res.statusCode, 404, `another learner: ${action}`);
    t.equal(res.json().error.code, 'workshops.invitation_not_found');
    t.equal(
      (await as(facilitator, 'POST', `/api/workshop-invitations/${w.id}/${action}`)).statusCode,
      404,
      `the facilitator: ${action}`,
    );
  }
  t.equal((await as(null, 'POST', `/api/workshop-invitations/${w.id}/accept`)).statusCode, 401);
  t.equal((await as(person, 'POST', '/api/workshop-invitations/not-a-uuid/accept')).statusCode, 400);
  t.notOk((await participantIds(w.id)).includes(other.id));
  t.notOk((await participantIds(w.id)).includes(person.id));
  t.same((await mine(other)).invitations, []);
  t.equal((await mine(person)).invitations.length, 1, 'still waiting for its owner');
});

t.test('the import answer has the same shape and values for an existing email as for a new one', async (t) => {
  const existing = await newLearner(app, { name: 'Has Account', email: uniqueEmail('has') });
  const a = await newWorkshop(app, facilitator);
  const b = await newWorkshop(app, facilitator);
  const withAccount = (await importCsv(a.id, `name,email\nHas Account,${existing.email}\n`)).json();
  const withoutAccount = (await importCsv(b.id, `name,email\nHas Account,${uniqueEmail('nobody')}\n`)).json();
  const { slips: slipsA, ...restA } = withAccount;
  const { slips: slipsB, ...restB } = withoutAccount;
  t.same(Object.keys(withAccount).sort(), Object.keys(withoutAccount).sort());
  t.same(restA, restB, 'counts and row statuses are identical');
  t.same(restA, {
    listed: 1,
    alreadyParticipants: 0,
    rows: [{ line: 2, name: 'Has Account', status: 'listed' }],
    signInUrl: 'http://localhost:3000/signin/code',
  });
  t.equal(slipsA.length, 0, 'only a new account gets a slip (how it signs in without email)');
  t.equal(slipsB.length, 1);
});

t.test(
  'invitations hold places: the limit counts participants and invitations; accepting fits; joining by code answers it',
  async (t) => {
    const w = await newWorkshop(app, facilitator, { maxParticipants: 2 });
    await newParticipant(app, w);
    const invited = await newLearner(app, { email: uniqueEmail('held') });
    t.equal((await importCsv(w.id, `name,email\nHeld,${invited.email}\n`)).statusCode, 201);
    const late = await newLearner(app);
    const full = await joinAs(app, late, w.joinCode);
    t.equal(full.statusCode, 409, 'the invited place is held');
    t.equal(full.json().error.code, 'workshops.full');
    const moreList = await importCsv(w.id, 'name\nOne More\n');
    t.equal(moreList.statusCode, 409, 'a list cannot go past the held places either');
    t.match(moreList.json().error.message, /room for 2 participants; 2 places are taken or held by invitations/);
    const another = await newLearner(app, { email: uniqueEmail('another') });
    t.equal(
      (await importCsv(w.id, `name,email\nAnother,${another.email}\n`)).statusCode,
      409,
      'nor a list of existing accounts',
    );
    t.equal(
      (await as(invited, 'POST', `/api/workshop-invitations/${w.id}/accept`)).statusCode,
      200,
      'the invited person still fits',
    );
    t.equal((await as(facilitator, 'GET', `/api/workshops/${w.id}/dashboard`)).json().participantCount, 2);

    const open = await newWorkshop(app, facilitator, { maxParticipants: 1 });
    const byCode = await newLearner(app, { email: uniqueEmail('bycode') });
    await importCsv(open.id, `name,email\nBy Code,${byCode.email}\n`);
    t.equal(
      (await joinAs(app, byCode, open.joinCode)).statusCode,
      201,
      'the invited person may join by code into their held place',
    );
    t.same((await mine(byCode)).invitations, [], 'joining answered the invitation');
  },
);
