// The learning-city self-assessment: dated assessments of a team, saved one action at a time, and the profile
// (average rating per area). Members write; whoever may read the team reads.
import type { Db } from '../../db/client.ts';
import type { CityAssessmentActionRow, CityAssessmentRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { areaAverages, framework, frameworkIn } from './framework.ts';
import { requireTeamAccess } from './teams.permissions.ts';
import * as repo from './teams.repository.ts';
import type { AnswerBody, AssessmentViewBody, SaveActionInput } from './teams.schemas.ts';

const todayUtc = () => new Date().toISOString().slice(0, 10);
const assessmentNotFound = () => NotFound('This self-assessment', 'teams.assessment_not_found');

/**
 * How far apart a team's assessments are. The network asks for a progress report every two years and a team repeats
 * the assessment about once a year; an assessment stays open to edit, so a second one only months later would split
 * one picture of the city in two. Six months leaves room for a follow-up workshop a little early, and for recording
 * an older assessment made on paper (a date before the others works too, if it is six months away).
 */
export const MONTHS_BETWEEN_ASSESSMENTS = 6;

/** The same day `months` later (or earlier, when negative); the 31st becomes the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** The other assessment a new one dated `day` would be too close to (the nearest), or null when it may be started. */
export function tooCloseTo(day: string, others: string[], months = MONTHS_BETWEEN_ASSESSMENTS): string | null {
  const close = others.filter((o) => o !== day && day < addMonths(o, months) && day > addMonths(o, -months));
  if (!close.length) return null;
  const distance = (o: string) => Math.abs(Date.parse(o) - Date.parse(day));
  return close.sort((a, b) => distance(a) - distance(b))[0];
}

export async function startAssessment(db: Db, actor: Actor, teamId: string, assessedOn: string | null | undefined) {
  await requireTeamAccess(db, actor, 'team.edit', teamId);
  const day = assessedOn ?? todayUtc();
  if (day > todayUtc())
    throw BadRequest(
      'teams.assessment_in_future',
      `An assessment cannot be dated in the future (${day}). Use today's date or an earlier one.`,
      [{ field: 'body.assessedOn' }],
    );
  const taken = () =>
    Conflict(
      'teams.assessment_date_taken',
      `Your team already has an assessment dated ${day}. Open that one, or give the new one another date.`,
    );
  let result: Awaited<ReturnType<typeof repo.insertAssessment<string>>>;
  try {
    result = await repo.insertAssessment(db, { teamId, assessedOn: day, createdBy: actor.id }, (others) =>
      others.includes(day) ? day : tooCloseTo(day, others),
    );
  } catch (err) {
    if (err instanceof repo.AssessmentDateTakenError) throw taken();
    throw err;
  }
  if ('refused' in result) {
    const other = result.refused;
    if (other === day) throw taken();
    const params = { other, from: addMonths(other, MONTHS_BETWEEN_ASSESSMENTS), months: MONTHS_BETWEEN_ASSESSMENTS };
    throw new AppError(
      409,
      'teams.assessment_too_soon',
      `Your team has an assessment dated ${other}: continue that one. A new assessment is for progress made since, and can be dated from ${params.from} (${MONTHS_BETWEEN_ASSESSMENTS} months later).`,
      [{ field: 'body.assessedOn', params }],
    );
  }
  return { id: result.created.id, assessedOn: result.created.assessedOn };
}

async function toView(
  db: Db,
  assessment: CityAssessmentRow,
  rows: CityAssessmentActionRow[],
): Promise<AssessmentViewBody> {
  const editors = [...new Set(rows.flatMap((r) => Object.values(r.changes).map((c) => c.by)))];
  const names = new Map((await peopleByIds(db, editors)).map((p) => [p.id, p.name]));
  const answers: AnswerBody[] = rows
    .map((r) => ({
      actionId: r.actionId,
      rating: r.rating,
      evidence: r.evidence,
      link: r.link,
      lead: r.lead,
      changes: Object.fromEntries(
        Object.entries(r.changes).map(([field, c]) => [field, { ...c, byName: names.get(c.by) ?? '' }]),
      ),
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
  const rows = await repo.answersOf(
    db,
    assessments.map((a) => a.id),
  );
  return {
    items: await Promise.all(
      assessments.map((a) =>
        toView(
          db,
          a,
          rows.filter((r) => r.assessmentId === a.id),
        ),
      ),
    ),
  };
}

function checkLink(link: string | null | undefined) {
  if (link === undefined || link === null || link.trim() === '') return link === undefined ? undefined : null;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw BadRequest(
      'teams.link_invalid',
      `"${link}" is not a web address. Give a full address starting with https:// (or http://).`,
      [{ field: 'body.link' }],
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw BadRequest('teams.link_invalid', 'A link must be a web address starting with https:// (or http://).', [
      { field: 'body.link' },
    ]);
  return url.href;
}

const cleanText = (s: string | null | undefined) =>
  s === undefined ? undefined : s === null ? null : s.normalize('NFC').trim() || null;

/** Saves the fields given for one action; the others keep what they had. Returns the action as now saved. */
export async function saveAction(
  db: Db,
  actor: Actor,
  teamId: string,
  assessmentId: string,
  actionId: string,
  input: SaveActionInput,
): Promise<AnswerBody> {
  await requireTeamAccess(db, actor, 'team.edit', teamId);
  if (!framework().actionIds.has(actionId))
    throw NotFound(`Action ${actionId} of the self-assessment`, 'teams.unknown_action');
  const assessment = await repo.findAssessment(db, teamId, assessmentId);
  if (!assessment) throw assessmentNotFound();
  const fields: repo.AnswerFields = {};
  if (input.rating !== undefined) fields.rating = input.rating;
  if (input.evidence !== undefined) fields.evidence = cleanText(input.evidence);
  if (input.lead !== undefined) fields.lead = cleanText(input.lead);
  if (input.link !== undefined) fields.link = checkLink(input.link);
  await repo.saveAnswer(db, assessment.id, actionId, fields, { by: actor.id, at: new Date().toISOString() });
  const view = await toView(
    db,
    assessment,
    (await repo.answersOf(db, [assessment.id])).filter((r) => r.actionId === actionId),
  );
  return view.answers[0];
}

/** The framework as the API gives it, in the language asked for when it has a translation (else English), saying which. */
export const frameworkView = (locale: string) => frameworkIn(locale);
