// The learning-city self-assessment: dated assessments of a team, saved one action at a time, and the profile
// (average rating per area). Members write; whoever may read the team reads.
import type { Db } from '../../db/client.ts';
import type { CityAssessmentActionRow, CityAssessmentRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { areaAverages, framework, frameworkIn } from './framework.ts';
import { requireTeamAccess } from './teams.permissions.ts';
import * as repo from './teams.repository.ts';
import type { AnswerBody, AssessmentViewBody, SaveActionInput } from './teams.schemas.ts';

const todayUtc = () => new Date().toISOString().slice(0, 10);
const assessmentNotFound = () => NotFound('This self-assessment', 'teams.assessment_not_found');

export async function startAssessment(db: Db, actor: Actor, teamId: string, assessedOn: string | null | undefined) {
  await requireTeamAccess(db, actor, 'team.edit', teamId);
  const day = assessedOn ?? todayUtc();
  if (day > todayUtc()) throw BadRequest('teams.assessment_in_future', `An assessment cannot be dated in the future (${day}). Use today's date or an earlier one.`, [{ field: 'body.assessedOn' }]);
  try {
    const row = await repo.insertAssessment(db, { teamId, assessedOn: day, createdBy: actor.id });
    return { id: row.id, assessedOn: row.assessedOn };
  } catch (err) {
    if (err instanceof repo.AssessmentDateTakenError) throw Conflict('teams.assessment_date_taken', `Your team already has an assessment dated ${day}. Open that one, or give the new one another date.`);
    throw err;
  }
}

async function toView(db: Db, assessment: CityAssessmentRow, rows: CityAssessmentActionRow[]): Promise<AssessmentViewBody> {
  const editors = [...new Set(rows.flatMap((r) => Object.values(r.changes).map((c) => c.by)))];
  const names = new Map((await peopleByIds(db, editors)).map((p) => [p.id, p.name]));
  const answers: AnswerBody[] = rows
    .map((r) => ({
      actionId: r.actionId, rating: r.rating, evidence: r.evidence, link: r.link, lead: r.lead,
      changes: Object.fromEntries(Object.entries(r.changes).map(([field, c]) => [field, { ...c, byName: names.get(c.by) ?? '' }])),
    }))
    .sort((a, b) => a.actionId.localeCompare(b.actionId, 'en', { numeric: true }));
  const areas = areaAverages(framework(), new Map(rows.map((r) => [r.actionId, r.rating])));
  return { id: assessment.id, teamId: assessment.teamId, assessedOn: assessment.assessedOn, answers, areas };
}

export async function getAssessment(db: Db, actor: Actor, teamId: string, assessmentId: string) {
  await requireTeamAccess(db, actor, 'team.read', teamId);
  const assessment = await repo.findAssessment(db, teamId, assessmentId);
  if (!assessment) throw assessmentNotFound();
  return toView(db, assessment, await repo.answersOf(db, [assessment.id]));
}

/** Every assessment of the team, oldest first, with its answers and profile: the side-by-side comparison. */
export async function listAssessments(db: Db, actor: Actor, teamId: string) {
  await requireTeamAccess(db, actor, 'team.read', teamId);
  const assessments = await repo.assessmentsOf(db, teamId);
  const rows = await repo.answersOf(db, assessments.map((a) => a.id));
  return { items: await Promise.all(assessments.map((a) => toView(db, a, rows.filter((r) => r.assessmentId === a.id)))) };
}

function checkLink(link: string | null | undefined) {
  if (link === undefined || link === null || link.trim() === '') return link === undefined ? undefined : null;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw BadRequest('teams.link_invalid', `"${link}" is not a web address. Give a full address starting with https:// (or http://).`, [{ field: 'body.link' }]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw BadRequest('teams.link_invalid', 'A link must be a web address starting with https:// (or http://).', [{ field: 'body.link' }]);
  return url.href;
}

const cleanText = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.normalize('NFC').trim() || null);

/** Saves the fields given for one action; the others keep what they had. Returns the action as now saved. */
export async function saveAction(db: Db, actor: Actor, teamId: string, assessmentId: string, actionId: string, input: SaveActionInput): Promise<AnswerBody> {
  await requireTeamAccess(db, actor, 'team.edit', teamId);
  if (!framework().actionIds.has(actionId)) throw NotFound(`Action ${actionId} of the self-assessment`, 'teams.unknown_action');
  const assessment = await repo.findAssessment(db, teamId, assessmentId);
  if (!assessment) throw assessmentNotFound();
  const fields: repo.AnswerFields = {};
  if (input.rating !== undefined) fields.rating = input.rating;
  if (input.evidence !== undefined) fields.evidence = cleanText(input.evidence);
  if (input.lead !== undefined) fields.lead = cleanText(input.lead);
  if (input.link !== undefined) fields.link = checkLink(input.link);
  await repo.saveAnswer(db, assessment.id, actionId, fields, { by: actor.id, at: new Date().toISOString() });
  const view = await toView(db, assessment, (await repo.answersOf(db, [assessment.id])).filter((r) => r.actionId === actionId));
  return view.answers[0];
}

/** The framework as the API gives it, in the language asked for when it has a translation (else English), saying which. */
export const frameworkView = (locale: string) => frameworkIn(locale);
