// The action plan as a document: "Learning City Action Plan — <city>, <date>" as a PDF (Typst, plan.typ, the
// certificates' compiler and Noto fonts, so Khmer, Arabic and Chinese are shaped right) and as an editable .docx.
// Labels come from the web's message catalog (plan.<locale>.json), in the document's language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { RTL_LOCALES, type Locale } from '../../i18n/locales.ts';
import { translator } from '../../i18n/messages.ts';
import { getCompiler } from '../certificates/pdf.ts';
import type { PlanDocumentData } from './plan.service.ts';
import { PROJECT_ROOT } from '../../shared/project-files.ts';

let template: string | null = null;

type DocContent = {
  title: string;
  subtitle: string;
  date: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The language and direction of the section texts and of the area titles (English until translated). */
  sectionsLang: string;
  sectionsDir: 'ltr' | 'rtl';
  profileLang: string;
  profileDir: 'ltr' | 'rtl';
  labels: Record<'profile' | 'noProfile' | 'notRated' | 'priorities' | 'timeline' | 'when' | 'what' | 'empty', string>;
  profile: {
    caption: string;
    groups: { title: string; areas: { label: string; average: number | null; text: string }[] }[];
  } | null;
  priorities: string[];
  timeline: { when: string; what: string }[];
  sections: { title: string; intro: string; fields: { label: string; kind: string; lines: string[] }[] }[];
};

const linesOf = (v: string | null) =>
  v
    ? v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
const TIMELINE_SPLIT = /^(.{1,40}?)\s*(?:—+|–+|-{1,2}|:|：)\s*(.+)$/;

function formatDay(iso: string, locale: string) {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  } catch {
    return iso;
  }
}

const dirOf = (locale: string): 'ltr' | 'rtl' => (RTL_LOCALES.includes(locale as Locale) ? 'rtl' : 'ltr');

/** What both documents show, in the document's language. `today` is YYYY-MM-DD. */
export function documentContent(data: PlanDocumentData, today: string): DocContent {
  const t = translator('plan', data.locale);
  const number = new Intl.NumberFormat(data.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fields = data.plan.sections.flatMap((s) => s.fields);
  const role = (r: string) => fields.filter((f) => f.document === r).flatMap((f) => linesOf(f.value));
  const dateText = formatDay(today, data.locale);
  return {
    title: t('plan.doc_title', { city: data.team.city, date: dateText }),
    subtitle: t('plan.doc_subtitle', { filled: data.plan.filled, total: data.plan.total }),
    date: today,
    lang: data.locale.split('-')[0],
    dir: dirOf(data.locale),
    sectionsLang: data.plan.lang,
    sectionsDir: dirOf(data.plan.lang),
    profileLang: data.profile?.lang ?? data.locale,
    profileDir: dirOf(data.profile?.lang ?? data.locale),
    labels: {
      profile: t('plan.doc_profile'),
      noProfile: t('plan.doc_no_profile'),
      notRated: t('plan.doc_not_rated'),
      priorities: t('plan.doc_priorities'),
      timeline: t('plan.doc_timeline'),
      when: t('plan.doc_when'),
      what: t('plan.doc_what'),
      empty: t('plan.doc_empty'),
    },
    profile: data.profile && {
      caption: t('plan.doc_profile_caption', { date: formatDay(data.profile.assessedOn, data.locale) }),
      groups: data.profile.groups.map((g) => ({
        title: g.title,
        areas: g.areas
          .map((id) => data.profile!.areas.find((a) => a.id === id)!)
          .map((a) => ({
            label: `${a.id}. ${a.title}`,
            average: a.average,
            text: a.average === null ? '' : number.format(a.average),
          })),
      })),
    },
    priorities: role('priorities'),
    timeline: role('timeline').map((l) => {
      const m = TIMELINE_SPLIT.exec(l);
      return m ? { when: m[1], what: m[2] } : { when: '', what: l };
    }),
    // Priorities and timeline are printed up front when filled in; their section does not repeat them.
    sections: data.plan.sections.map((s) => ({
      title: s.title,
      intro: s.intro,
      fields: s.fields
        .filter((f) => !(f.document && linesOf(f.value).length))
        .map((f) => ({ label: f.label, kind: f.kind, lines: linesOf(f.value) })),
    })),
  };
}

export async function renderPlanPdf(content: DocContent): Promise<Buffer> {
  template ??= readFileSync(join(PROJECT_ROOT, 'server/modules/teams/plan.typ'), 'utf8');
  const c = await getCompiler();
  const result = c.compile({ mainFileContent: template, inputs: { data: JSON.stringify(content) } });
  const err = result.takeError();
  if (err || !result.result)
    throw new Error(`typst failed: ${JSON.stringify(err ? c.fetchDiagnostics(err) : []).slice(0, 1000)}`);
  return c.pdf(result.result);
}

export async function renderPlanDocx(content: DocContent): Promise<Buffer> {
  const rtl = content.dir === 'rtl';
  const p = (
    text: string,
    opts: {
      heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
      italics?: boolean;
      bullet?: boolean;
      numbered?: boolean;
    } = {},
  ) =>
    new Paragraph({
      heading: opts.heading,
      bidirectional: rtl,
      bullet: opts.bullet ? { level: 0 } : undefined,
      numbering: opts.numbered ? { reference: 'priorities', level: 0 } : undefined,
      children: [new TextRun({ text, italics: opts.italics, rightToLeft: rtl })],
    });
  const children: (Paragraph | Table)[] = [p(content.title, { heading: HeadingLevel.TITLE }), p(content.subtitle)];
  children.push(p(content.labels.profile, { heading: HeadingLevel.HEADING_1 }));
  if (!content.profile) children.push(p(content.labels.noProfile, { italics: true }));
  else {
    children.push(p(content.profile.caption, { italics: true }));
    for (const g of content.profile.groups) {
      children.push(p(g.title, { heading: HeadingLevel.HEADING_3 }));
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          visuallyRightToLeft: rtl,
          rows: g.areas.map(
            (a) =>
              new TableRow({
                children: [
                  new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: [p(a.label)] }),
                  new TableCell({
                    width: { size: 25, type: WidthType.PERCENTAGE },
                    children: [
                      new Paragraph({
                        alignment: AlignmentType.END,
                        children: [new TextRun(a.average === null ? content.labels.notRated : `${a.text} / 4`)],
                      }),
                    ],
                  }),
                ],
              }),
          ),
        }),
      );
    }
  }
  if (content.priorities.length) {
    children.push(
      p(content.labels.priorities, { heading: HeadingLevel.HEADING_1 }),
      ...content.priorities.map((l) => p(l, { numbered: true })),
    );
  }
  if (content.timeline.length) {
    children.push(p(content.labels.timeline, { heading: HeadingLevel.HEADING_1 }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        visuallyRightToLeft: rtl,
        rows: [{ when: content.labels.when, what: content.labels.what }, ...content.timeline].map(
          (r, i) =>
            new TableRow({
              tableHeader: i === 0,
              children: [
                new TableCell({
                  width: { size: 30, type: WidthType.PERCENTAGE },
                  children: [new Paragraph({ children: [new TextRun({ text: r.when, bold: i === 0 })] })],
                }),
                new TableCell({
                  width: { size: 70, type: WidthType.PERCENTAGE },
                  children: [new Paragraph({ children: [new TextRun({ text: r.what, bold: i === 0 })] })],
                }),
              ],
            }),
        ),
      }),
    );
  }
  for (const s of content.sections) {
    children.push(p(s.title, { heading: HeadingLevel.HEADING_1 }), p(s.intro, { italics: true }));
    for (const f of s.fields) {
      children.push(p(f.label, { heading: HeadingLevel.HEADING_2 }));
      if (!f.lines.length) children.push(p(content.labels.empty, { italics: true }));
      else for (const l of f.lines) children.push(p(l, { bullet: f.kind === 'list' }));
    }
  }
  const doc = new Document({
    title: content.title,
    creator: 'Learning Cities Academy',
    language: content.lang,
    numbering: {
      config: [
        {
          reference: 'priorities',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [{ children }],
  } as ConstructorParameters<typeof Document>[0]);
  return Packer.toBuffer(doc);
}

export const documentFileName = (city: string, date: string, ext: 'pdf' | 'docx') =>
  `action-plan-${
    city
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'city'
  }-${date}.${ext}`;
