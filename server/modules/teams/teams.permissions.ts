// Who may read or act on a city team. Deny unless a rule grants.
// Members read and write their team (its assessments and action plan); the facilitators of the team's workshop read
// it and comment on its plan; admins read every team but not its plan (a plan is the city's working draft: it is
// read by others only through a share link a member makes, see plan.service.ts). Nobody else reads a team.
import type { Db } from '../../db/client.ts';
import type { CityTeamRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { Forbidden, NotFound } from '../../http/errors.ts';
import { relationOf as workshopRelationOf } from '../workshops/workshops.permissions.ts';
import * as repo from './teams.repository.ts';

export type TeamAction =
  | 'team.read' // see the team, its members, code and assessments
  | 'team.edit' // start an assessment, rate actions
  | 'plan.read' // read the action plan and download it (members and the workshop's facilitators; not admins)
  | 'plan.edit' // fill the plan's fields, make and revoke share links
  | 'plan.comment'; // comment on a section

export type TeamRelation = { member: boolean; facilitator: boolean };

export function allows(actor: Actor, action: TeamAction, rel: TeamRelation): boolean {
  switch (action) {
    case 'team.read':
      return rel.member || rel.facilitator || actor.role === 'admin';
    case 'team.edit':
    case 'plan.edit':
      return rel.member;
    case 'plan.read':
    case 'plan.comment':
      return rel.member || rel.facilitator;
  }
}

export async function relationOf(db: Db, actor: Actor, team: CityTeamRow): Promise<TeamRelation> {
  const [member, workshop] = await Promise.all([
    repo.isMember(db, team.id, actor.id),
    team.workshopId ? workshopRelationOf(db, team.workshopId, actor.id) : null,
  ]);
  // A facilitator who has since lost the role keeps no powers over their old workshops' teams.
  return { member, facilitator: actor.role === 'facilitator' && !!workshop && workshop.facilitatorRole !== null };
}

export const teamNotFound = () => NotFound('This city team', 'teams.not_found');

/** Loads the team and checks the action; every team service method starts here. */
export async function requireTeamAccess(
  db: Db,
  actor: Actor,
  action: TeamAction,
  teamId: string,
): Promise<{ team: CityTeamRow; relation: TeamRelation }> {
  const team = await repo.findTeam(db, teamId);
  if (!team) throw teamNotFound();
  const relation = await relationOf(db, actor, team);
  if (!allows(actor, action, relation)) {
    if (action === 'team.read')
      throw Forbidden('You are not a member of this city team. Ask a member for the team code.', 'teams.not_member');
    if (action === 'team.edit')
      throw Forbidden('Only the members of this city team can change its self-assessment.', 'teams.members_only');
    if (action === 'plan.edit')
      throw Forbidden('Only the members of this city team can change its action plan.', 'teams.plan_members_only');
    throw Forbidden(
      "Only the team's members and its workshop's facilitators can see this action plan. Ask a member for a share link.",
      'teams.plan_not_allowed',
    );
  }
  return { team, relation };
}
