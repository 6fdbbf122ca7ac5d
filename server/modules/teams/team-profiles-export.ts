// The workshop's city teams as an .xlsx for the workshop report: a sheet of teams (members, plan progress, the dates
// of their assessments) and a sheet of profiles, one row per team × assessment × area, which a pivot table or a
// filter turns into any comparison (team against team, this year against last). Cells are neutralised like the
// participants export's.
import writeExcelFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { translator } from '../../i18n/messages.ts';
import { neutraliseFormula } from '../workshops/dashboard.service.ts';
import { fileStem } from '../workshops/exports.service.ts';
import { utcToZoned } from '../workshops/places.ts';
import { frameworkView } from './assessments.service.ts';
import { workshopTeamsProgress } from './workshop-teams.service.ts';

const text = (value: string): Cell => (value === '' ? null : { value: neutraliseFormula(value), type: String });
const number = (value: number | null): Cell => (value === null ? null : { value, type: Number });
const header = (labels: string[]): Cell[] =>
  labels.map((value) => ({ value: neutraliseFormula(value), fontWeight: 'bold' as const }));
/** A sheet name: at most 31 characters, none of []:*?/\ . */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function exportTeamProfilesXlsx(
  db: Db,
  actor: Actor,
  workshopId: string,
): Promise<{ filename: string; xlsx: Buffer }> {
  const { workshop, teams } = await workshopTeamsProgress(db, actor, workshopId);
  const t = translator('teams', actor.locale);
  const fw = frameworkView(actor.locale);
  const groupTitle = new Map(fw.groups.map((g) => [g.id, t(`teams.group_${g.id}`)]));
  const timeZone = workshop.timeZone;
  const local = (at: string | null) => (at ? Object.values(utcToZoned(new Date(at), timeZone)).join(' ') : '');

  const teamsSheet: SheetData = [
    header([
      t('teams.export_city'),
      t('teams.export_country'),
      t('teams.export_members'),
      t('teams.export_assessment_dates'),
      t('teams.export_sections_complete'),
      t('teams.export_sections_total'),
      t('teams.export_fields_filled'),
      t('teams.export_fields_total'),
      t('teams.export_plan_last_change', { timeZone }),
    ]),
    ...teams.map((team) => [
      text(team.city),
      text(team.country),
      number(team.memberCount),
      text(team.assessments.map((a) => a.assessedOn).join(', ')),
      number(team.plan.sectionsComplete),
      number(team.plan.sectionsTotal),
      number(team.plan.fieldsFilled),
      number(team.plan.fieldsTotal),
      text(local(team.plan.lastChangedAt)),
    ]),
  ];
  const profilesSheet: SheetData = [
    header([
      t('teams.export_city'),
      t('teams.export_country'),
      t('teams.export_assessed_on'),
      t('teams.export_group'),
      t('teams.export_area_number'),
      t('teams.export_area'),
      t('teams.export_average'),
      t('teams.export_rated'),
      t('teams.export_actions'),
    ]),
    ...teams.flatMap((team) =>
      team.assessments.flatMap((a) =>
        a.areas.map((score) => {
          const area = fw.areas.find((x) => x.id === score.areaId)!;
          return [
            text(team.city),
            text(team.country),
            text(a.assessedOn),
            text(groupTitle.get(area.group) ?? area.group),
            number(area.id),
            text(area.title),
            number(score.average),
            number(score.rated),
            number(score.actions),
          ];
        }),
      ),
    ),
  ];
  const xlsx = await writeExcelFile([
    { data: teamsSheet, sheet: sheetName(t('teams.export_sheet_teams')), stickyRowsCount: 1 },
    { data: profilesSheet, sheet: sheetName(t('teams.export_sheet_profiles')), stickyRowsCount: 1 },
  ]).toBuffer();
  return { filename: `${fileStem(workshop)}-city-teams.xlsx`, xlsx };
}
