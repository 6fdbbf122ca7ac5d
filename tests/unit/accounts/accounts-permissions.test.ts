// The account rules, without a database: admins manage people; who may give whom a new sign-in slip.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import {
  allows,
  maySlip,
  requireAccountAccess,
  requireSlip,
} from '../../../server/modules/accounts/accounts.permissions.ts';

const learner: Actor = { id: 'u-learner', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };

t.test('users.manage: an admin may; a learner, a facilitator and no one signed in may not', async (t) => {
  t.ok(allows(admin, 'users.manage'));
  t.notOk(allows(learner, 'users.manage'));
  t.notOk(allows(facilitator, 'users.manage'));
  t.notOk(allows(null, 'users.manage'));
  t.doesNotThrow(() => requireAccountAccess(admin, 'users.manage'));
  t.throws(() => requireAccountAccess(facilitator, 'users.manage'), { statusCode: 403, code: 'auth.forbidden' });
  t.throws(() => requireAccountAccess(null, 'users.manage'), { statusCode: 401, code: 'auth.required' });
});

// A learner workshop W's import created, who has not chosen a password yet: the one account a facilitator may reset.
const imported = { name: 'Ana', role: 'learner' as const, createdByWorkshopId: 'W', passwordSetAt: null };
const forW = { actor: facilitator, workshopId: 'W' };

t.test(
  'a slip: a facilitator of the importing workshop, for an imported learner who never chose a password',
  async (t) => {
    t.ok(maySlip(forW, imported));
    t.doesNotThrow(() => requireSlip(forW, imported));
  },
);

t.test('a slip: a facilitator may not for anyone else', async (t) => {
  t.notOk(maySlip({ actor: facilitator, workshopId: 'other' }, imported), "another workshop's import");
  t.notOk(maySlip({ actor: facilitator, workshopId: null }, imported), 'not acting for a workshop');
  t.notOk(maySlip(forW, { ...imported, createdByWorkshopId: null }), 'a self-registered account');
  t.notOk(maySlip(forW, { ...imported, passwordSetAt: new Date() }), 'someone who has chosen their own password');
  t.notOk(maySlip(forW, { ...imported, role: 'facilitator' }), 'a facilitator');
  t.notOk(maySlip({ actor: learner, workshopId: 'W' }, imported), 'a learner is no giver, even naming the workshop');
  t.throws(() => requireSlip(forW, { ...imported, passwordSetAt: new Date() }), {
    statusCode: 403,
    code: 'auth.slip_not_allowed',
    message: /Only an admin can give Ana a new sign-in slip/,
  });
});

t.test('a slip: an admin may for anyone but an admin; nobody may for an admin', async (t) => {
  const self = { ...imported, createdByWorkshopId: null, passwordSetAt: new Date() };
  t.ok(maySlip({ actor: admin, workshopId: null }, self), 'an admin, for a self-registered learner');
  t.ok(maySlip({ actor: admin, workshopId: null }, { ...self, role: 'facilitator' }), 'an admin, for a facilitator');
  const anAdmin = { ...self, name: 'Bo', role: 'admin' as const };
  t.notOk(maySlip({ actor: admin, workshopId: null }, anAdmin), 'an admin, for an admin');
  t.notOk(
    maySlip(forW, { ...anAdmin, createdByWorkshopId: 'W', passwordSetAt: null }),
    "a facilitator, for an admin their workshop's import created",
  );
  t.throws(() => requireSlip({ actor: admin, workshopId: null }, anAdmin), {
    statusCode: 403,
    code: 'auth.slip_not_for_admin',
    message: /Bo is an admin/,
  });
});
