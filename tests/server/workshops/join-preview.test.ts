// Before joining, a join-code holder (signed in or not) sees what the code leads to: title, city, dates, facilitators'
// names, whether joining is open; nothing about participants. Bad, unknown and archived codes say what is wrong;
// look-ups are limited per network address.
import t from 'tap';
import { build, injectAs } from '../../helpers/app.ts';
import { newFacilitator, newLearner } from '../../helpers/factories.ts';
import { newParticipant, newWorkshop } from '../../helpers/workshops.ts';
import { JOIN_LIMITS } from '../../../server/modules/workshops/workshops.routes.ts';

const app = await build(t);
const owner = await newFacilitator(app, { name: 'Sophea Owner' });
const helper = await newFacilitator(app, { name: 'Marc Co-facilitator' });

let addressCounter = 0;
const preview = (code: string, cookie?: string, remoteAddress = `10.2.0.${++addressCounter}`) =>
  app.inject({
    method: 'GET',
    url: `/api/workshops/join-preview?code=${encodeURIComponent(code)}`,
    headers: cookie ? { cookie } : {},
    remoteAddress,
  });

t.test(
  'anyone with the code (signed out): title, city, dates and facilitators, owner first; nothing else',
  async (t) => {
    const w = await newWorkshop(app, owner, {
      title: 'Kampot learning city lab',
      description: 'Private notes for the room',
    });
    await injectAs(app, owner, {
      method: 'POST',
      url: `/api/workshops/${w.id}/facilitators`,
      payload: { email: helper.email },
    });
    await newParticipant(app, w, { name: 'Hidden Participant' });
    const res = await preview(w.joinCode.toLowerCase().replace('-', ' '));
    t.equal(res.statusCode, 200, res.body);
    const body = res.json();
    t.same(Object.keys(body).sort(), ['city', 'country', 'endsOn', 'facilitators', 'joinOpen', 'startsOn', 'title']);
    t.equal(body.title, 'Kampot learning city lab');
    t.equal(body.city, 'Kampot');
    t.same(body.facilitators, ['Sophea Owner', 'Marc Co-facilitator']);
    t.equal(body.joinOpen, true);
    t.notMatch(res.body, /Hidden Participant|Private notes|@/, 'no participant, description or email');
  },
);

t.test('a signed-in learner sees the same', async (t) => {
  const w = await newWorkshop(app, owner);
  const learner = await newLearner(app);
  t.equal((await preview(w.joinCode, learner.cookie)).json().title, 'CLC capacity-building workshop, Kampot');
});

t.test('joining closed by the facilitator: still named, with joinOpen false', async (t) => {
  const w = await newWorkshop(app, owner);
  t.equal(
    (await injectAs(app, owner, { method: 'PATCH', url: `/api/workshops/${w.id}`, payload: { joinOpen: false } }))
      .statusCode,
    200,
  );
  const res = await preview(w.joinCode);
  t.equal(res.statusCode, 200);
  t.equal(res.json().joinOpen, false);
});

t.test("an unknown code is 404, a malformed one 400, an archived workshop's 410", async (t) => {
  const unknown = await preview('ZZZZ-ZZZZ');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().error.code, 'workshops.code_unknown');
  const malformed = await preview('??');
  t.equal(malformed.statusCode, 400);
  t.equal(malformed.json().error.code, 'workshops.code_invalid');
  const w = await newWorkshop(app, owner);
  t.equal((await injectAs(app, owner, { method: 'POST', url: `/api/workshops/${w.id}/archive` })).statusCode, 200);
  const archived = await preview(w.joinCode);
  t.equal(archived.statusCode, 410);
  t.equal(archived.json().error.code, 'workshops.code_archived');
  t.notMatch(archived.body, /Kampot/, 'nothing about the archived workshop');
});

t.test(
  `anyone: more than ${JOIN_LIMITS.perAddress.max} look-ups from one network in 15 minutes are refused (429)`,
  async (t) => {
    const address = '10.3.0.1';
    let last = await preview('ZZZZ-ZZZY', undefined, address);
    for (let i = 1; i < JOIN_LIMITS.perAddress.max; i++) last = await preview('ZZZZ-ZZZY', undefined, address);
    t.equal(last.statusCode, 404, 'the last allowed look-up is answered');
    const refused = await preview('ZZZZ-ZZZY', undefined, address);
    t.equal(refused.statusCode, 429);
    t.equal(refused.json().error.code, 'workshops.join_rate_limited');
  },
);
