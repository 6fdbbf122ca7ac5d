// The workshop CSV export must not hand a spreadsheet a formula, however the formula is disguised.
import t from 'tap';
import { neutraliseFormula } from '../../../server/modules/workshops/dashboard.service.ts';

t.test('formulas are neutralised, also in compatibility forms and behind invisible characters', async (t) => {
  const formulas = [
    '=1+1',
    '+1 555',
    '-2+3',
    '@SUM(A1)',
    '\t=1+1',
    '\r=1+1',
    '＝1+1',
    '＋1',
    '－2+3',
    '＠SUM(A1)',
    '﹦1+1', // fullwidth and small forms (NFKC folds them to = + - @)
    '\u200B=1+1',
    '\uFEFF=1+1',
    '\u200E=1+1',
    '\u202E=1+1',
    '\u2066=1+1',
    '\u061C+1', // zero-width, BOM, bidi marks
    '\u200B\u200F＝HYPERLINK("http://evil.example","x")',
    ' =1+1',
    '\u00A0=1+1',
    '\u3000＝1+1',
  ];
  for (const f of formulas)
    t.equal(neutraliseFormula(f), `'${f}`, `${JSON.stringify(f)} gets an apostrophe, the rest unchanged`);
});

t.test('ordinary names are left as they are', async (t) => {
  for (const name of ['张伟', 'សុខ សុភា', 'فاطمة الزهراء', 'Ngô Thị Hằng', 'Anne-Marie', 'O’Neil', '', '1+1', 'a=b']) {
    t.equal(neutraliseFormula(name), name, JSON.stringify(name));
  }
});
