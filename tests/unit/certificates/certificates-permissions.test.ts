// The certificate rules, without a database: one's own certificate is asked for by anyone signed in, read by its
// owner and admins, revoked by admins only.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import {
  allows,
  ownCertificatesFilter,
  requireCertificateAction,
} from '../../../server/modules/certificates/certificates.permissions.ts';

const owner: Actor = { id: 'u-owner', role: 'learner', locale: 'en' };
const otherLearner: Actor = { id: 'u-other', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };
const certificate = { userId: owner.id };

t.test('certificate.issue: anyone signed in asks for their own; nobody else', async (t) => {
  for (const actor of [owner, facilitator, admin]) t.ok(allows(actor, 'certificate.issue'), actor.role);
  t.notOk(allows(null, 'certificate.issue'), 'no one signed in');
  t.throws(() => requireCertificateAction(null, 'certificate.issue'), { statusCode: 401, code: 'auth.required' });
  t.doesNotThrow(() => requireCertificateAction(owner, 'certificate.issue'));
});

t.test('certificate.read: its owner and admins; not another learner or a facilitator', async (t) => {
  t.ok(allows(owner, 'certificate.read', certificate), 'the owner');
  t.ok(allows(admin, 'certificate.read', certificate), 'an admin');
  t.notOk(allows(otherLearner, 'certificate.read', certificate), 'another learner');
  t.notOk(allows(facilitator, 'certificate.read', certificate), 'a facilitator');
  t.notOk(allows(null, 'certificate.read', certificate), 'no one signed in');
  t.notOk(allows(owner, 'certificate.read'), 'no certificate at all');
});

t.test('certificate.revoke: admins only, not even the owner', async (t) => {
  t.ok(allows(admin, 'certificate.revoke', certificate), 'an admin');
  t.notOk(allows(owner, 'certificate.revoke', certificate), 'the owner');
  t.notOk(allows(facilitator, 'certificate.revoke', certificate), 'a facilitator');
  t.notOk(allows(null, 'certificate.revoke', certificate), 'no one signed in');
});

t.test('the list filter shows each actor their own certificates, which certificate.read allows them', async (t) => {
  for (const actor of [owner, facilitator, admin]) {
    t.same(ownCertificatesFilter(actor), { userId: actor.id });
    t.ok(allows(actor, 'certificate.read', ownCertificatesFilter(actor)), actor.role);
  }
});
