// A workshop's city teams as its facilitators follow them: how far each plan is (sections and fields filled, the last
// change) and each team's dated self-assessment profiles. For the dashboard and its spreadsheet export.
import type { Db } from '../../db/client.ts';
import type { WorkshopRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { requireAccess as requireWorkshopAccess } from '../workshops/workshops.permissions.ts';
import { areaAverages, framework } from './framework.ts';
import { planSections, type PlanSection } from './plan-sections.ts';
import * as planRepo from './plan.repository.ts';
import * as repo from './teams.repository.ts';
import type { TeamProgressBody, WorkshopTeamsProgressBody } from './teams.schemas.ts';

/** The plan's sections, or none for a course without an action plan (a small test course). */
function sectionsOrNone(): PlanSection[] {
  try {
    return planSections();
  } catch {
    return [];
  }
}

export async function workshopTeamsProgress(
  db: Db,
  actor: Actor,
  workshopId: string,
): Promise<WorkshopTeamsProgressBody & { workshop: WorkshopRow }> {
  const { workshop, relation } = await requireWorkshopAccess(db, actor, 'workshop.manage', workshopId);
  const teams = await repo.teamsOfWorkshop(db, workshopId);
  const ids = teams.map((t) => t.id);
  const [counts, filled, assessments] = await Promise.all([
    repo.memberCounts(db, ids),
    planRepo.filledFieldsOf(db, ids),
    repo.assessmentsOfTeams(db, ids),
  ]);
  const answers = await repo.answersOf(
    db,
    assessments.map((a) => a.id),
  );
  const sections = sectionsOrNone();
  const known = new Set(sections.flatMap((s) => s.fields.map((f) => `${s.id}/${f.id}`)));
  const latestOf = new Map<string, (typeof filled)[number]>();
  for (const f of filled)
    if (
      known.has(`${f.sectionId}/${f.fieldId}`) &&
      (!latestOf.has(f.teamId) || latestOf.get(f.teamId)!.changedAt < f.changedAt)
    )
      latestOf.set(f.teamId, f);
  const names = new Map(
    (
      await peopleByIds(db, [...new Set([...latestOf.values()].flatMap((f) => (f.changedBy ? [f.changedBy] : [])))])
    ).map((p) => [p.id, p.name]),
  );
  const fw = framework();

  const progress = teams.map((team): TeamProgressBody => {
    const mine = new Set(filled.filter((f) => f.teamId === team.id).map((f) => `${f.sectionId}/${f.fieldId}`));
    const perSection = sections.map((s) => s.fields.filter((f) => mine.has(`${s.id}/${f.id}`)).length);
    const last = latestOf.get(team.id);
    return {
      id: team.id,
      city: team.city,
      country: team.country,
      memberCount: counts.get(team.id) ?? 0,
      plan: {
        sectionsComplete: perSection.filter((n, i) => n === sections[i].fields.length).length,
        sectionsStarted: perSection.filter((n) => n > 0).length,
        sectionsTotal: sections.length,
        fieldsFilled: perSection.reduce((a, b) => a + b, 0),
        fieldsTotal: sections.reduce((n, s) => n + s.fields.length, 0),
        lastChangedAt: last ? last.changedAt.toISOString() : null,
        lastChangedByName: last ? (last.changedBy && names.get(last.changedBy)) || '' : null,
      },
      assessments: assessments
        .filter((a) => a.teamId === team.id)
        .map((a) => ({
          id: a.id,
          assessedOn: a.assessedOn,
          areas: areaAverages(
            fw,
            new Map(answers.filter((r) => r.assessmentId === a.id).map((r) => [r.actionId, r.rating])),
          ),
        })),
    };
  });
  const collator = new Intl.Collator(actor.locale);
  // Same rule as teams.permissions 'plan.read' for a workshop's team: its facilitators, not admins.
  const canReadPlans = actor.role === 'facilitator' && relation.facilitatorRole !== null;
  return { workshop, workshopId, canReadPlans, teams: progress.sort((a, b) => collator.compare(a.city, b.city)) };
}
