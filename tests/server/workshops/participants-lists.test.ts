// The lists facilitators have (semicolons, tab pastes, plain names) and the files they take away (CSV separated as
// their spreadsheet expects, .xlsx), with "Joined" as the first sign-in and whether each slip was used.
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import t from 'tap';
import { users, workshopParticipants } from '../../../server/db/schema.ts';
import { build, GOOD_PASSWORD, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator } from '../../helpers/factories.ts';
import { newParticipant, newWorkshop } from '../../helpers/workshops.ts';

const app = await build(t);
const db = app.database.db;
const facilitator = await newFacilitator(app);
const as = (u: TestUser, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
  injectAs(app, u, { method, url, headers: headers, ...(payload ? { payload } : {}) });
const importList = (workshopId: string, csv: string) =>
  as(facilitator, 'POST', `/api/workshops/${workshopId}/participants/import`, { csv });
const redeem = (username: string, code: string) =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in-code', payload: { username, code, password: GOOD_PASSWORD } });
type Slip = { name: string; username: string; code: string; locale: string };

t.test('a facilitator adds a tab-separated paste, a semicolon CSV and a plain list of names', async (t) => {
  const w = await newWorkshop(app, facilitator, { locale: 'km' });
  const tabs = await importList(w.id, 'Name\tEmail\tLocale\nSok Dara\t\tkm\nفاطمة الزهراء\t\tar\n');
  t.equal(tabs.statusCode, 201, tabs.body);
  t.same(
    tabs.json().rows.map((r: { line: number; name: string }) => [r.line, r.name]),
    [
      [2, 'Sok Dara'],
      [3, 'فاطمة الزهراء'],
    ],
  );
  const semicolons = await importList(w.id, '\uFEFFname;email\r\nÉlodie Martin;elodie.lists@example.org\r\n');
  t.equal(semicolons.statusCode, 201, semicolons.body);
  const plain = await importList(w.id, 'ស្រីមុំ ចាន់\nمريم بنت أحمد\n\nChan, Sreymom\n');
  t.equal(plain.statusCode, 201, plain.body);
  const slips: Slip[] = plain.json().slips;
  t.same(
    slips.map((s) => s.name),
    ['ស្រីមុំ ចាន់', 'مريم بنت أحمد', 'Chan, Sreymom'],
    'one person per line, a comma in a name kept',
  );
  t.same(
    plain.json().rows.map((r: { line: number }) => r.line),
    [1, 2, 4],
    'line numbers as in the list',
  );
  t.same(
    slips.map((s) => s.locale),
    ['km', 'km', 'km'],
    "slips without a language from the list are in the workshop's",
  );
  t.same(
    tabs.json().slips.map((s: Slip) => s.locale),
    ['km', 'ar'],
    "a language from the list is the slip's",
  );
  const names = (await as(facilitator, 'GET', `/api/workshops/${w.id}/participants`))
    .json()
    .items.map((i: { name: string }) => i.name);
  t.equal(names.length, 6);
});

t.test('a refused list names every problem at once with its line, including usernames already taken', async (t) => {
  const w = await newWorkshop(app, facilitator);
  t.equal((await importList(w.id, 'name;username\nFirst Owner;lists-taken\n')).statusCode, 201);
  const res = await importList(
    w.id,
    'name;username;email\nNew Person;lists-taken;\n ;;a@example.org\nB C;;not-an-email\nD E;bad name;\n',
  );
  t.equal(res.statusCode, 400);
  const problems: { line: number; code: string; message: string }[] = res.json().error.details.problems;
  t.same(
    problems.map((p) => [p.line, p.code]),
    [
      [2, 'csv.username_taken'],
      [3, 'csv.name_required'],
      [4, 'csv.email_invalid'],
      [5, 'csv.username_invalid'],
    ],
    'all four, in line order',
  );
  t.match(
    res.json().error.message,
    /^Nobody was added: the file has 4 problem\(s\)\. line 2: the username lists-taken is taken.*; line 3: the name is empty; line 4: "not-an-email" is not an email address; line 5: /,
  );
  const headerless = await importList(w.id, 'ស្រីមុំ ចាន់;sreymom@example.org\nسوك دارا;dara@example.org\n');
  t.equal(headerless.statusCode, 400);
  t.match(
    headerless.json().error.message,
    /line 1: the first line should name the columns \(for example name and email\), but it reads "ស្រីមុំ ចាន់ \| sreymom@example.org"/,
  );
  t.notMatch(headerless.json().error.message, /unknown column/, 'not "unknown column ស្រីមុំ ចាន់"');
});

t.test("the CSV export is separated as the downloader's spreadsheet expects", async (t) => {
  const w = await newWorkshop(app, facilitator);
  await newParticipant(app, w, { name: 'Nguyễn Văn An' });
  const exportWith = async (u: TestUser, acceptLanguage?: string) => {
    const res = await as(
      u,
      'GET',
      `/api/workshops/${w.id}/export.csv`,
      undefined,
      acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    );
    t.equal(res.statusCode, 200);
    t.match(res.headers.vary, /accept-language/i);
    return res.rawPayload.toString('utf8');
  };
  const firstLineSeparator = (csv: string) => (csv.split('\n')[0].includes(';') ? ';' : ',');
  for (const [header, want] of [
    ['fr-FR,fr;q=0.9', ';'],
    ['es-ES', ';'],
    ['ru', ';'],
    ['de-CH;q=0.1, vi', ';'],
    ['en-US,en;q=0.9', ','],
    ['zh-CN', ','],
    ['km', ','],
    ['*', ','],
  ] as const) {
    t.equal(firstLineSeparator(await exportWith(facilitator, header)), want, `Accept-Language ${header}: "${want}"`);
  }
  const russian = await newAdmin(app, { locale: 'ru' });
  const csv = await exportWith(russian);
  t.equal(firstLineSeparator(csv), ';', 'no browser language: the site language (ru) decides');
  const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
  t.equal(rows[0][0], 'Имя');
  t.equal(rows[1][0], 'Nguyễn Văn An');
  t.equal(firstLineSeparator(await exportWith(russian, 'en-GB')), ',', 'the browser language comes first');
});

t.test(
  '"Joined" is the first sign-in, not the import; "Slip used" says yes or no; the list shows who has not used theirs',
  async (t) => {
    const w = await newWorkshop(app, facilitator, { timeZone: 'UTC' });
    const [used, unused]: Slip[] = (await importList(w.id, 'name\nUses Slip\nKeeps Slip\n')).json().slips;
    const selfJoined = await newParticipant(app, w, { name: 'Joined Alone' });
    // The list was imported on 2 January; the first person signs in (uses the slip) now.
    await db
      .update(workshopParticipants)
      .set({ joinedAt: new Date('2026-01-02T10:00:00Z') })
      .where(eq(workshopParticipants.workshopId, w.id));
    t.equal((await redeem(used.username, used.code)).statusCode, 200);
    const [usedRow] = await db.select().from(users).where(eq(users.username, used.username));
    t.ok(usedRow.firstSignedInAt, 'the first sign-in is recorded');
    const firstSignIn = usedRow.firstSignedInAt!.toISOString().slice(0, 16).replace('T', ' ');
    // Someone who had an account long before joined when they joined.
    await db
      .update(users)
      .set({ firstSignedInAt: new Date('2025-06-01T08:00:00Z') })
      .where(eq(users.id, selfJoined.id));

    const rows: string[][] = parse(
      (await as(facilitator, 'GET', `/api/workshops/${w.id}/export.csv`)).rawPayload.toString('utf8'),
      { bom: true },
    );
    t.same(rows[0].slice(0, 5), ['Name', 'Email', 'Username', 'Joined (UTC)', 'Slip used']);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    t.same(
      byName.get('Uses Slip')!.slice(3, 5),
      [firstSignIn, 'yes'],
      'joined when the slip was used, not on 2 January',
    );
    t.same(byName.get('Keeps Slip')!.slice(3, 5), ['', 'no'], 'never signed in: not joined yet, slip not used');
    t.same(
      byName.get('Joined Alone')!.slice(3, 5),
      ['2026-01-02 10:00', ''],
      'an account from before: joined when it joined; no slip',
    );

    const list = (await as(facilitator, 'GET', `/api/workshops/${w.id}/participants`)).json().items as {
      name: string;
      slipUsed: boolean | null;
      firstSignedInAt: string | null;
    }[];
    const item = (name: string) => list.find((i) => i.name === name)!;
    t.same(
      [item('Uses Slip').slipUsed, item('Keeps Slip').slipUsed, item('Joined Alone').slipUsed],
      [true, false, null],
    );
    t.equal(item('Keeps Slip').firstSignedInAt, null);
    t.ok(item('Uses Slip').firstSignedInAt);
    t.ok(unused.code, 'the unused slip is still valid');
    const password = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: used.username, password: GOOD_PASSWORD },
    });
    t.equal(password.statusCode, 200);
    const [again] = await db.select().from(users).where(eq(users.username, used.username));
    t.same(again.firstSignedInAt, usedRow.firstSignedInAt, 'a later sign-in does not move it');
  },
);

t.test('the .xlsx export opens: the same cells, numbers as numbers, formulas neutralised', async (t) => {
  const w = await newWorkshop(app, facilitator, { title: 'Atelier =SUM(A1)' });
  for (const name of ['សុខ សុភា', 'فاطمة الزهراء', '=HYPERLINK("http://evil.example","x")', '＝1+1'])
    await newParticipant(app, w, { name });
  await importList(w.id, 'name\nWith Slip\n');
  const res = await as(facilitator, 'GET', `/api/workshops/${w.id}/export.xlsx`);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  t.match(res.headers['content-disposition'], /^attachment; filename="atelier-sum-?a1-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  t.same([...res.rawPayload.subarray(0, 2)], [0x50, 0x4b], 'a zip file (PK)');
  const sheet = await readSheet(res.rawPayload);
  t.same(sheet[0].slice(0, 7), [
    'Name',
    'Email',
    'Username',
    'Joined (Asia/Phnom_Penh)',
    'Slip used',
    'Last active (Asia/Phnom_Penh)',
    'Overall percent',
  ]);
  const names = sheet.slice(1).map((r) => r[0]);
  t.ok(names.includes('សុខ សុភា') && names.includes('فاطمة الزهراء'), 'names in every script');
  t.ok(
    names.includes(`'=HYPERLINK("http://evil.example","x")`) && names.includes("'＝1+1"),
    'formulas start with an apostrophe',
  );
  t.ok(
    sheet.slice(1).every((r) => r[6] === 0),
    'percent is a number',
  );
  const withSlip = sheet.find((r) => r[0] === 'With Slip')!;
  t.equal(withSlip[4], 'no');
  const csvRows: string[][] = parse(
    (await as(facilitator, 'GET', `/api/workshops/${w.id}/export.csv`)).rawPayload.toString('utf8'),
    { bom: true },
  );
  t.same(
    sheet.map((r) => r.map((c) => (c === null ? '' : String(c)))),
    csvRows,
    'the same cells as the CSV',
  );
  const learner = await newParticipant(app, w, { name: 'Curious Learner' });
  t.equal((await as(learner, 'GET', `/api/workshops/${w.id}/export.xlsx`)).statusCode, 403, 'a participant may not');
});
