// City team rules: forming a team (a facilitator in their workshop, a participant, or a learner alone), joining by
// the team code, leaving, and reading. A person is in at most one team per workshop.
import type { Db } from '../../db/client.ts';
import type { CityTeamRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, BadRequest, Conflict, Forbidden } from '../../http/errors.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { checkCountry, countryNameIn } from '../workshops/countries.ts';
import { formatJoinCode, generateJoinCode, normaliseJoinCode } from '../../shared/readable-codes.ts';
import { requireAccess as requireWorkshopAccess } from '../workshops/workshops.permissions.ts';
import { addMonths, MONTHS_BETWEEN_ASSESSMENTS } from './assessments.service.ts';
import { requireTeamAccess } from './teams.permissions.ts';
import * as repo from './teams.repository.ts';
import type { CreateTeamInput, TeamSummaryBody, TeamViewBody } from './teams.schemas.ts';

function checkCity(value: string) {
  const city = value.normalize('NFC').trim();
  if (!city)
    throw BadRequest('teams.city_required', 'Please give the name of your city; it cannot be only spaces.', [
      { field: 'body.city' },
    ]);
  return city;
}

function checkTeamCountry(input: string) {
  const check = checkCountry(input);
  if ('retired' in check) {
    const params = { code: check.retired, successor: check.successor, name: countryNameIn(check.successor, 'en') };
    throw BadRequest(
      'workshops.country_retired',
      `"${check.retired}" is a retired country code. Use the current one, such as ${check.successor} (${params.name}).`,
      [{ field: 'body.country', params }],
    );
  }
  if ('unknown' in check)
    throw BadRequest(
      'workshops.country_invalid',
      `"${input}" is not a country code. Use the two-letter ISO code, such as KH for Cambodia or FR for France.`,
      [{ field: 'body.country' }],
    );
  return check.code;
}

const alreadyInTeam = () =>
  Conflict(
    'teams.already_in_team',
    'You are already in a city team in this workshop. Leave that team first to join or form another.',
  );

const toSummary = (t: CityTeamRow, memberCount: number): TeamSummaryBody => ({
  id: t.id,
  city: t.city,
  country: t.country,
  workshopId: t.workshopId,
  joinCode: formatJoinCode(t.joinCode),
  memberCount,
});

export async function createTeam(db: Db, actor: Actor, input: CreateTeamInput): Promise<TeamViewBody> {
  const city = checkCity(input.city);
  const country = checkTeamCountry(input.country);
  let firstMember: string | null = actor.id;
  if (input.workshopId) {
    const { relation } = await requireWorkshopAccess(db, actor, 'workshop.read', input.workshopId);
    // A facilitator forms the team for the room (they are not a member of it); a participant forms their own.
    if (!relation.participant) firstMember = null;
    else if (await repo.teamInWorkshopOf(db, input.workshopId, actor.id)) throw alreadyInTeam();
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const team = await repo.insertTeam(
        db,
        { city, country, workshopId: input.workshopId ?? null, joinCode: generateJoinCode(), createdBy: actor.id },
        firstMember,
      );
      return getTeam(db, actor, team.id);
    } catch (err) {
      if (err instanceof repo.AlreadyInWorkshopTeamError) throw alreadyInTeam();
      if (!(err instanceof repo.JoinCodeTakenError) || attempt >= 4) throw err;
    }
  }
}

export async function getTeam(db: Db, actor: Actor, teamId: string): Promise<TeamViewBody> {
  const { team, relation } = await requireTeamAccess(db, actor, 'team.read', teamId);
  const [members, assessments] = await Promise.all([repo.membersOf(db, team.id), repo.assessmentsOf(db, team.id)]);
  const people = new Map(
    (
      await peopleByIds(
        db,
        members.map((m) => m.userId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    ...toSummary(team, members.length),
    members: members.map((m) => ({
      id: m.userId,
      name: people.get(m.userId)?.name ?? '',
      joinedAt: m.joinedAt.toISOString(),
    })),
    assessments: assessments.map((a) => ({ id: a.id, assessedOn: a.assessedOn })),
    nextAssessmentFrom: assessments.length
      ? addMonths(assessments.at(-1)!.assessedOn, MONTHS_BETWEEN_ASSESSMENTS)
      : null,
    canEdit: relation.member,
  };
}

/** The teams I am a member of. */
export async function myTeams(db: Db, actor: Actor) {
  const teams = await repo.teamsOfMember(db, actor.id);
  const counts = await repo.memberCounts(
    db,
    teams.map((t) => t.id),
  );
  return { items: teams.map((t) => toSummary(t, counts.get(t.id) ?? 0)) };
}

/**
 * A workshop's teams with their codes, for its facilitators, who hand the codes out. A participant sees only their
 * own team (GET /api/teams/mine): a team is read by its members, so a list must not show them the others.
 */
export async function workshopTeams(db: Db, actor: Actor, workshopId: string) {
  await requireWorkshopAccess(db, actor, 'workshop.manage', workshopId);
  const teams = await repo.teamsOfWorkshop(db, workshopId);
  const counts = await repo.memberCounts(
    db,
    teams.map((t) => t.id),
  );
  return { items: teams.map((t) => toSummary(t, counts.get(t.id) ?? 0)) };
}

export async function joinTeam(db: Db, actor: Actor, typed: string) {
  const code = normaliseJoinCode(typed);
  if (!code)
    throw BadRequest(
      'teams.code_invalid',
      'A team code has 8 letters and digits, like K7QM-3XPA. Check the code and try again.',
      [{ field: 'body.code' }],
    );
  const team = await repo.findTeamByCode(db, code);
  if (!team)
    throw new AppError(
      404,
      'teams.code_unknown',
      `No city team has the code ${formatJoinCode(code)}. Check it with a member of the team.`,
    );
  const result = { teamId: team.id, city: team.city };
  if (await repo.isMember(db, team.id, actor.id)) return { ...result, alreadyMember: true };
  if (team.workshopId) {
    const { relation } = await requireWorkshopAccess(db, actor, 'workshop.read', team.workshopId).catch(() => {
      throw Forbidden(
        'This team works in a workshop you have not joined. Join the workshop first, with its code from the facilitator.',
        'teams.join_workshop_first',
      );
    });
    if (!relation.participant)
      throw Forbidden('Only participants of the workshop can join its city teams.', 'teams.join_workshop_first');
  }
  try {
    await repo.addMember(db, team, actor.id);
  } catch (err) {
    if (err instanceof repo.AlreadyInWorkshopTeamError) throw alreadyInTeam();
    throw err;
  }
  return { ...result, alreadyMember: false };
}

export async function leaveTeam(db: Db, actor: Actor, teamId: string) {
  await requireTeamAccess(db, actor, 'team.read', teamId);
  if (!(await repo.removeMember(db, teamId, actor.id)))
    throw Conflict('teams.not_member_to_leave', 'You are not a member of this city team.');
}
