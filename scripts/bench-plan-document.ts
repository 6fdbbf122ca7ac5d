// `npx tsx scripts/bench-plan-document.ts [locale ...]`: build time and size of a full action plan as PDF and .docx
// (every field filled with its example, a rated self-assessment), per language. The first PDF includes loading the
// Noto fonts into Typst; the later ones change the city each time, so Typst's cache cannot answer from memory.
// PLAN_PDF_OUT=dir also writes the files, e.g. to look at them (pdftoppm -r 80 -png dir/plan-zh.pdf dir/zh).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameworkIn } from '../server/modules/teams/framework.ts';
import { documentContent, renderPlanDocx, renderPlanPdf } from '../server/modules/teams/plan-document.ts';
import { planSectionsIn } from '../server/modules/teams/plan-sections.ts';
import type { PlanDocumentData } from '../server/modules/teams/plan.service.ts';

const CITIES: Record<string, string> = {
  en: 'Battambang',
  fr: 'Saint-Étienne',
  zh: '成都',
  km: 'បាត់ដំបង',
  ar: 'الجيزة',
  vi: 'Hà Nội',
};

function fullPlan(locale: string, city: string): PlanDocumentData {
  const { lang, sections } = planSectionsIn(locale);
  const view = sections.map((s) => ({
    id: s.id,
    title: s.title,
    intro: s.intro,
    activities: s.activities,
    filled: s.fields.length,
    comments: [],
    fields: s.fields.map((f) => ({
      id: f.id,
      kind: f.kind,
      maxLength: f.maxLength,
      document: f.document ?? null,
      label: f.label,
      hint: f.hint,
      example: f.example,
      value: f.example,
      changed: null,
    })),
  }));
  const total = view.reduce((n, s) => n + s.fields.length, 0);
  const fw = frameworkIn(locale);
  return {
    team: {
      id: '00000000-0000-4000-8000-000000000000',
      city,
      country: 'KH',
      workshopId: null,
      joinCode: 'X',
      createdBy: null,
      createdAt: new Date(),
    },
    locale,
    plan: {
      teamId: '00000000-0000-4000-8000-000000000000',
      city,
      country: 'KH',
      lang,
      sections: view,
      filled: total,
      total,
      canEdit: false,
      canComment: false,
    },
    profile: {
      assessedOn: '2026-11-30',
      lang: fw.lang,
      groups: fw.groups.map((g) => ({ id: g.id, title: g.title, areas: g.areas })),
      areas: fw.areas.map((a, i) => ({
        id: a.id,
        title: a.title,
        group: a.group,
        average: i === 11 ? null : ((i * 7) % 41) / 10,
      })),
    },
  };
}

const out = process.env.PLAN_PDF_OUT;
if (out) mkdirSync(out, { recursive: true });
const locales = process.argv.slice(2).length ? process.argv.slice(2) : ['en', 'zh', 'km'];
const RUNS = 10;
for (const locale of locales) {
  const city = CITIES[locale] ?? 'Battambang';
  let t0 = performance.now();
  const pdf = await renderPlanPdf(documentContent(fullPlan(locale, city), '2026-12-07'));
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const content = documentContent(fullPlan(locale, `${city} ${i}`), '2026-12-07');
    t0 = performance.now();
    await renderPlanPdf(content);
    times.push(performance.now() - t0);
  }
  t0 = performance.now();
  const docx = await renderPlanDocx(documentContent(fullPlan(locale, city), '2026-12-07'));
  const docxMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  console.log(
    `${locale}: PDF first ${first.toFixed(0)} ms, then median ${times[RUNS >> 1].toFixed(0)} ms (max ${times.at(-1)!.toFixed(0)}), ${(pdf.length / 1024).toFixed(0)} KB; .docx ${docxMs.toFixed(0)} ms, ${(docx.length / 1024).toFixed(0)} KB`,
  );
  if (out) {
    writeFileSync(join(out, `plan-${locale}.pdf`), pdf);
    writeFileSync(join(out, `plan-${locale}.docx`), docx);
  }
}
