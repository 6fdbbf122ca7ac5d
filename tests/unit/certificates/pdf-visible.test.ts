// The printed-name check behind `cert:verify`: the glyphs a certificate PDF prints at the name's and
// the course's size must be those our renderer draws for the signed text, in every script.
import t from 'tap';
import { PDF_LABELS } from '../../../server/modules/certificates/labels.ts';
import { renderCertificatePdf } from '../../../server/modules/certificates/pdf.ts';
import { checkPrintedText } from '../../../server/modules/certificates/pdf-visible.ts';
import { shortenTitle } from '../../../server/modules/certificates/qr-payload.ts';
import { COURSE } from './fixtures.ts';

const TITLE: Record<string, string> = {
  en: COURSE.title,
  km: 'ទីក្រុងសិក្សា ១០១៖ ការកសាងទីក្រុងដែលរៀនជាមួយគ្នា',
  ar: 'مدن التعلم 101: بناء مدينة تتعلم معًا',
  zh: '学习型城市 101：共同学习的城市',
  vi: 'Thành phố học tập 101',
  ru: 'Обучающиеся города 101: как построить город, который учится',
};

const printed = (locale: string, name: string, courseTitle = TITLE[locale]) =>
  renderCertificatePdf({
    name,
    courseTitle,
    locale,
    issuedOn: '2026-03-14',
    issuerName: 'Learning Cities Academy',
    certificateNumber: 'a1b2c3d4e5f6a7b8c9d0',
    verifyUrl: 'https://academy.example.org/verify/a1b2c3d4e5f6a7b8c9d0',
    labels: PDF_LABELS[locale],
  });
// What the QR code signs: the course title cut by the issuer.
const signed = (locale: string, name: string) => ({ name, courseTitle: shortenTitle(TITLE[locale]) });

// Names whose PDF text layer reads back wrong (Khmer clusters, Arabic dots on shared glyphs, Vietnamese stacked marks).
const GENUINE: [string, string][] = [
  ['km', 'ស្រីមុំ សុខា'],
  ['km', 'សុខ សុភា'],
  ['ar', 'عبد الله الزهراء'],
  ['ar', 'فاطمة الزهراء'],
  ['zh', '张伟'],
  ['vi', 'Nguyễn Thị Minh Khai'],
  ['ru', 'Анна Петрова'],
  ['en', 'Ana María O’Neil'],
];

t.test('a genuine certificate matches in every script', async (t) => {
  for (const [locale, name] of GENUINE)
    t.same(
      await checkPrintedText(await printed(locale, name), signed(locale, name)),
      { status: 'match' },
      `${locale}: ${name}`,
    );
});

t.test('extra spaces in the signed name do not matter', async (t) => {
  t.same(await checkPrintedText(await printed('en', 'Ana María'), signed('en', '  Ana   María ')), { status: 'match' });
});

t.test('another printed name is caught, down to one character or mark', async (t) => {
  const cases: [string, string, string][] = [
    ['en', 'Ana María O’Neil', 'Mallory Forger'],
    ['zh', '张伟', '张玮'],
    ['ar', 'فاطمة الزهراء', 'فاطمة الرهراء'], // ز and ر share their body glyph: only the dot differs
    ['km', 'សុខ សុភា', 'សុខ សុភី'],
    ['vi', 'Nguyễn Thị Minh Khai', 'Nguyễn Thi Minh Khai'],
    ['en', 'Ana Maria', 'Ana María'],
  ];
  for (const [locale, real, forged] of cases) {
    const r = await checkPrintedText(await printed(locale, forged), signed(locale, real));
    t.match(r, { status: 'differs', field: 'name' }, `${locale}: ${real} signed, ${forged} printed`);
  }
});

t.test('another printed course is caught', async (t) => {
  const r = await checkPrintedText(await printed('en', 'Ana', 'Advanced Urban Governance'), signed('en', 'Ana'));
  t.match(r, { status: 'differs', field: 'course' });
  const rtl = await checkPrintedText(
    await printed('ar', 'فاطمة', 'مدن المستقبل: الحوكمة الحضرية المتقدمة'),
    signed('ar', 'فاطمة'),
  );
  t.match(rtl, { status: 'differs', field: 'course' });
});

t.test('a PDF without readable text is "unreadable", never a match', async (t) => {
  t.match(await checkPrintedText(Buffer.from('%PDF-1.4\n%%EOF\n'), signed('en', 'Ana')), { status: 'unreadable' });
  t.match(await checkPrintedText(Buffer.from('not a pdf'), signed('en', 'Ana')), { status: 'unreadable' });
});
