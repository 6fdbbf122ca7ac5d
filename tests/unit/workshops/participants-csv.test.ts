// Reading the lists facilitators have: comma, semicolon (European Excel) and tab-separated (a paste from a
// spreadsheet) tables, and plain lists of names with no header, in any script.
import t from 'tap';
import { detectLayout, parseParticipantsCsv } from '../../../server/modules/workshops/participants-csv.ts';

const names = (text: string) => parseParticipantsCsv(text).people.map((p) => p.name);

t.test('the delimiter is the one that splits the first line into known columns', async (t) => {
  t.same(detectLayout('name,email\nA,a@example.org\n'), { delimiter: ',', header: true });
  t.same(
    detectLayout('name;email;locale\nA;a@example.org;fr\n'),
    { delimiter: ';', header: true },
    'semicolons (French, Spanish, Russian Excel)',
  );
  t.same(
    detectLayout('Name\tEmail\nA\ta@example.org\n'),
    { delimiter: '\t', header: true },
    'tabs (a paste from a spreadsheet), header in any case',
  );
  t.same(detectLayout('name\nA\n'), { delimiter: '\t', header: true }, 'one column with its header');
  t.same(
    detectLayout('name;note, with a comma\nA;b\n'),
    { delimiter: ';', header: true },
    'a comma inside a semicolon file does not decide',
  );
});

t.test('a semicolon file and a tab paste give the same people as a comma file', async (t) => {
  const want = [
    { name: 'Sok Dara', email: 'dara@example.org', locale: 'km' },
    { name: 'Élodie Martin', email: 'elodie@example.org', locale: 'fr' },
  ];
  for (const [what, text] of [
    ['commas', 'name,email,locale\nSok Dara,dara@example.org,km\nÉlodie Martin,elodie@example.org,fr\n'],
    [
      'semicolons, with a BOM and CRLF',
      '\uFEFFname;email;locale\r\nSok Dara;dara@example.org;km\r\nÉlodie Martin;elodie@example.org;fr\r\n',
    ],
    ['tabs', 'name\temail\tlocale\nSok Dara\tdara@example.org\tkm\nÉlodie Martin\telodie@example.org\tfr\n'],
  ]) {
    const { people, problems } = parseParticipantsCsv(text);
    t.same(problems, [], `${what}: no problems`);
    t.same(
      people.map((p) => ({ name: p.name, email: p.email, locale: p.locale })),
      want,
      what,
    );
    t.same(
      people.map((p) => p.line),
      [2, 3],
      `${what}: line numbers as in the file`,
    );
  }
});

t.test(
  'a plain list of names, with no header, is one person per line (Khmer, Arabic, names with commas)',
  async (t) => {
    const text = 'ស្រីមុំ ចាន់\nسوك دارا\n\nمريم بنت أحمد\nChan, Sreymom\n  王芳  \n';
    t.same(detectLayout(text).header, false);
    const { people, problems } = parseParticipantsCsv(text);
    t.same(problems, []);
    t.same(
      people.map((p) => p.name),
      ['ស្រីមុំ ចាន់', 'سوك دارا', 'مريم بنت أحمد', 'Chan, Sreymom', '王芳'],
    );
    t.same(
      people.map((p) => p.line),
      [1, 2, 4, 5, 6],
      'line numbers count the blank line',
    );
    t.ok(people.every((p) => p.email === null && p.username === null && p.locale === null));
    t.same(names('ស្រីមុំ ចាន់\r\nសុខ សុភា'), ['ស្រីមុំ ចាន់', 'សុខ សុភា'], 'CRLF and no final newline');
    t.same(names('"Sok ""Tiger"" Dara"\nمريم\n'), ['Sok "Tiger" Dara', 'مريم'], 'quoted names are read as CSV');
  },
);

t.test('problems of a headerless list name their line', async (t) => {
  const { problems } = parseParticipantsCsv(`ស្រីមុំ ចាន់\n${'x'.repeat(201)}\nمريم\u0000\n`);
  t.same(
    problems.map((p) => [p.line, p.code]),
    [
      [2, 'csv.name_too_long'],
      [3, 'csv.name_invalid'],
    ],
  );
});

t.test('a table without its header line is explained, not read as columns named after people', async (t) => {
  const { problems } = parseParticipantsCsv('ស្រីមុំ ចាន់;sreymom@example.org\nسوك دارا;dara@example.org\n');
  t.equal(problems.length, 1);
  t.equal(problems[0].code, 'csv.no_header');
  t.match(
    problems[0].message,
    /^line 1: the first line should name the columns .* "ស្រីមុំ ចាន់ \| sreymom@example.org"\. Add such a line at the top, or give only one name per line$/,
  );
  t.notMatch(problems[0].message, /unknown column/);
});

t.test('every problem of a file is reported at once, each with its line, in plain words', async (t) => {
  const { problems } = parseParticipantsCsv(
    'name;email;locale\n ;a@example.org;en\nB;not-an-email;xx\nC;c@example.org\n"Unclosed;d@example.org;en\n',
  );
  t.same(
    problems.map((p) => p.line),
    [5],
    'a quote never closed stops the reading at its line',
  );
  t.match(problems[0].message, /^line 5: a quotation mark \("\) opens a value that is never closed/);
  const all = parseParticipantsCsv(
    'name;email;locale\n ;a@example.org;en\nB;not-an-email;xx\nC;c@example.org\n',
  ).problems;
  t.same(
    all.map((p) => [p.line, p.code]),
    [
      [2, 'csv.name_required'],
      [3, 'csv.email_invalid'],
      [3, 'csv.locale_unknown'],
      [4, 'csv.field_count'],
    ],
  );
  t.ok(all.every((p) => p.message.startsWith(`line ${p.line}: `)));
});
