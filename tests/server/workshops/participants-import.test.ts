// Bulk participants from a CSV: all or nothing with `line N: message`; slips with one-time codes; using a code once;
// reissuing a lost one; who may do each.
import t from 'tap';
import { signInCodes } from '../../../server/db/schema.ts';
import { SIGN_IN_CODE_LIMITS } from '../../../server/modules/accounts/accounts.routes.ts';
import { build, GOOD_PASSWORD, injectAs, sessionCookie, uniqueEmail, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newLearner } from '../../helpers/factories.ts';
import { newParticipant, newWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const facilitator = await newFacilitator(app);
const as = (
  u: TestUser | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: object | string,
  headers: Record<string, string> = {},
) => injectAs(app, u, { method, url, headers, ...(payload !== undefined ? { payload } : {}) });
const importCsv = (u: TestUser | null, workshopId: string, csv: string) =>
  as(u, 'POST', `/api/workshops/${workshopId}/participants/import`, { csv });
const participantNames = async (workshopId: string) =>
  (await as(facilitator, 'GET', `/api/workshops/${workshopId}/participants`))
    .json()
    .items.map((i: { name: string }) => i.name);
const redeem = (payload: object) => app.inject({ method: 'POST', url: '/api/auth/sign-in-code', payload });

t.test(
  'a facilitator imports a list: accounts, usernames and one-time codes for the new people; existing emails are invited, not added',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const existing = await newLearner(app, { name: 'Already Here', email: uniqueEmail('existing') });
    const csv = `name,email,locale\n王芳,,zh\nសុខ សុភា,,km\nمريم,${uniqueEmail('mariam')},ar\nAlready Here,${existing.email.toUpperCase()},\n`;
    const res = await importCsv(facilitator, w.id, csv);
    t.equal(res.statusCode, 201, res.body);
    const body = res.json();
    t.same(
      { listed: body.listed, alreadyParticipants: body.alreadyParticipants },
      { listed: 4, alreadyParticipants: 0 },
    );
    t.same(
      body.rows.map((r: { line: number; status: string }) => [r.line, r.status]),
      [
        [2, 'listed'],
        [3, 'listed'],
        [4, 'listed'],
        [5, 'listed'],
      ],
      'the same status for new and existing emails',
    );
    t.equal(body.signInUrl, 'http://localhost:3000/signin/code');
    t.same(
      body.slips.map((s: { name: string }) => s.name),
      ['王芳', 'សុខ សុភា', 'مريم'],
      'names in every script, as written',
    );
    for (const slip of body.slips) {
      t.match(slip.username, /^[a-z0-9]+-\d{4}$/, 'a typable username');
      t.match(
        slip.code,
        /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/,
        '12 characters without look-alikes',
      );
    }
    t.same(
      (await participantNames(w.id)).sort(),
      ['مريم', '王芳', 'សុខ សុភា'].sort(),
      'the existing account is only invited',
    );
    const stored = await app.database.db.select().from(signInCodes);
    t.equal(stored.length, 3, 'one code per new account');
    t.ok(
      stored.every((c) => /^[0-9a-f]{64}$/.test(c.codeHash)),
      'only hashes are stored',
    );

    const again = await importCsv(facilitator, w.id, `name,email\nAlready Here,${existing.email}\n`);
    t.equal(again.statusCode, 201);
    t.same(
      { listed: again.json().listed, alreadyParticipants: again.json().alreadyParticipants },
      { listed: 1, alreadyParticipants: 0 },
      'inviting again is fine',
    );
    await injectAs(app, existing, { method: 'POST', url: `/api/workshop-invitations/${w.id}/accept` });
    const third = await importCsv(facilitator, w.id, `name,email\nAlready Here,${existing.email}\n`);
    t.same(
      { listed: third.json().listed, alreadyParticipants: third.json().alreadyParticipants },
      { listed: 0, alreadyParticipants: 1 },
    );
  },
);

t.test(
  'a person uses their slip once: username + code + a password, then signs in with username and password',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const [slip] = (await importCsv(facilitator, w.id, 'name,username\nLe Van Anh,le.van.anh\n')).json().slips;
    t.equal(slip.username, 'le.van.anh', 'a username from the file is kept');
    t.equal(
      (await redeem({ username: 'le.van.anh', code: slip.code, password: 'short' })).statusCode,
      400,
      'the password rules apply',
    );
    const used = await redeem({
      username: 'LE.VAN.ANH',
      code: slip.code.toLowerCase().replace(/-/g, ' '),
      password: GOOD_PASSWORD,
    });
    t.equal(used.statusCode, 200, used.body);
    const cookie = sessionCookie(used);
    t.equal(
      (await app.inject({ method: 'GET', url: `/api/workshops/${w.id}`, headers: { cookie } })).json().view,
      'participant',
      'signed in, in the workshop',
    );
    const second = await redeem({ username: 'le.van.anh', code: slip.code, password: GOOD_PASSWORD });
    t.equal(second.statusCode, 400, 'a second use is refused');
    t.equal(second.json().error.code, 'auth.sign_in_code_invalid');
    t.match(second.json().error.message, /already been used/);
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'le.van.anh', password: GOOD_PASSWORD },
        })
      ).statusCode,
      200,
    );
  },
);

t.test('a wrong code or unknown username is refused alike (400)', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const [slip] = (await importCsv(facilitator, w.id, 'name\nSomeone Careful\n')).json().slips;
  const wrong = await redeem({ username: slip.username, code: 'AAAA-BBBB-CCCC', password: GOOD_PASSWORD });
  const unknown = await redeem({ username: 'nobody-9999', code: slip.code, password: GOOD_PASSWORD });
  t.equal(wrong.statusCode, 400);
  t.equal(unknown.statusCode, 400);
  t.equal(wrong.json().error.message, unknown.json().error.message);
  t.equal(
    (await redeem({ username: slip.username, code: slip.code, password: GOOD_PASSWORD })).statusCode,
    200,
    'the right code still works',
  );
});

t.test(
  `code attempts are limited: ${SIGN_IN_CODE_LIMITS.perUsername.max} per username per ${SIGN_IN_CODE_LIMITS.perUsername.timeWindow}, then 429`,
  async (t) => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_CODE_LIMITS.perUsername.max; i++)
      statuses.push(
        (await redeem({ username: 'guessed-name', code: `AAAA-BBBB-CCC${i}`, password: GOOD_PASSWORD })).statusCode,
      );
    t.equal(statuses.filter((s) => s === 400).length, SIGN_IN_CODE_LIMITS.perUsername.max);
    t.equal(statuses.at(-1), 429);
  },
);

t.test('a facilitator reissues a lost code: the old one stops working, the new one works', async (t) => {
  const w = await newWorkshop(app, facilitator);
  const [slip] = (await importCsv(facilitator, w.id, 'name\nLost Slip\n')).json().slips;
  const url = `/api/workshops/${w.id}/participants/${slip.userId}/sign-in-code`;
  const participant = await newParticipant(app, w);
  t.equal((await as(null, 'POST', url)).statusCode, 401, 'anonymous');
  t.equal((await as(participant, 'POST', url)).statusCode, 403, 'a participant');
  t.equal((await as(await newFacilitator(app), 'POST', url)).statusCode, 403, 'another facilitator');
  const res = await as(facilitator, 'POST', url);
  t.equal(res.statusCode, 201);
  const [fresh] = res.json().slips;
  t.equal(fresh.username, slip.username);
  t.not(fresh.code, slip.code);
  t.equal(
    (await redeem({ username: slip.username, code: slip.code, password: GOOD_PASSWORD })).statusCode,
    400,
    'the old code no longer works',
  );
  t.equal((await redeem({ username: slip.username, code: fresh.code, password: GOOD_PASSWORD })).statusCode, 200);
  const forEmail = await as(facilitator, 'POST', `/api/workshops/${w.id}/participants/${participant.id}/sign-in-code`);
  t.equal(forEmail.statusCode, 403, 'not for someone who signed up with their own password (no account takeover)');
  t.equal(forEmail.json().error.code, 'auth.slip_not_allowed');
  const [withEmail] = (await importCsv(facilitator, w.id, `name,email\nImported With Email,${uniqueEmail()}\n`)).json()
    .slips;
  t.equal(
    (await as(facilitator, 'POST', `/api/workshops/${w.id}/participants/${withEmail.userId}/sign-in-code`)).statusCode,
    201,
    'but yes for someone imported with an email who has not set a password yet',
  );
  const list = (await as(facilitator, 'GET', `/api/workshops/${w.id}/participants`)).json().items;
  const can = Object.fromEntries(
    list.map((i: { name: string; canReissueCode: boolean }) => [i.name, i.canReissueCode]),
  );
  t.same(
    [can['Lost Slip'], can['Imported With Email'], can[participant.name]],
    [false, true, false],
    'the list says who can get a new slip (not once the slip was used)',
  );
  const outsider = await newLearner(app);
  t.equal(
    (await as(facilitator, 'POST', `/api/workshops/${w.id}/participants/${outsider.id}/sign-in-code`)).statusCode,
    404,
    'not for someone outside the workshop',
  );
});

t.test(
  "only the workshop's facilitators may import (other facilitator, participant, anonymous are refused)",
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const participant = await newParticipant(app, w);
    t.equal((await importCsv(null, w.id, 'name\nX Y\n')).statusCode, 401);
    t.equal((await importCsv(participant, w.id, 'name\nX Y\n')).statusCode, 403);
    t.equal((await importCsv(await newFacilitator(app), w.id, 'name\nX Y\n')).statusCode, 403);
    t.equal((await importCsv(await newAdmin(app), w.id, 'name\nAdded By Admin\n')).statusCode, 201, 'an admin may');
  },
);

t.test(
  'a CSV with problems is refused whole (400) with `line N: message` for each, and nothing is created',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    await newLearner(app, { name: 'Has Name', email: uniqueEmail() });
    await importCsv(facilitator, w.id, 'name,username\nTaken Person,taken-one\n');
    const before = await participantNames(w.id);
    const cases: Array<[string, string, RegExp[]]> = [
      [
        'no header',
        'fullname,mail\nA B,a@example.org\n',
        [
          /line 1: the first line should name the columns \(for example name and email\), but it reads "fullname \| mail"/,
        ],
      ],
      [
        'a header with unknown columns',
        'name;phone;mail\nA B;123;a@example.org\n',
        [
          /line 1: unknown column "phone"; the columns are name, email, username and locale/,
          /line 1: unknown column "mail"/,
        ],
      ],
      ['no rows', 'name,email\n', [/line 1: .*lists nobody/]],
      [
        'empty name, bad email, unknown locale',
        'name,email,locale\n  ,x@example.org,en\nB C,not-an-email,en\nD E,,xx\n',
        [
          /line 2: the name is empty/,
          /line 3: "not-an-email" is not an email address/,
          /line 4: unknown language "xx"/,
        ],
      ],
      [
        'duplicates within the file',
        'name,email,username\nA,dup@example.org,\nB,DUP@example.org,\nC,,same\nD,,SAME\n',
        [/line 3: the email DUP@example.org is also on line 2/, /line 5: the username SAME is also on line 4/],
      ],
      [
        'a username already taken',
        'name,username\nNew Person,Taken-One\n',
        [/line 2: the username Taken-One is taken/],
      ],
      [
        'wrong number of values',
        'name,email\nA,a@example.org,extra\n',
        [/line 2: 3 values, but the first line names 2 columns/],
      ],
      ['an unclosed quote', 'name\n"Unclosed\n', [/line 2: a quotation mark \("\) opens a value that is never closed/]],
      [
        'bad username',
        'name,username\nA,no spaces please\n',
        [/line 2: "no spaces please": A username may have letters/],
      ],
      [
        'over 2,000 rows',
        `name\n${Array.from({ length: 2001 }, (_, i) => `Person ${i}`).join('\n')}\n`,
        [/line 2002: more than 2000 people/],
      ],
    ];
    for (const [what, csv, patterns] of cases) {
      const res = await importCsv(facilitator, w.id, csv);
      t.equal(res.statusCode, 400, `${what}: 400`);
      t.equal(res.json().error.code, 'workshops.csv_invalid', `${what}: code`);
      for (const p of patterns) t.match(res.json().error.message, p, `${what}: ${p}`);
      t.ok(
        res
          .json()
          .error.details.problems.every((x: { line: number; message: string }) =>
            x.message.startsWith(`line ${x.line}: `),
          ),
        `${what}: every problem says its line`,
      );
    }
    t.same(await participantNames(w.id), before, 'nobody was added by any refused file');
    t.equal(
      (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'D E', password: GOOD_PASSWORD } }))
        .statusCode,
      401,
    );
  },
);

t.test(
  'a file posted as text/csv: UTF-8 with a BOM is read; another encoding is refused with the lines to fix',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const url = `/api/workshops/${w.id}/participants/import`;
    const ok = await as(
      facilitator,
      'POST',
      url,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('name\nNguyễn Thị Hoa\n', 'utf8'),
      ]) as unknown as string,
      { 'content-type': 'text/csv' },
    );
    t.equal(ok.statusCode, 201, ok.body);
    t.equal(ok.json().slips[0].name, 'Nguyễn Thị Hoa');
    const latin1 = await as(
      facilitator,
      'POST',
      url,
      Buffer.from('name\nJosé Martín\nAna\n', 'latin1') as unknown as string,
      { 'content-type': 'text/csv' },
    );
    t.equal(latin1.statusCode, 400);
    t.match(latin1.json().error.message, /line 2: this line is not UTF-8 text/);
    t.notMatch(latin1.json().error.message, /line 3/);
    const tooBig = await as(facilitator, 'POST', url, { csv: `name\n${'x'.repeat(1_100_000)}\n` });
    t.equal(tooBig.statusCode, 413, 'an oversize body');
    t.same(await participantNames(w.id), ['Nguyễn Thị Hoa']);
  },
);

t.test('a list larger than the room left is refused (409), nothing created', async (t) => {
  const w = await newWorkshop(app, facilitator, { maxParticipants: 2 });
  const res = await importCsv(facilitator, w.id, 'name\nA One\nB Two\nC Three\n');
  t.equal(res.statusCode, 409);
  t.match(res.json().error.message, /room for 2 participants/);
  t.same(await participantNames(w.id), []);
});

t.test(
  '2,000 people whose names have no Latin letters: all added, each with a distinct typable username',
  async (t) => {
    const w = await newWorkshop(app, facilitator);
    const csv = `name,locale\n${Array.from({ length: 2000 }, (_, i) => `សុខា ${'០១២៣៤៥៦៧៨៩'[i % 10]} 王芳,km`).join('\n')}\n`;
    const res = await importCsv(facilitator, w.id, csv);
    t.equal(res.statusCode, 201);
    const usernames = res.json().slips.map((s: { username: string }) => s.username);
    t.equal(usernames.length, 2000);
    t.equal(new Set(usernames.map((u: string) => u.toLowerCase())).size, 2000, 'no two alike');
    t.ok(usernames.every((u: string) => /^user-\d{4,6}$/.test(u)));
  },
);
