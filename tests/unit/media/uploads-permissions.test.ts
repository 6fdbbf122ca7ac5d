// The uploaded-video rule, without a database: admins manage uploads; nobody else does.
import t from 'tap';
import type { Actor } from '../../../server/http/auth.ts';
import { allows, requireUploadAccess } from '../../../server/modules/media/uploads/uploads.permissions.ts';

const learner: Actor = { id: 'u-learner', role: 'learner', locale: 'en' };
const facilitator: Actor = { id: 'u-facilitator', role: 'facilitator', locale: 'en' };
const admin: Actor = { id: 'u-admin', role: 'admin', locale: 'en' };

t.test('upload.manage: an admin may; a learner, a facilitator and no one signed in may not', async (t) => {
  t.ok(allows(admin, 'upload.manage'));
  t.notOk(allows(learner, 'upload.manage'));
  t.notOk(allows(facilitator, 'upload.manage'));
  t.notOk(allows(null, 'upload.manage'));
});

t.test('refused as the route guard refuses: 403 when signed in, 401 when not', async (t) => {
  t.doesNotThrow(() => requireUploadAccess(admin, 'upload.manage'));
  t.throws(() => requireUploadAccess(facilitator, 'upload.manage'), { statusCode: 403, code: 'auth.forbidden' });
  t.throws(() => requireUploadAccess(null, 'upload.manage'), { statusCode: 401, code: 'auth.required' });
});
