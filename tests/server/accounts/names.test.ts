// One rule for a person's name wherever it enters (sign-up, PATCH /api/me, setup, CSV import, admin:create):
// invisible controls, bidi overrides, noncharacters and U+FFFD are refused with a message naming the character and
// its position; every script, combining marks, ZWNJ and ZWJ are kept (NFC). Names stored before the rule still get
// a certificate, printed without those characters.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { certificates, users } from '../../../server/db/schema.ts';
import { AppError } from '../../../server/http/errors.ts';
import { createOrPromoteAdmin } from '../../../server/modules/accounts/accounts.service.ts';
import { build, completeCourse, GOOD_PASSWORD, injectAs, uniqueEmail, type TestUser } from '../../helpers/app.ts';
import { newFacilitatorWithWorkshop, newLearner } from '../../helpers/factories.ts';

const app = await build(t);
const inject = (
  u: TestUser | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object | string,
  headers: Record<string, string> = {},
) => injectAs(app, u, { method, url, headers, ...(payload !== undefined ? { payload } : {}) });
const signupWith = (name: string) =>
  inject(null, 'POST', '/api/auth/signup', { name, email: uniqueEmail('named'), password: GOOD_PASSWORD });

const REFUSED: [string, string][] = [
  ['\u0000', 'U+0000 NULL'],
  ['\u0007', 'U+0007 BELL'],
  ['\t', 'U+0009 CHARACTER TABULATION'],
  ['\u007f', 'U+007F DELETE'],
  ['\u0085', 'U+0085 NEXT LINE'],
  ['\u009b', 'U+009B CONTROL SEQUENCE INTRODUCER'],
  ['\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
  ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
  ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
  ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
  ['\u200e', 'U+200E LEFT-TO-RIGHT MARK'],
  ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
  ['\u061c', 'U+061C ARABIC LETTER MARK'],
  ['\ufffd', 'U+FFFD REPLACEMENT CHARACTER'],
  ['\ud800', 'U+D800 HIGH SURROGATE'],
  ['\udc00', 'U+DC00 LOW SURROGATE'],
  ['\ufdd0', 'U+FDD0 NONCHARACTER'],
  ['\uffff', 'U+FFFF NONCHARACTER'],
  ['\u{1fffe}', 'U+1FFFE NONCHARACTER'],
  ['\u2028', 'U+2028 LINE SEPARATOR'],
  ['\u2029', 'U+2029 PARAGRAPH SEPARATOR'],
];

t.test(
  'sign-up with a right-to-left override is refused with a 400 naming the character and its position',
  async (t) => {
    const email = uniqueEmail('override');
    const res = await inject(null, 'POST', '/api/auth/signup', {
      name: 'Mal\u202Eyrol',
      email,
      password: GOOD_PASSWORD,
    });
    t.equal(res.statusCode, 400, res.body);
    t.equal(res.json().error.code, 'auth.name_invalid');
    t.equal(
      res.json().error.message,
      'The name contains an invisible control character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 4. Remove it and try again.',
    );
    t.same(res.json().error.details, [
      { field: 'body.name', params: { character: 'U+202E RIGHT-TO-LEFT OVERRIDE', position: 4 } },
    ]);
    t.equal(
      (await inject(null, 'POST', '/api/auth/login', { login: email, password: GOOD_PASSWORD })).statusCode,
      401,
      'no account was made',
    );
  },
);

t.test(
  'sign-up refuses every control, bidi, separator, surrogate, noncharacter and U+FFFD, each by name',
  async (t) => {
    for (const [ch, label] of REFUSED) {
      const res = await signupWith(`Ana${ch} Lima`);
      t.equal(res.statusCode, 400, `${label}: ${res.body}`);
      // NUL is refused in every text field before the name rule runs (issue 13 point 6), naming the field and character.
      if (ch === '\u0000') t.match(res.json().error.message, 'body.name contains the character U+0000 (NUL)', label);
      else t.match(res.json().error.message, `(${label}) at position 4`, label);
    }
  },
);

t.test('sign-up with bytes that are not UTF-8 is refused (they arrive as U+FFFD), not stored', async (t) => {
  const email = uniqueEmail('latin1');
  const body = Buffer.concat([
    Buffer.from('{"name":"Jos'),
    Buffer.from([0xe9]),
    Buffer.from(`","email":"${email}","password":"${GOOD_PASSWORD}"}`),
  ]);
  const res = await inject(null, 'POST', '/api/auth/signup', body, { 'content-type': 'application/json' });
  t.equal(res.statusCode, 400, res.body);
  t.match(res.json().error.message, /U\+FFFD REPLACEMENT CHARACTER\) at position 4/);
});

t.test('names in every script are kept, with ZWNJ, ZWJ and combining marks, normalised to NFC', async (t) => {
  const names = [
    'សុខ សុភា',
    'مريم الحسن',
    '王芳',
    'نیلوفر\u200Cزاده',
    'क्\u200Dष',
    'Dara \u{1F469}\u200D\u{1F4BB}',
    'Sokha O\u2019Neill-Chan',
  ];
  for (const name of names) {
    const res = await signupWith(name);
    t.equal(res.statusCode, 201, `${name}: ${res.body}`);
    t.equal(res.json().name, name);
  }
  const decomposed = await signupWith('Nguye\u0302\u0303n Thi\u0323 Ha\u0300');
  t.equal(decomposed.statusCode, 201, decomposed.body);
  t.equal(decomposed.json().name, 'Nguyễn Thị Hà', 'stored as NFC');
});

t.test('PATCH /api/me with a control character is a 400 and the name stays as it was', async (t) => {
  const learner = await newLearner(app, { name: 'Sophea Chan' });
  const res = await inject(learner, 'PATCH', '/api/me', { name: 'Sop\u202Ehea', locale: 'fr' });
  t.equal(res.statusCode, 400, res.body);
  t.equal(
    res.json().error.message,
    'The name contains an invisible control character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 4. Remove it and try again.',
  );
  const me = (await inject(learner, 'GET', '/api/me')).json();
  t.equal(me.name, 'Sophea Chan', 'the name did not change');
  t.equal(me.locale, 'en', 'nor did the language sent with it');
  const ok = await inject(learner, 'PATCH', '/api/me', { name: 'Sophea\u200CChan' });
  t.equal(ok.statusCode, 200, 'ZWNJ is fine');
});

t.test(
  'PATCH /api/me for someone holding a certificate: a refused name changes nothing, a good one reissues',
  async (t) => {
    const learner = await newLearner(app, { name: 'Vannak Certified' });
    await completeCourse(app, learner);
    const cert = (await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' })).json();
    const bad = await inject(learner, 'PATCH', '/api/me', { name: 'Vannak\u0085Forged' });
    t.equal(bad.statusCode, 400, bad.body);
    t.equal((await inject(learner, 'GET', '/api/me')).json().name, 'Vannak Certified');
    t.equal(
      (await inject(learner, 'GET', `/api/certificates/${cert.id}`)).json().status,
      'valid',
      'the certificate was not superseded',
    );
    const good = await inject(learner, 'PATCH', '/api/me', { name: 'Vannak Renamed' });
    t.equal(good.statusCode, 200, good.body);
  },
);

t.test('the first-admin setup and admin:create apply the same rule', async (t) => {
  const setup = await inject(null, 'POST', '/api/setup', {
    token: 'x'.repeat(20),
    name: 'Ad\u2067min',
    email: uniqueEmail('setup'),
    password: GOOD_PASSWORD,
  });
  t.equal(setup.statusCode, 400, setup.body);
  t.equal(setup.json().error.code, 'auth.name_invalid', 'the name is checked before the token');
  const err = await createOrPromoteAdmin(app.database.db, {
    email: uniqueEmail('cli'),
    name: 'Root\u202Dadmin',
    password: GOOD_PASSWORD,
  }).catch((e) => e);
  t.ok(err instanceof AppError, String(err));
  t.equal(
    err.message,
    'The name contains an invisible control character (U+202D LEFT-TO-RIGHT OVERRIDE) at position 5. Remove it and try again.',
  );
  const existing = await newLearner(app, { name: 'Promoted Person' });
  const promote = await createOrPromoteAdmin(app.database.db, {
    email: existing.email,
    name: 'Pro\u0000moted',
    password: GOOD_PASSWORD,
  }).catch((e) => e);
  t.ok(promote instanceof AppError);
  const [row] = await app.database.db.select().from(users).where(eq(users.id, existing.id));
  t.equal(row.role, 'learner', 'a refused promotion changes nothing');
});

t.test('a CSV import reports `line N:` with the same message and adds nobody', async (t) => {
  const { facilitator, workshop: w } = await newFacilitatorWithWorkshop(app);
  const res = await inject(facilitator, 'POST', `/api/workshops/${w.id}/participants/import`, {
    csv: 'name\nSokha\nChe\u202Eng Dara\nNguye\u0302\u0303n\n',
  });
  t.equal(res.statusCode, 400, res.body);
  t.match(
    res.json().error.message,
    'line 3: The name contains an invisible control character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 4. Remove it and try again.',
  );
  t.same(
    res
      .json()
      .error.details.problems.map((p: { line: number; code: string; params: object }) => [p.line, p.code, p.params]),
    [[3, 'csv.name_invalid', { line: 3, max: 120, character: 'U+202E RIGHT-TO-LEFT OVERRIDE', position: 4 }]],
  );
  const list = await inject(facilitator, 'GET', `/api/workshops/${w.id}/participants`);
  t.same(list.json().items, [], 'nobody was added');
  const fine = await inject(facilitator, 'POST', `/api/workshops/${w.id}/participants/import`, {
    csv: 'name\nNguye\u0302\u0303n\nمی\u200Cخواهم\n',
  });
  t.equal(fine.statusCode, 201, fine.body);
  t.same(
    fine.json().slips.map((s: { name: string }) => s.name),
    ['Nguyễn', 'می\u200Cخواهم'],
  );
});

t.test(
  'a name stored before the rule still gets its certificate (200, a PDF), printed without the bad characters',
  async (t) => {
    const learner = await newLearner(app, { name: 'Placeholder' });
    await app.database.db.update(users).set({ name: 'Mal\u202Eory \u0085Old\uFFFD' }).where(eq(users.id, learner.id));
    await completeCourse(app, learner);
    const issued = await inject(learner, 'POST', '/api/certificates', { courseId: 'learning-city' });
    t.equal(issued.statusCode, 201, issued.body);
    t.equal(issued.json().name, 'Malory Old', 'certified without the control characters');
    const pdf = await inject(learner, 'GET', `/api/certificates/${issued.json().id}/pdf`);
    t.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
    t.equal(pdf.headers['content-type'], 'application/pdf');
    t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    // A certificate row that itself carries such a name (issued before the rule) renders too.
    await app.database.db
      .update(certificates)
      .set({ name: 'Mal\u202Eory\u0007 Older' })
      .where(eq(certificates.id, issued.json().id));
    const older = await inject(learner, 'GET', `/api/certificates/${issued.json().id}/pdf`);
    t.equal(older.statusCode, 200, older.body.slice(0, 300));
    t.equal(older.rawPayload.subarray(0, 5).toString(), '%PDF-');
  },
);
