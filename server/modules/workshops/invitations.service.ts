// Invitations: an existing account named in a facilitator's participant list is asked first. Only the invited person
// sees the invitation ("My learning") and answers it; accepting makes them a participant (enrolled in the workshop's
// courses, on its dashboard), declining removes it. Another person's invitation is "not found".
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { NotFound } from '../../http/errors.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { archivedConflict } from './assignments.service.ts';
import { enrolInWorkshopCourses } from './joining.service.ts';
import * as repo from './workshops.repository.ts';
import type { WorkshopInvitationBody } from './workshops.schemas.ts';

const noInvitation = () => NotFound('This invitation', 'workshops.invitation_not_found');

export async function myInvitations(db: Db, actor: Actor): Promise<WorkshopInvitationBody[]> {
  const rows = await repo.invitationsFor(db, actor.id);
  if (!rows.length) return [];
  const facilitators = new Map(
    await Promise.all(rows.map(async (r) => [r.workshop.id, await repo.facilitatorsOf(db, r.workshop.id)] as const)),
  );
  const personIds = [
    ...new Set([
      ...[...facilitators.values()].flat().map((f) => f.userId),
      ...rows.flatMap((r) => (r.invitation.invitedBy ? [r.invitation.invitedBy] : [])),
    ]),
  ];
  const nameOf = new Map((await peopleByIds(db, personIds)).map((p) => [p.id, p.name]));
  return rows.map(({ invitation, workshop }) => ({
    workshopId: workshop.id,
    title: workshop.title,
    city: workshop.city,
    startsOn: workshop.startsOn,
    endsOn: workshop.endsOn,
    facilitators: (facilitators.get(workshop.id) ?? []).map((f) => ({ name: nameOf.get(f.userId) ?? '' })),
    invitedBy: invitation.invitedBy ? (nameOf.get(invitation.invitedBy) ?? null) : null,
    invitedAt: invitation.invitedAt.toISOString(),
  }));
}

/** The invited person joins: the invitation becomes a participation (its place was held), with the workshop's courses. */
export async function acceptInvitation(db: Db, actor: Actor, workshopId: string) {
  const workshop = await repo.findWorkshop(db, workshopId);
  if (!workshop) throw noInvitation();
  return db.transaction(async (tx) => {
    await repo.lockWorkshop(tx, workshopId);
    if (!(await repo.invitationsOf(tx, workshopId)).some((i) => i.userId === actor.id)) throw noInvitation();
    if (workshop.archivedAt) throw archivedConflict();
    await repo.deleteInvitation(tx, workshopId, actor.id);
    await repo.upsertParticipant(tx, workshopId, actor.id);
    await enrolInWorkshopCourses(tx, workshopId, [actor.id]);
    return { workshopId, title: workshop.title };
  });
}

export async function declineInvitation(db: Db, actor: Actor, workshopId: string) {
  if (!(await repo.deleteInvitation(db, workshopId, actor.id))) throw noInvitation();
}
