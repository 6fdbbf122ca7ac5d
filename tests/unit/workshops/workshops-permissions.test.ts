// The workshop rules, without a database: who reads, manages and owns a workshop, and the list filter.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import { allows, manageableFilter, type Relation } from '../../../server/modules/workshops/workshops.permissions.ts';

const learner: Actor = { id: 'u-learner', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };
const none: Relation = { facilitatorRole: null, participant: false };
const participant: Relation = { facilitatorRole: null, participant: true };
const owner: Relation = { facilitatorRole: 'owner', participant: false };
const coFacilitator: Relation = { facilitatorRole: 'co_facilitator', participant: false };

t.test('workshop.read: its facilitators and participants, and admins; nobody else', async (t) => {
  t.ok(allows(learner, 'workshop.read', participant), 'a participant');
  t.ok(allows(facilitator, 'workshop.read', coFacilitator), 'a co-facilitator');
  t.ok(allows(admin, 'workshop.read', none), 'an admin');
  t.notOk(allows(learner, 'workshop.read', none), 'a learner of another workshop');
  t.notOk(allows(facilitator, 'workshop.read', none), 'a facilitator of another workshop');
});

t.test('workshop.manage: its facilitators and admins; not its participants', async (t) => {
  t.ok(allows(facilitator, 'workshop.manage', owner), 'the owner');
  t.ok(allows(facilitator, 'workshop.manage', coFacilitator), 'a co-facilitator');
  t.ok(allows(admin, 'workshop.manage', none), 'an admin');
  t.notOk(allows(learner, 'workshop.manage', participant), 'a participant');
  t.notOk(allows(facilitator, 'workshop.manage', none), 'a facilitator of another workshop');
  t.notOk(
    allows(learner, 'workshop.manage', coFacilitator),
    'a co-facilitator who has since lost the facilitator role',
  );
});

t.test('workshop.own: its owner and admins; not a co-facilitator', async (t) => {
  t.ok(allows(facilitator, 'workshop.own', owner), 'the owner');
  t.ok(allows(admin, 'workshop.own', none), 'an admin');
  t.notOk(allows(facilitator, 'workshop.own', coFacilitator), 'a co-facilitator');
  t.notOk(allows(learner, 'workshop.own', owner), 'an owner who has since lost the facilitator role');
});

t.test('the list filter: admins see every workshop, a facilitator those they facilitate', async (t) => {
  t.same(manageableFilter(admin), {});
  t.same(manageableFilter(facilitator), { facilitatorId: facilitator.id });
});
