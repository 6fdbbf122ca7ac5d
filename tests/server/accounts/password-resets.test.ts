// Who may give whom a new sign-in slip (which replaces their password once used), the two takeovers that were possible,
// and the notice a person gets at their next sign-in. Allow and deny for each rule, on the workshop and the admin route.
import t from 'tap';
import { passwordResets } from '../../../server/db/schema.ts';
import { build, GOOD_PASSWORD, injectAs, sessionCookie, uniqueEmail, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newFacilitatorWithWorkshop, newLearner } from '../../helpers/factories.ts';
import { joinAs, newWorkshop, type TestWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const owner = await newFacilitator(app, { name: 'Owner Facilitator' });
const admin = await newAdmin(app, { name: 'نور الإدارة' });

type Slip = { userId: string; name: string; username: string; code: string };
const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  injectAs(app, u, { method, url, ...(payload !== undefined ? { payload } : {}) });
const importOne = async (by: TestUser, w: TestWorkshop, line: string, header = 'name'): Promise<Slip> => {
  const res = await as(by, 'POST', `/api/workshops/${w.id}/participants/import`, { csv: `${header}\n${line}\n` });
  if (res.statusCode !== 201) throw new Error(`import ${res.statusCode}: ${res.body}`);
  return res.json().slips[0];
};
const slipFromWorkshop = (by: TestUser, w: TestWorkshop, userId: string) =>
  as(by, 'POST', `/api/workshops/${w.id}/participants/${userId}/sign-in-code`);
const slipFromAdminPage = (by: TestUser | null, userId: string) =>
  as(by, 'POST', `/api/admin/users/${userId}/sign-in-code`);
const redeem = (username: string, code: string, password = GOOD_PASSWORD) =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in-code', payload: { username, code, password } });
const login = (loginName: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });

/** A learner who signed up with a username and their own password (no email), and joined the workshop by its code. */
async function selfRegistered(w: TestWorkshop, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: `Owner of ${username}`, username, password: 'my-own-secret-phrase' },
  });
  if (res.statusCode !== 201) throw new Error(`signup ${res.statusCode}: ${res.body}`);
  const user: TestUser = { ...res.json(), cookie: sessionCookie(res) };
  t.equal((await joinAs(app, user, w.joinCode)).statusCode, 201);
  return user;
}

t.test(
  'attack (a): a facilitator cannot take over a self-registered learner who joined by code (403; their password still works)',
  async (t) => {
    const w = await newWorkshop(app, owner);
    const victim = await selfRegistered(w, 'sokha.owner');
    const res = await slipFromWorkshop(owner, w, victim.id);
    t.equal(res.statusCode, 403, res.body);
    t.equal(res.json().error.code, 'auth.slip_not_allowed');
    t.match(res.json().error.message, /Only an admin/);
    if (res.statusCode === 201) await redeem('sokha.owner', res.json().slips[0].code, 'facilitator-chosen-pass');
    t.equal((await login('sokha.owner', 'my-own-secret-phrase')).statusCode, 200, "the owner's password still works");
  },
);

t.test(
  'attack (b): a facilitator cannot re-slip an imported person an admin has since made admin (403; not signed in as them)',
  async (t) => {
    const w = await newWorkshop(app, owner);
    const slip = await importOne(owner, w, 'Future Admin');
    t.equal((await redeem(slip.username, slip.code)).statusCode, 200);
    t.equal((await as(admin, 'PATCH', `/api/admin/users/${slip.userId}`, { role: 'admin' })).statusCode, 200);
    const res = await slipFromWorkshop(owner, w, slip.userId);
    t.equal(res.statusCode, 403, res.body);
    if (res.statusCode === 201) {
      const used = await redeem(slip.username, res.json().slips[0].code, 'taken-over-admin-pass');
      t.not(
        (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(used) } })).json().role,
        'admin',
        'the facilitator is not admin',
      );
    }
    t.equal((await login(slip.username, GOOD_PASSWORD)).statusCode, 200, "the admin's own password still works");
  },
);

t.test(
  'facilitator: a learner this workshop imported who never chose a password gets a new slip (allow), also with an email',
  async (t) => {
    const w = await newWorkshop(app, owner);
    const slip = await importOne(owner, w, 'Lost Their Slip');
    const res = await slipFromWorkshop(owner, w, slip.userId);
    t.equal(res.statusCode, 201, res.body);
    t.equal((await redeem(slip.username, res.json().slips[0].code)).statusCode, 200, 'the new slip works');
    const withEmail = await importOne(owner, w, `Has Email,${uniqueEmail()}`, 'name,email');
    t.equal((await slipFromWorkshop(owner, w, withEmail.userId)).statusCode, 201);
  },
);

t.test(
  "facilitator: denied for a password already chosen, a facilitator, an admin, another workshop's import (403)",
  async (t) => {
    const w = await newWorkshop(app, owner);
    const used = await importOne(owner, w, 'Used Their Slip');
    t.equal((await redeem(used.username, used.code)).statusCode, 200);
    const promoted = await importOne(owner, w, 'Made Facilitator');
    await as(admin, 'PATCH', `/api/admin/users/${promoted.userId}`, { role: 'facilitator' });
    const madeAdmin = await importOne(owner, w, 'Made Admin');
    await as(admin, 'PATCH', `/api/admin/users/${madeAdmin.userId}`, { role: 'admin' });
    // Imported by another workshop, then listed by this one by email: not this workshop's account to reset.
    const { facilitator: otherOwner, workshop: other } = await newFacilitatorWithWorkshop(app);
    const email = uniqueEmail('elsewhere');
    const elsewhere = await importOne(otherOwner, other, `Imported Elsewhere,${email}`, 'name,email');
    t.equal(
      (
        await as(owner, 'POST', `/api/workshops/${w.id}/participants/import`, {
          csv: `name,email\nImported Elsewhere,${email}\n`,
        })
      ).statusCode,
      201,
    );

    for (const [who, id] of [
      ['password set by a slip', used.userId],
      ['a facilitator', promoted.userId],
      ['an admin', madeAdmin.userId],
    ]) {
      const res = await slipFromWorkshop(owner, w, id);
      t.equal(res.statusCode, 403, `${who}: ${res.body}`);
    }
    // An existing account named in this workshop's list is only invited here (issue 13 point 8), so it is not even
    // this workshop's participant: no slip.
    const foreign = await slipFromWorkshop(owner, w, elsewhere.userId);
    t.equal(foreign.statusCode, 404, `another workshop's import: ${foreign.body}`);
    t.equal(
      (await slipFromWorkshop(otherOwner, other, elsewhere.userId)).statusCode,
      201,
      'the workshop that imported them may',
    );
    const list = (await as(owner, 'GET', `/api/workshops/${w.id}/participants`)).json().items;
    t.same(
      list.filter((i: { canReissueCode: boolean }) => i.canReissueCode),
      [],
      'nobody here gets the "New slip" button',
    );
  },
);

t.test(
  "co-facilitator: the same rules (allow for this workshop's import, deny for a self-registered learner)",
  async (t) => {
    const w = await newWorkshop(app, owner);
    const co = await newFacilitator(app);
    t.equal((await as(owner, 'POST', `/api/workshops/${w.id}/facilitators`, { email: co.email })).statusCode, 201);
    const slip = await importOne(owner, w, 'Imported By Owner');
    t.equal((await slipFromWorkshop(co, w, slip.userId)).statusCode, 201);
    const self = await selfRegistered(w, 'co.case.self');
    t.equal((await slipFromWorkshop(co, w, self.id)).statusCode, 403);
    t.equal(
      (await redeem(slip.username, (await slipFromWorkshop(co, w, slip.userId)).json().slips[0].code)).statusCode,
      200,
    );
    t.equal((await slipFromWorkshop(co, w, slip.userId)).statusCode, 403, 'not once they chose a password');
  },
);

t.test(
  'admin (admin page): resets a learner and a facilitator; never an admin (403); anonymous 401, learner and facilitator 403',
  async (t) => {
    const learner = await newLearner(app, { name: 'Email Learner' });
    const facilitator = await newFacilitator(app);
    const otherAdmin = await newAdmin(app);
    const forLearner = await slipFromAdminPage(admin, learner.id);
    t.equal(forLearner.statusCode, 201, forLearner.body);
    t.equal(forLearner.json().signInUrl, 'http://localhost:3000/signin/code');
    const [slip] = forLearner.json().slips;
    t.equal(slip.username, learner.email, 'someone without a username types their email with the code');
    t.equal((await redeem(learner.email, slip.code, 'the-learner-new-pass')).statusCode, 200);
    t.equal((await login(learner.email, 'the-learner-new-pass')).statusCode, 200);
    t.equal((await slipFromAdminPage(admin, facilitator.id)).statusCode, 201);
    const forAdmin = await slipFromAdminPage(admin, otherAdmin.id);
    t.equal(forAdmin.statusCode, 403);
    t.equal(forAdmin.json().error.code, 'auth.slip_not_for_admin');
    t.equal((await slipFromAdminPage(admin, admin.id)).statusCode, 403, 'not even themself');
    t.equal((await slipFromAdminPage(null, learner.id)).statusCode, 401);
    // (The two reset above are signed out everywhere, so fresh people try the admin route.)
    t.equal((await slipFromAdminPage(await newLearner(app), facilitator.id)).statusCode, 403, 'a learner');
    t.equal((await slipFromAdminPage(await newFacilitator(app), learner.id)).statusCode, 403, 'a facilitator');
    t.equal((await slipFromAdminPage(admin, '00000000-0000-4000-8000-000000000000')).statusCode, 404);
    t.equal((await slipFromAdminPage(admin, 'not-a-uuid')).statusCode, 400);
  },
);

t.test('admin (workshop page): may reset a self-registered participant, and sees the button for them', async (t) => {
  const w = await newWorkshop(app, owner);
  const self = await selfRegistered(w, 'admin.resets.me');
  const list = (await as(admin, 'GET', `/api/workshops/${w.id}/participants`)).json().items;
  t.equal(list.find((i: { userId: string }) => i.userId === self.id).canReissueCode, true);
  t.equal((await slipFromWorkshop(admin, w, self.id)).statusCode, 201);
});

t.test('every reset is recorded; the person is told who and when at their next sign-in, once', async (t) => {
  const learner = await newLearner(app, { name: 'Told Once' });
  t.equal((await login(learner.email, GOOD_PASSWORD)).json().passwordReset, undefined, 'no notice before any reset');
  const before = Date.now();
  t.equal((await slipFromAdminPage(admin, learner.id)).statusCode, 201);
  const rows = (await app.database.db.select().from(passwordResets)).filter((r) => r.userId === learner.id);
  t.equal(rows.length, 1);
  t.equal(rows[0].resetBy, admin.id);
  const first = await login(learner.email, GOOD_PASSWORD);
  t.equal(first.statusCode, 200, 'the old password works until the slip is used');
  t.equal(first.json().passwordReset.byName, 'نور الإدارة');
  t.ok(Date.parse(first.json().passwordReset.at) >= before - 1000);
  t.equal((await login(learner.email, GOOD_PASSWORD)).json().passwordReset, undefined, 'only once');

  const w = await newWorkshop(app, owner);
  const slip = await importOne(owner, w, 'Second Slip');
  const fresh = (await slipFromWorkshop(owner, w, slip.userId)).json().slips[0];
  const used = await redeem(slip.username, fresh.code);
  t.equal(used.json().passwordReset.byName, 'Owner Facilitator', 'the slip sign-in carries it too');
});
