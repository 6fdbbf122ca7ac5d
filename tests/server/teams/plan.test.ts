// The city team's action plan through the API: members read and write, the workshop's facilitators read and
// comment, nobody else; concurrent saves of different fields both survive; bad input is refused whole; the plan as
// a PDF (its text has the city and every section) and a .docx (opens, has the sections); share links.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { planSections, planSectionsIn } from '../../../server/modules/teams/plan-sections.ts';
import { build, injectAs, type TestUser } from '../../helpers/app.ts';
import { newAdmin, newFacilitator, newLearner } from '../../helpers/factories.ts';
import { joinAs, newWorkshop } from '../../helpers/workshops.ts';

const app: FastifyInstance = await build(t);
const as = (u: TestUser | null) => (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  injectAs(app, u, { method, url, payload: payload as object });

const facilitator = await newFacilitator(app, { name: 'Fatou Facilitator' });
const otherFacilitator = await newFacilitator(app, { name: 'Otto Other' });
const admin = await newAdmin(app, { name: 'Ada Admin' });
const workshop = await newWorkshop(app, facilitator, { title: 'Learning cities, Phnom Penh', locale: 'km' });
const pia = await newLearner(app, { name: 'Pia Participant' });
const quan = await newLearner(app, { name: 'Quan Participant' });
const stranger = await newLearner(app, { name: 'Sam Stranger' });
await joinAs(app, pia, workshop.joinCode);
await joinAs(app, quan, workshop.joinCode);
const team = (
  await as(facilitator)('POST', '/api/teams', { city: 'Battambang', country: 'KH', workshopId: workshop.id })
).json();
for (const u of [pia, quan]) await as(u)('POST', '/api/teams/join', { code: team.joinCode });
const plan = `/api/teams/${team.id}/plan`;

const tmp = mkdtempSync(join(tmpdir(), 'plan-test-'));
t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
const pdfText = (body: Buffer) => {
  const file = join(tmp, `p${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};
const pdfInfo = (body: Buffer) => {
  const file = join(tmp, `i${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
};
const docxXml = (body: Buffer) => {
  const file = join(tmp, `d${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(file, body);
  return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
};
// Word splits nothing we wrote, but escapes XML: compare on unescaped text.
const xmlText = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"');

t.test('the plan has one section per module activity, in English and every language of the site', async (t) => {
  const res = await as(pia)('GET', plan);
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.same(
    body.sections.map((s: { id: string }) => s.id),
    ['vision', 'coordination', 'celebration', 'access', 'monitoring', 'funding', 'esd'],
  );
  t.same(
    body.sections.flatMap((s: { activities: string[] }) => s.activities),
    [
      'm1-activity',
      'm2-activity',
      'm3-activity',
      'm4-activity',
      'm5-activity',
      'm6-activity',
      'm7-activity',
      't1-activity',
    ],
  );
  t.match(body, { city: 'Battambang', filled: 0, canEdit: true, canComment: true, lang: 'en' });
  t.ok(
    body.sections.every((s: { fields: { hint: string; example: string }[] }) =>
      s.fields.every((f) => f.hint && f.example),
    ),
    'every field has a hint and an example',
  );
  const fr = (await as(pia)('GET', `${plan}?locale=fr`)).json();
  t.equal(fr.lang, 'fr');
  t.equal(fr.sections[0].title, 'Vision et principes');
  t.equal((await as(pia)('GET', `${plan}?locale=zh`)).json().sections[5].title, '资金组合');
  // Every language of the site has the plan: the same sections and fields, in that language.
  for (const locale of ['vi', 'id', 'km', 'es', 'ar', 'ru']) {
    const tr = (await as(pia)('GET', `${plan}?locale=${locale}`)).json();
    t.equal(tr.lang, locale, `${locale}: translated`);
    t.same(
      tr.sections.map((s: { id: string; fields: { id: string }[] }) => [s.id, s.fields.map((f) => f.id)]),
      body.sections.map((s: { id: string; fields: { id: string }[] }) => [s.id, s.fields.map((f) => f.id)]),
      `${locale}: the same sections and fields`,
    );
    t.ok(
      tr.sections.every((s: { title: string }, i: number) => s.title !== body.sections[i].title),
      `${locale}: every section title translated`,
    );
  }
});

t.test('who reads, writes and comments: members, facilitators of the workshop; nobody else', async (t) => {
  const save = { fields: [{ sectionId: 'access', fieldId: 'group', value: 'Street vendors' }] };
  for (const [who, u, read, write, comment] of [
    ['member', pia, 200, 200, 201],
    ['facilitator of the workshop', facilitator, 200, 403, 201],
    ['other facilitator', otherFacilitator, 403, 403, 403],
    ['admin', admin, 403, 403, 403],
    ['stranger', stranger, 403, 403, 403],
    ['anonymous', null, 401, 401, 401],
  ] as const) {
    t.equal((await as(u)('GET', plan)).statusCode, read, `${who} reads the plan: ${read}`);
    t.equal((await as(u)('PUT', plan, save)).statusCode, write, `${who} saves a field: ${write}`);
    t.equal(
      (await as(u)('POST', `${plan}/sections/access/comments`, { body: `From ${who}` })).statusCode,
      comment,
      `${who} comments: ${comment}`,
    );
    t.equal((await as(u)('GET', `${plan}/document.pdf`)).statusCode, read, `${who} downloads the PDF: ${read}`);
    t.equal(
      (await as(u)('POST', `${plan}/shares`)).statusCode,
      write === 200 ? 201 : write,
      `${who} makes a share link`,
    );
  }
  const denied = await as(stranger)('PUT', plan, save);
  t.equal(denied.json().error.code, 'teams.plan_members_only', 'the refusal says who may edit');
  const asFacilitator = (await as(facilitator)('GET', plan)).json();
  t.match(asFacilitator, { canEdit: false, canComment: true });
  const access = asFacilitator.sections.find((s: { id: string }) => s.id === 'access');
  t.same(
    access.comments.map((c: { authorName: string; body: string }) => `${c.authorName}: ${c.body}`),
    ['Pia Participant: From member', 'Fatou Facilitator: From facilitator of the workshop'],
  );
  t.equal(access.fields[0].value, 'Street vendors', 'the stranger’s save changed nothing');
});

t.test(
  'two members saving different fields at once both keep theirs; the same field: the last write wins, and says who',
  async (t) => {
    const [a, b] = await Promise.all([
      as(pia)('PUT', plan, {
        fields: [{ sectionId: 'vision', fieldId: 'vision', value: 'Everyone learns, everywhere.' }],
      }),
      as(quan)('PUT', plan, {
        fields: [{ sectionId: 'vision', fieldId: 'principles', value: 'No one left out\nLearning in every district' }],
      }),
    ]);
    t.equal(a.statusCode, 200, a.body);
    t.equal(b.statusCode, 200, b.body);
    let vision = (await as(pia)('GET', plan)).json().sections[0];
    t.equal(vision.fields[0].value, 'Everyone learns, everywhere.');
    t.equal(vision.fields[0].changed.byName, 'Pia Participant');
    t.equal(vision.fields[1].value, 'No one left out\nLearning in every district');
    t.equal(vision.fields[1].changed.byName, 'Quan Participant');
    const later = await as(quan)('PUT', plan, {
      fields: [
        { sectionId: 'vision', fieldId: 'vision', value: '  Everyone learns, everywhere, all life long.  \r\n' },
      ],
    });
    t.match(later.json().saved[0], {
      value: 'Everyone learns, everywhere, all life long.',
      changed: { byName: 'Quan Participant' },
    });
    vision = (await as(pia)('GET', plan)).json().sections[0];
    t.equal(vision.fields[0].value, 'Everyone learns, everywhere, all life long.', 'the later write wins');
    t.equal(vision.fields[0].changed.byName, 'Quan Participant', 'and the field says who changed it');
    t.equal(vision.fields[1].changed.byName, 'Quan Participant', 'the other field keeps its own author');
    const cleared = await as(pia)('PUT', plan, {
      fields: [{ sectionId: 'vision', fieldId: 'principles', value: '   ' }],
    });
    t.equal(cleared.json().saved[0].value, null, 'spaces only clear the field');
    await as(quan)('PUT', plan, { fields: [{ sectionId: 'vision', fieldId: 'principles', value: 'No one left out' }] });
  },
);

t.test('bad input: 4xx with a message, nothing half-written', async (t) => {
  const before = (await as(pia)('GET', plan)).json();
  const max = planSections()
    .find((s) => s.id === 'access')!
    .fields.find((f) => f.id === 'group')!.maxLength;
  for (const [body, status, code] of [
    [
      {
        fields: [
          { sectionId: 'access', fieldId: 'barriers', value: 'Time' },
          { sectionId: 'access', fieldId: 'group', value: 'x'.repeat(max + 1) },
        ],
      },
      400,
      'teams.plan_field_too_long',
    ],
    [
      {
        fields: [
          { sectionId: 'access', fieldId: 'barriers', value: 'Time' },
          { sectionId: 'access', fieldId: 'nope', value: 'x' },
        ],
      },
      400,
      'teams.plan_unknown_field',
    ],
    [
      {
        fields: [
          { sectionId: 'access', fieldId: 'barriers', value: 'Time' },
          { sectionId: 'nowhere', fieldId: 'group', value: 'x' },
        ],
      },
      400,
      'teams.plan_unknown_field',
    ],
    [
      {
        fields: [
          { sectionId: 'access', fieldId: 'barriers', value: 'Time' },
          { sectionId: 'access', fieldId: 'barriers', value: 'Money' },
        ],
      },
      400,
      'teams.plan_field_twice',
    ],
    [{ fields: [{ sectionId: 'access', fieldId: 'group', value: 'two\nlines' }] }, 400, 'teams.plan_field_one_line'],
    [{ fields: [{ sectionId: 'access', fieldId: 'barriers', value: 'x'.repeat(5001) }] }, 400, undefined],
    [{ fields: [] }, 400, undefined],
    [{ fields: [{ sectionId: 'Access!', fieldId: 'group', value: 'x' }] }, 400, undefined],
    [{ fields: [{ sectionId: 'access', fieldId: 'group', value: 'x', extra: 1 }] }, 400, undefined],
  ] as const) {
    const res = await as(pia)('PUT', plan, body);
    t.equal(res.statusCode, status, `${code ?? 'schema'}: ${res.body.slice(0, 200)}`);
    t.type(res.json().error.message, 'string');
    if (code) t.equal(res.json().error.code, code);
  }
  const tooLong = await as(pia)('PUT', plan, {
    fields: [{ sectionId: 'access', fieldId: 'group', value: 'x'.repeat(max + 1) }],
  });
  t.match(tooLong.json().error.message, new RegExp(`at most ${max}`), 'the message gives the limit');
  const after = (await as(pia)('GET', plan)).json();
  t.same(after.sections, before.sections, 'nothing was written by a refused save (not even its valid fields)');
  t.equal(
    (await as(pia)('GET', `/api/teams/${team.id.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'))}/plan`))
      .statusCode,
    404,
    'unknown team: 404',
  );
  const unknownSection = await as(pia)('POST', `${plan}/sections/nowhere/comments`, { body: 'hi' });
  t.equal(unknownSection.statusCode, 404);
  t.equal(unknownSection.json().error.code, 'teams.plan_unknown_section');
  t.equal(
    (await as(pia)('POST', `${plan}/sections/access/comments`, { body: '  ' })).json().error.code,
    'teams.plan_comment_empty',
  );
  t.equal((await as(pia)('POST', `${plan}/sections/access/comments`, { body: 'x'.repeat(2001) })).statusCode, 400);
});

/** Fills every field of every section, as a team would by the end of the workshop. */
async function fillAll(u: TestUser, locale = 'en') {
  const fields = planSectionsIn(locale).sections.flatMap((s) =>
    s.fields.map((f) => ({ sectionId: s.id, fieldId: f.id, value: f.example })),
  );
  const res = await as(u)('PUT', plan, { fields });
  if (res.statusCode !== 200) throw new Error(res.body);
}

t.test(
  'the PDF: "Learning City Action Plan — <city>, <date>", the profile, priorities, timeline and every section',
  async (t) => {
    await fillAll(pia);
    const assessment = (await as(pia)('POST', `/api/teams/${team.id}/assessments`, {})).json();
    await as(pia)('PUT', `/api/teams/${team.id}/assessments/${assessment.id}/actions/1.1`, { rating: 3 });
    const res = await as(pia)('GET', `${plan}/document.pdf?locale=en`);
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'application/pdf');
    t.match(
      String(res.headers['content-disposition']),
      /attachment; filename="action-plan-battambang-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    t.match(text, /Learning City Action Plan — Battambang, /, 'the title has the city');
    for (const s of planSections()) t.ok(text.includes(s.title), `the PDF has the section "${s.title}"`);
    for (const heading of ['Self-assessment profile', 'Priorities', 'Timeline', 'council approves the plan'])
      t.ok(text.includes(heading), `the PDF has "${heading}"`);
    t.ok(text.includes('3.0'), 'the profile shows the rated area');

    // pdftotext gives Khmer's shaped glyphs out of order; the document title (PDF metadata) is the text as written.
    const km = await as(pia)('GET', `${plan}/document.pdf`);
    t.match(
      pdfInfo(km.rawPayload),
      /Title:\s+ផែនការសកម្មភាពទីក្រុងសិក្សា — Battambang, /,
      "by default in the team's language (its workshop's: Khmer)",
    );
  },
);

t.test('the .docx opens and has the title and every section', async (t) => {
  const res = await as(facilitator)('GET', `${plan}/document.docx?locale=fr`);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const xml = xmlText(docxXml(res.rawPayload));
  t.ok(xml.includes("Plan d'action de la ville apprenante — Battambang"), 'the title in French');
  for (const s of planSectionsIn('fr').sections) t.ok(xml.includes(s.title), `the .docx has "${s.title}"`);
  t.ok(xml.includes('Everyone learns') || xml.includes('By 2030'), 'and what the team wrote');
});

t.test('a share link: anyone with it reads, nobody without it; a member revokes it', async (t) => {
  const made = await as(pia)('POST', `${plan}/shares`);
  t.equal(made.statusCode, 201, made.body);
  const { id, token, url } = made.json();
  t.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
  t.match(url, new RegExp(`/plan/${token}$`));
  const listed = (await as(quan)('GET', `${plan}/shares`)).json().items;
  t.ok(listed.some((s: { id: string; createdByName: string }) => s.id === id && s.createdByName === 'Pia Participant'));
  t.notOk(JSON.stringify(listed).includes(token), 'the list never shows the token again');
  t.equal((await as(facilitator)('GET', `${plan}/shares`)).statusCode, 403, 'the facilitator does not manage links');

  const shared = await as(null)('GET', `/api/shared-plans/${token}`);
  t.equal(shared.statusCode, 200, 'anonymous with the link reads the plan');
  t.match(shared.json(), { city: 'Battambang', canEdit: false, canComment: false });
  t.ok(
    shared.json().sections.every((s: { comments: unknown[] }) => s.comments.length === 0),
    'without the team’s comments',
  );
  const pdf = await as(null)('GET', `/api/shared-plans/${token}/document.pdf`);
  t.equal(pdf.statusCode, 200);
  t.match(pdfText(pdf.rawPayload), /Battambang/);
  t.equal((await as(null)('GET', `/api/shared-plans/${token}/document.docx`)).statusCode, 200);
  const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const denied = await as(null)('GET', `/api/shared-plans/${wrong}`);
  t.equal(denied.statusCode, 404, 'another token: 404');
  t.equal(denied.json().error.code, 'teams.plan_share_not_found');
  t.equal((await as(null)('GET', '/api/shared-plans/short')).statusCode, 400, 'a malformed token: 400');

  t.equal((await as(stranger)('DELETE', `${plan}/shares/${id}`)).statusCode, 403, 'a stranger cannot revoke');
  t.equal((await as(facilitator)('DELETE', `${plan}/shares/${id}`)).statusCode, 403, 'nor the facilitator');
  t.equal((await as(quan)('DELETE', `${plan}/shares/${id}`)).statusCode, 204, 'another member revokes it');
  t.equal((await as(null)('GET', `/api/shared-plans/${token}`)).statusCode, 404, 'the link stops working at once');
  t.equal((await as(null)('GET', `/api/shared-plans/${token}/document.pdf`)).statusCode, 404);
  t.equal((await as(quan)('DELETE', `${plan}/shares/${id}`)).statusCode, 404, 'revoking twice: 404');
});
