// Who may read or act on a workshop, and which workshops a list may show. Deny unless a rule grants.
// Admins may do everything; a facilitator manages only the workshops they own or co-facilitate;
// a participant reads the workshop (facilitators' names, assignments, their own status) and nothing of anyone else.
import type { Db } from '../../db/client.ts';
import type { WorkshopRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { Forbidden, NotFound } from '../../http/errors.ts';
import * as repo from './workshops.repository.ts';

export type WorkshopAction =
  | 'workshop.read' // see the workshop page
  | 'workshop.manage' // edit, codes, assignments, dashboard, export
  | 'workshop.own'; // archive, add and remove co-facilitators

export type Relation = { facilitatorRole: 'owner' | 'co_facilitator' | null; participant: boolean };

export function allows(actor: Actor, action: WorkshopAction, rel: Relation): boolean {
  if (actor.role === 'admin') return true;
  // A facilitator who has since lost the role keeps no powers over their old workshops.
  const facilitates = actor.role === 'facilitator' && rel.facilitatorRole !== null;
  switch (action) {
    case 'workshop.read':
      return facilitates || rel.participant;
    case 'workshop.manage':
      return facilitates;
    case 'workshop.own':
      return facilitates && rel.facilitatorRole === 'owner';
  }
}

export async function relationOf(db: Db, workshopId: string, userId: string): Promise<Relation> {
  const [facilitatorRole, participation] = await Promise.all([
    repo.facilitatorRole(db, workshopId, userId),
    repo.participation(db, workshopId, userId),
  ]);
  return { facilitatorRole, participant: !!participation && !participation.leftAt };
}

export const workshopNotFound = () => NotFound('This workshop', 'workshops.not_found');

/** Loads the workshop and checks the action; every workshop service method starts here. */
export async function requireAccess(
  db: Db,
  actor: Actor,
  action: WorkshopAction,
  workshopId: string,
): Promise<{ workshop: WorkshopRow; relation: Relation }> {
  const workshop = await repo.findWorkshop(db, workshopId);
  if (!workshop) throw workshopNotFound();
  const relation = await relationOf(db, workshopId, actor.id);
  if (!allows(actor, action, relation)) {
    if (action === 'workshop.read')
      throw Forbidden(
        'You are not part of this workshop. Ask its facilitator for the join code.',
        'workshops.not_member',
      );
    throw action === 'workshop.own' && allows(actor, 'workshop.manage', relation)
      ? Forbidden('Only the owner of this workshop can do this.', 'workshops.owner_only')
      : Forbidden('Only the facilitators of this workshop can do this.', 'workshops.forbidden');
  }
  return { workshop, relation };
}

/** The list filter that matches 'workshop.manage': admins see every workshop, facilitators those they facilitate. */
export function manageableFilter(actor: Actor): { facilitatorId?: string } {
  return actor.role === 'admin' ? {} : { facilitatorId: actor.id };
}
