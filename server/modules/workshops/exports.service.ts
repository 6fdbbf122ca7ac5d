// The dashboard as a file for the spreadsheets people use: CSV separated the way the downloader's spreadsheet expects
// (semicolons where the decimal separator is a comma: French, Spanish, Russian Excel), or .xlsx, which every
// spreadsheet opens the same way. Both hold the same cells, formulas neutralised.
import { stringify } from 'csv-stringify/sync';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { translator } from '../../i18n/messages.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { slipUse } from '../accounts/sign-in-codes.ts';
import { dashboard, neutraliseFormula } from './dashboard.service.ts';
import { utcToZoned } from './places.ts';
import { requireAccess } from './workshops.permissions.ts';

type Cell = string | number;
export type ExportTable = { filenameStem: string; rows: Cell[][] };

/** The language tags of an Accept-Language header, best first (q=0 left out). */
function acceptedTags(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((e) => e.tag && e.tag !== '*' && e.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((e) => e.tag);
}

/**
 * The CSV separator a spreadsheet in this locale expects: where numbers are written 1,5 the list separator is ";".
 * The browser's languages come first (they follow the computer's settings, which the spreadsheet follows too), then
 * the language chosen on the site.
 */
export function csvDelimiterFor(acceptLanguage: string | undefined, uiLocale: string): ',' | ';' {
  for (const tag of [...acceptedTags(acceptLanguage), uiLocale]) {
    let supported: string[];
    try {
      supported = Intl.NumberFormat.supportedLocalesOf([tag]);
    } catch {
      continue; // not a language tag
    }
    if (!supported.length) continue;
    const decimal = new Intl.NumberFormat(supported[0]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    return decimal === ',' ? ';' : ',';
  }
  return ',';
}

/** The start of an export's file name: the workshop's title in ASCII and its first day. */
export function fileStem(workshop: { title: string; startsOn: string }) {
  const slug =
    workshop.title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 60) || 'workshop';
  return `${slug}-${workshop.startsOn}`;
}

/**
 * One row per current participant, headers and statuses in the requester's language. "Joined" is when the person
 * first signed in while in the workshop (not when a list added them): empty until they have. "Slip used": yes or no
 * for people given a sign-in slip, empty for those who joined by themselves.
 */
export async function exportTable(db: Db, actor: Actor, id: string): Promise<ExportTable> {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  const data = await dashboard(db, actor, id);
  const t = translator('workshops', actor.locale);
  const timeZone = workshop.timeZone;
  const local = (at: Date | string | null) => (at ? Object.values(utcToZoned(new Date(at), timeZone)).join(' ') : '');
  const ids = data.participants.map((p) => p.userId);
  const [people, uses] = await Promise.all([peopleByIds(db, ids), slipUse(db, id, ids)]);
  const personOf = new Map(people.map((p) => [p.id, p]));
  const header = [
    t('workshops.export_name'),
    t('workshops.export_email'),
    t('workshops.export_username'),
    t('workshops.export_joined', { timeZone }),
    t('workshops.export_slip_used'),
    t('workshops.export_last_active', { timeZone }),
    t('workshops.export_percent'),
  ];
  for (const a of data.assignments) {
    const module = `M${a.moduleNumber} ${a.moduleTitle}`;
    header.push(
      t('workshops.export_module_status', { module }),
      t('workshops.export_module_percent', { module }),
      t('workshops.export_module_best_score', { module }),
    );
  }
  const records = data.participants.map((p): Cell[] => {
    const use = uses.get(p.userId);
    const first = use?.firstSignedInAt ?? null;
    // Someone who had an account before joining signed in long before: they joined when they joined.
    const joined = first ? new Date(Math.max(first.getTime(), new Date(p.joinedAt).getTime())) : null;
    const slip =
      use?.slip === 'used' ? t('workshops.export_yes') : use?.slip === 'unused' ? t('workshops.export_no') : '';
    return [
      p.name,
      personOf.get(p.userId)?.email ?? '',
      personOf.get(p.userId)?.username ?? '',
      local(joined),
      slip,
      local(p.lastActiveAt),
      p.percent,
      ...p.cells.flatMap((c) => [t(`workshops.status_${c.status}`), c.percent, c.bestScore ?? '']),
    ];
  });
  return { filenameStem: fileStem(workshop), rows: [header, ...records] };
}

/** UTF-8 with a byte-order mark so spreadsheet programs read every script. */
export async function exportCsv(
  db: Db,
  actor: Actor,
  id: string,
  delimiter: ',' | ';',
): Promise<{ filename: string; csv: string }> {
  const { filenameStem, rows } = await exportTable(db, actor, id);
  return {
    filename: `${filenameStem}.csv`,
    csv: stringify(rows, { bom: true, delimiter, cast: { string: neutraliseFormula } }),
  };
}

/** The same cells as an .xlsx workbook: numbers stay numbers, text is neutralised like the CSV's. */
export async function exportXlsx(db: Db, actor: Actor, id: string): Promise<{ filename: string; xlsx: Buffer }> {
  const { filenameStem, rows } = await exportTable(db, actor, id);
  const [header, ...records] = rows;
  const sheet: SheetData = [
    header.map((value) => ({ value: neutraliseFormula(String(value)), fontWeight: 'bold' as const })),
    ...records.map((r) =>
      r.map((value) =>
        typeof value === 'number'
          ? { value, type: Number }
          : value === ''
            ? null
            : { value: neutraliseFormula(value), type: String },
      ),
    ),
  ];
  const xlsx = await writeExcelFile(sheet, { stickyRowsCount: 1 }).toBuffer();
  return { filename: `${filenameStem}.xlsx`, xlsx };
}
