// Workshops: create, read, edit, archive, join codes, co-facilitators, lists; allow and deny for every route.
import t from 'tap';
import { JOIN_CODE_ALPHABET } from '../../../server/shared/readable-codes.ts';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newFacilitatorWithWorkshop, newLearner } from '../../helpers/factories.ts';
import { newParticipant, newWorkshop, workshopInput } from '../../helpers/workshops.ts';

const app = await build(t);
const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload ? { payload } : {}) });

const owner = await newFacilitator(app, { name: 'Sokha Facilitator' });
const otherFacilitator = await newFacilitator(app);
const admin = await newAdmin(app);
const learner = await newLearner(app);

t.test('a facilitator creates a workshop: 201 with an id and a grouped 8-character join code', async (t) => {
  const res = await as(
    owner,
    'POST',
    '/api/workshops',
    workshopInput({ description: 'Three days', maxParticipants: 120, timeZone: 'Asia/Saigon' }),
  );
  t.equal(res.statusCode, 201);
  const w = res.json();
  t.match(w.id, /^[0-9a-f-]{36}$/);
  t.match(
    w.joinCode,
    new RegExp(`^[${JOIN_CODE_ALPHABET}]{4}-[${JOIN_CODE_ALPHABET}]{4}$`),
    'grouped for reading aloud, no look-alikes',
  );
  t.equal(w.joinUrl, `http://localhost:3000/join?code=${w.joinCode}`);
  t.equal(w.timeZone, 'Asia/Ho_Chi_Minh', 'an old zone name is accepted and stored under its current name');
  t.equal(w.country, 'KH');
  t.equal(w.phase, 'running');
  t.equal(w.joinOpen, true);
  t.equal(w.myRole, 'owner');
  t.same(
    w.facilitators.map((f: { name: string; role: string }) => [f.name, f.role]),
    [['Sokha Facilitator', 'owner']],
  );
  const admins = await as(admin, 'POST', '/api/workshops', workshopInput());
  t.equal(admins.statusCode, 201, 'an admin may create one too');
});

t.test('learners and anonymous visitors cannot create workshops', async (t) => {
  t.equal((await as(learner, 'POST', '/api/workshops', workshopInput())).statusCode, 403);
  t.equal((await as(null, 'POST', '/api/workshops', workshopInput())).statusCode, 401);
});

t.test('bad workshop input gets a 400 that says what to fix', async (t) => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'workshops.time_zone_invalid'],
    ['offset is not a zone', { timeZone: '+07:00' }, 'workshops.time_zone_invalid'],
    ['unknown country', { country: 'XY' }, 'workshops.country_invalid'],
    ['not a country', { country: 'EU' }, 'workshops.country_invalid'],
    ['three letters', { country: 'KHM' }, 'request.invalid'],
    ['ends before it starts', { startsOn: '2026-05-09', endsOn: '2026-05-06' }, 'workshops.dates_order'],
    ['not a date', { startsOn: '2026-02-30' }, 'request.invalid'],
    ['blank title', { title: '   ' }, 'workshops.text_required'],
    ['unknown locale', { locale: 'de' }, 'request.invalid'],
    ['zero participants', { maxParticipants: 0 }, 'request.invalid'],
  ];
  for (const [name, change, code] of cases) {
    const res = await as(owner, 'POST', '/api/workshops', workshopInput(change));
    t.equal(res.statusCode, 400, name);
    t.equal(res.json().error.code, code, name);
  }
  for (const [code, successor] of [
    ['VD', 'VN'],
    ['FX', 'FR'],
    ['DD', 'DE'],
    ['UK', 'GB'],
    ['YU', 'RS'],
    ['CS', 'RS'],
    ['BU', 'MM'],
  ]) {
    const res = await as(owner, 'POST', '/api/workshops', workshopInput({ country: code }));
    t.equal(res.statusCode, 400, `retired code ${code} is refused`);
    t.equal(res.json().error.code, 'workshops.country_retired');
    t.match(
      res.json().error.message,
      new RegExp(`"${code}" is a retired country code.*${successor}`),
      'the message names the current code',
    );
    t.same(res.json().error.details, [
      { field: 'body.country', params: { code, successor, name: res.json().error.details[0].params.name } },
    ]);
  }
  const zone = await as(owner, 'POST', '/api/workshops', workshopInput({ timeZone: 'Mars/Olympus_Mons' }));
  t.match(zone.json().error.message, /Asia\/Phnom_Penh/, 'the message gives an example');
});

t.test(
  "reading a workshop: facilitators and admins get the facilitators' view; a participant their own; others are refused",
  async (t) => {
    const w = await newWorkshop(app, owner);
    const participant = await newParticipant(app, w);
    const managed = await as(owner, 'GET', `/api/workshops/${w.id}`);
    t.equal(managed.statusCode, 200);
    t.equal(managed.json().view, 'manager');
    t.equal(managed.json().participantCount, 1);
    t.equal((await as(admin, 'GET', `/api/workshops/${w.id}`)).json().myRole, 'admin');
    const mine = await as(participant, 'GET', `/api/workshops/${w.id}`);
    t.equal(mine.statusCode, 200);
    t.equal(mine.json().view, 'participant');
    t.same(mine.json().facilitators, [{ name: 'Sokha Facilitator' }], "facilitators' names only");
    for (const field of ['joinCode', 'email', 'participantCount', 'userId'])
      t.notMatch(mine.body, `"${field}"`, `participant view has no ${field}`);
    const other = await as(otherFacilitator, 'GET', `/api/workshops/${w.id}`);
    t.equal(other.statusCode, 403, 'another facilitator');
    t.equal(other.json().error.code, 'workshops.not_member');
    t.equal((await as(learner, 'GET', `/api/workshops/${w.id}`)).statusCode, 403, 'a learner who has not joined');
    t.equal((await as(null, 'GET', `/api/workshops/${w.id}`)).statusCode, 401, 'anonymous');
    t.equal(
      (await as(owner, 'GET', '/api/workshops/00000000-0000-4000-8000-000000000000')).statusCode,
      404,
      'unknown id',
    );
    t.equal((await as(owner, 'GET', '/api/workshops/not-a-uuid')).statusCode, 400, 'malformed id');
  },
);

t.test(
  'editing a workshop: its facilitators and admins may; another facilitator, a participant and anonymous may not',
  async (t) => {
    const w = await newWorkshop(app, owner);
    const participant = await newParticipant(app, w);
    const res = await as(owner, 'PATCH', `/api/workshops/${w.id}`, {
      title: 'Kampot workshop, day 2',
      maxParticipants: null,
      description: 'Bring the plans',
    });
    t.equal(res.statusCode, 200);
    t.equal(res.json().title, 'Kampot workshop, day 2');
    t.equal(res.json().maxParticipants, null);
    t.equal((await as(admin, 'PATCH', `/api/workshops/${w.id}`, { city: 'Kep' })).json().city, 'Kep', 'admin');
    t.equal(
      (await as(otherFacilitator, 'PATCH', `/api/workshops/${w.id}`, { city: 'X' })).statusCode,
      403,
      'other facilitator',
    );
    t.equal((await as(participant, 'PATCH', `/api/workshops/${w.id}`, { city: 'X' })).statusCode, 403, 'participant');
    t.equal((await as(null, 'PATCH', `/api/workshops/${w.id}`, { city: 'X' })).statusCode, 401, 'anonymous');
    t.equal(
      (await as(owner, 'PATCH', `/api/workshops/${w.id}`, { timeZone: 'Nowhere/Land' })).statusCode,
      400,
      'bad time zone',
    );
    t.equal(
      (await as(owner, 'PATCH', `/api/workshops/${w.id}`, { endsOn: '2000-01-01' })).json().error.code,
      'workshops.dates_order',
    );
    t.equal((await as(owner, 'PATCH', `/api/workshops/${w.id}`, {})).statusCode, 400, 'an empty change');
    t.equal((await as(owner, 'GET', `/api/workshops/${w.id}`)).json().city, 'Kep', 'refused edits changed nothing');
  },
);

t.test('join codes: a new code replaces the old one; closing and opening joining', async (t) => {
  const w = await newWorkshop(app, owner);
  const joiner = await newLearner(app);
  const renewed = await as(owner, 'POST', `/api/workshops/${w.id}/join-code`);
  t.equal(renewed.statusCode, 200);
  t.not(renewed.json().joinCode, w.joinCode);
  t.equal(
    (await as(joiner, 'POST', '/api/workshops/join', { code: w.joinCode })).statusCode,
    404,
    'the old code no longer works',
  );
  const closed = await as(owner, 'PATCH', `/api/workshops/${w.id}`, { joinOpen: false });
  t.equal(closed.json().joinOpen, false);
  t.equal((await as(joiner, 'POST', '/api/workshops/join', { code: renewed.json().joinCode })).statusCode, 410);
  t.equal((await as(owner, 'PATCH', `/api/workshops/${w.id}`, { joinOpen: true })).json().joinOpen, true);
  t.equal(
    (await as(joiner, 'POST', '/api/workshops/join', { code: renewed.json().joinCode })).statusCode,
    201,
    'open again',
  );
  t.equal(
    (await as(otherFacilitator, 'POST', `/api/workshops/${w.id}/join-code`)).statusCode,
    403,
    'other facilitator',
  );
  t.equal((await as(joiner, 'POST', `/api/workshops/${w.id}/join-code`)).statusCode, 403, 'participant');
  t.equal((await as(null, 'POST', `/api/workshops/${w.id}/join-code`)).statusCode, 401, 'anonymous');
  t.equal((await as(admin, 'POST', `/api/workshops/${w.id}/join-code`)).statusCode, 200, 'admin');
});

t.test(
  'co-facilitators: the owner adds one by email; they then manage the workshop but cannot add others',
  async (t) => {
    const w = await newWorkshop(app, owner);
    const co = await newFacilitator(app, { name: 'Dara Co' });
    const added = await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: co.email.toUpperCase() });
    t.equal(added.statusCode, 201);
    t.same(
      added.json().facilitators.map((f: { name: string; role: string }) => [f.name, f.role]),
      [
        ['Sokha Facilitator', 'owner'],
        ['Dara Co', 'co_facilitator'],
      ],
    );
    t.equal(
      (await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: co.email })).statusCode,
      200,
      'adding again is fine',
    );
    t.equal((await as(co, 'GET', `/api/workshops/${w.id}`)).json().myRole, 'co_facilitator');
    t.equal(
      (await as(co, 'PATCH', `/api/workshops/${w.id}`, { city: 'Kep' })).statusCode,
      200,
      'a co-facilitator edits',
    );
    const third = await newFacilitator(app);
    const byCo = await as(co, 'POST', `/api/workshops/${w.id}/facilitators`, { email: third.email });
    t.equal(byCo.statusCode, 403, 'a co-facilitator cannot add others');
    t.equal(byCo.json().error.code, 'workshops.owner_only');
    t.equal(
      (await as(otherFacilitator, 'POST', `/api/workshops/${w.id}/facilitators`, { email: third.email })).statusCode,
      403,
      'other facilitator',
    );
    t.equal(
      (await as(learner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: third.email })).statusCode,
      403,
      'learner',
    );
    t.equal(
      (await as(null, 'POST', `/api/workshops/${w.id}/facilitators`, { email: third.email })).statusCode,
      401,
      'anonymous',
    );
    const nobody = await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: 'nobody@example.org' });
    t.equal(nobody.statusCode, 404);
    t.equal(nobody.json().error.code, 'workshops.person_not_found');
    const notFacilitator = await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: learner.email });
    t.equal(notFacilitator.statusCode, 409);
    t.match(notFacilitator.json().error.message, /not a facilitator/);
    t.equal(
      (await as(admin, 'POST', `/api/workshops/${w.id}/facilitators`, { email: third.email })).statusCode,
      201,
      'admin adds',
    );

    t.equal(
      (await as(co, 'DELETE', `/api/workshops/${w.id}/facilitators/${third.id}`)).statusCode,
      403,
      'a co-facilitator cannot remove',
    );
    t.equal(
      (await as(null, 'DELETE', `/api/workshops/${w.id}/facilitators/${third.id}`)).statusCode,
      401,
      'anonymous cannot remove',
    );
    t.equal(
      (await as(owner, 'DELETE', `/api/workshops/${w.id}/facilitators/${third.id}`)).statusCode,
      204,
      'the owner removes',
    );
    t.equal(
      (await as(owner, 'DELETE', `/api/workshops/${w.id}/facilitators/${owner.id}`)).statusCode,
      404,
      'the owner is not a co-facilitator to remove',
    );
    t.equal(
      (await as(third, 'GET', `/api/workshops/${w.id}`)).statusCode,
      403,
      'a removed co-facilitator no longer reads it',
    );
  },
);

t.test('archiving: only the owner or an admin; the code stops working; nothing can change after', async (t) => {
  const w = await newWorkshop(app, owner);
  const co = await newFacilitator(app);
  await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: co.email });
  const participant = await newParticipant(app, w);
  t.equal((await as(co, 'POST', `/api/workshops/${w.id}/archive`)).statusCode, 403, 'co-facilitator');
  t.equal((await as(otherFacilitator, 'POST', `/api/workshops/${w.id}/archive`)).statusCode, 403, 'other facilitator');
  t.equal((await as(participant, 'POST', `/api/workshops/${w.id}/archive`)).statusCode, 403, 'participant');
  t.equal((await as(null, 'POST', `/api/workshops/${w.id}/archive`)).statusCode, 401, 'anonymous');
  const archived = await as(owner, 'POST', `/api/workshops/${w.id}/archive`);
  t.equal(archived.statusCode, 200);
  t.equal(archived.json().phase, 'archived');
  const late = await as(learner, 'POST', '/api/workshops/join', { code: w.joinCode });
  t.equal(late.statusCode, 410);
  t.equal(late.json().error.code, 'workshops.code_archived');
  t.match(late.json().error.message, /archived/);
  t.equal((await as(owner, 'PATCH', `/api/workshops/${w.id}`, { city: 'Kep' })).statusCode, 409);
  t.equal(
    (await as(admin, 'POST', `/api/workshops/${w.id}/archive`)).statusCode,
    200,
    'admin; archiving twice is fine',
  );
});

t.test(
  'lists: a facilitator sees the workshops they run, an admin all; participants see theirs under "mine"',
  async (t) => {
    const mineA = await newWorkshop(app, owner, { title: 'Owner list check' });
    const theirs = await newWorkshop(app, otherFacilitator, { title: 'Other list check' });
    const participant = await newParticipant(app, theirs);
    const list = (await as(owner, 'GET', '/api/workshops')).json().items.map((w: { title: string }) => w.title);
    t.ok(list.includes('Owner list check'));
    t.notOk(list.includes('Other list check'), "another facilitator's workshop is not listed");
    const all = (await as(admin, 'GET', '/api/workshops')).json().items.map((w: { title: string }) => w.title);
    t.ok(all.includes('Owner list check') && all.includes('Other list check'), 'admin sees all');
    t.equal((await as(learner, 'GET', '/api/workshops')).statusCode, 403, 'learner');
    t.equal((await as(null, 'GET', '/api/workshops')).statusCode, 401, 'anonymous');
    const archivedList = (await as(owner, 'GET', '/api/workshops?archived=true')).json().items;
    t.ok(
      archivedList.every((w: { phase: string }) => w.phase === 'archived'),
      'archived list',
    );

    const mine = (await as(participant, 'GET', '/api/workshops/mine')).json();
    t.same(mine.facilitating, []);
    t.same(
      mine.participating.map((w: { title: string; view: string }) => [w.title, w.view]),
      [['Other list check', 'participant']],
    );
    const facilitating = (await as(owner, 'GET', '/api/workshops/mine')).json();
    t.ok(facilitating.facilitating.some((w: { id: string }) => w.id === mineA.id));
    t.equal((await as(null, 'GET', '/api/workshops/mine')).statusCode, 401, 'anonymous');
  },
);

t.test('a facilitator who loses the role keeps no power over their workshops', async (t) => {
  const { facilitator: former, workshop: w } = await newFacilitatorWithWorkshop(app);
  const { updateUser } = await import('../../../server/modules/accounts/accounts.repository.ts');
  await updateUser(app.database.db, former.id, { role: 'learner' });
  t.equal((await as(former, 'PATCH', `/api/workshops/${w.id}`, { city: 'X' })).statusCode, 403);
  t.equal((await as(former, 'GET', `/api/workshops/${w.id}`)).statusCode, 403);
});
