// The city team rules, without a database: members, the workshop's facilitators, admins, and the action plan.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import { allows, type TeamRelation } from '../../../server/modules/teams/teams.permissions.ts';

const learner: Actor = { id: 'u-learner', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };
const member: TeamRelation = { member: true, facilitator: false };
const workshopFacilitator: TeamRelation = { member: false, facilitator: true };
const none: TeamRelation = { member: false, facilitator: false };

t.test('team.read: members, the workshop facilitators and admins; nobody else', async (t) => {
  t.ok(allows(learner, 'team.read', member));
  t.ok(allows(facilitator, 'team.read', workshopFacilitator));
  t.ok(allows(admin, 'team.read', none));
  t.notOk(allows(learner, 'team.read', none), 'a learner outside the team');
  t.notOk(allows(facilitator, 'team.read', none), 'a facilitator of another workshop');
});

for (const action of ['team.edit', 'plan.edit'] as const) {
  t.test(`${action}: members only`, async (t) => {
    t.ok(allows(learner, action, member));
    t.notOk(allows(facilitator, action, workshopFacilitator), "the workshop's facilitator");
    t.notOk(allows(admin, action, none), 'an admin');
  });
}

for (const action of ['plan.read', 'plan.comment'] as const) {
  t.test(`${action}: members and the workshop facilitators; not admins`, async (t) => {
    t.ok(allows(learner, action, member));
    t.ok(allows(facilitator, action, workshopFacilitator));
    t.notOk(allows(admin, action, none), 'an admin');
    t.notOk(allows(learner, action, none), 'a learner outside the team');
  });
}
