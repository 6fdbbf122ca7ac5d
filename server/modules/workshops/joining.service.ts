// Joining and leaving: join by code (idempotent, within the join window, enrolling in the course), leaving,
// and a facilitator removing a participant. A person who leaves drops out of dashboards and future exports;
// their own progress stays theirs.
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { listCourses } from '../catalog/catalog.service.ts';
import { enrolMany } from '../enrolment/enrolment.service.ts';
import { modulesOf } from './assignments.service.ts';
import { formatJoinCode, normaliseJoinCode } from '../../shared/readable-codes.ts';
import { outsideJoinWindow } from './join-window.ts';
import { requireAccess } from './workshops.permissions.ts';
import * as repo from './workshops.repository.ts';
import type { JoinPreview } from './workshops.schemas.ts';
import { phaseOf } from './workshops.service.ts';

const gone = (code: string, message: string) => new AppError(410, code, message);

/** The courses a workshop works in: those of its assigned modules, or every course while nothing is assigned yet. */
async function coursesOf(db: DbOrTx, workshopId: string): Promise<string[]> {
  const moduleIds = (await repo.assignmentsOf(db, workshopId)).map((a) => a.moduleId);
  const fromModules = [
    ...new Set(
      [...(await modulesOf(db as Db, moduleIds, 'en')).values()].flatMap((m) => (m.courseId ? [m.courseId] : [])),
    ),
  ];
  return fromModules.length ? fromModules : (await listCourses(db as Db)).map((c) => c.id);
}

/** Enrols participants in the workshop's courses (idempotent: an existing enrolment keeps its source). */
export async function enrolInWorkshopCourses(db: DbOrTx, workshopId: string, userIds: string[]) {
  for (const courseId of await coursesOf(db, workshopId)) await enrolMany(db, userIds, courseId, 'workshop');
}

/** The live workshop behind a typed code, or the error a person can act on (400 malformed, 404 unknown, 410 archived). */
async function workshopForCode(db: DbOrTx, typed: string, field: string) {
  const code = normaliseJoinCode(typed);
  if (!code)
    throw BadRequest(
      'workshops.code_invalid',
      'A join code has 8 letters and digits, like K7QM-3XPA. Check the code and try again.',
      [{ field }],
    );
  const [workshop] = await repo.workshopsWithCode(db, code);
  if (!workshop)
    throw new AppError(
      404,
      'workshops.code_unknown',
      `No workshop has the code ${formatJoinCode(code)}. Check it with your facilitator: the code may have been replaced by a new one.`,
    );
  if (workshop.archivedAt)
    throw gone('workshops.code_archived', 'This workshop has been archived, so its code no longer works.');
  return workshop;
}

/**
 * What the holder of a join code may see before joining (signed in or not): the workshop's title, city and country,
 * dates, its facilitators' names, and whether joining is open. Nothing about participants, progress or the description.
 */
export async function joinPreview(db: Db, typed: string): Promise<JoinPreview> {
  const workshop = await workshopForCode(db, typed, 'querystring.code');
  const facilitators = await repo.facilitatorsOf(db, workshop.id);
  const people = new Map(
    (
      await peopleByIds(
        db,
        facilitators.map((f) => f.userId),
      )
    ).map((p) => [p.id, p.name]),
  );
  return {
    title: workshop.title,
    city: workshop.city,
    country: workshop.country,
    startsOn: workshop.startsOn,
    endsOn: workshop.endsOn,
    // The owner first, then co-facilitators in the order they were added.
    facilitators: [...facilitators]
      .sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner'))
      .flatMap((f) => (people.has(f.userId) ? [people.get(f.userId)!] : [])),
    joinOpen: !workshop.joinClosedAt && !outsideJoinWindow(workshop) && phaseOf(workshop) !== 'ended',
  };
}

export async function join(db: Db, actor: Actor, typed: string) {
  const workshop = await workshopForCode(db, typed, 'body.code');
  return db.transaction(async (tx) => {
    await repo.lockWorkshop(tx, workshop.id);
    const existing = await repo.participation(tx, workshop.id, actor.id);
    const result = { workshopId: workshop.id, title: workshop.title, alreadyJoined: true };
    if (existing && !existing.leftAt) return result;
    if (workshop.joinClosedAt)
      throw gone(
        'workshops.join_closed',
        'The facilitator has closed joining for this workshop. Ask them to open it again.',
      );
    const outside = outsideJoinWindow(workshop);
    if (outside) throw outside;
    if (phaseOf(workshop) === 'ended')
      throw gone('workshops.ended', `This workshop ended on ${workshop.endsOn}, so it no longer accepts participants.`);
    // Joining by code answers an invitation too: the place it held becomes this person's.
    const wasInvited = await repo.deleteInvitation(tx, workshop.id, actor.id);
    if (workshop.maxParticipants !== null && !wasInvited) {
      const { participants, invited } = await repo.placesTaken(tx, workshop.id);
      if (participants + invited >= workshop.maxParticipants)
        throw Conflict(
          'workshops.full',
          `This workshop is full: it has room for ${workshop.maxParticipants} participants. Ask the facilitator to make room.`,
        );
    }
    await repo.upsertParticipant(tx, workshop.id, actor.id);
    await enrolInWorkshopCourses(tx, workshop.id, [actor.id]);
    return { ...result, alreadyJoined: false };
  });
}

/** A participant leaves by themself. */
export async function leave(db: Db, actor: Actor, id: string) {
  const { relation } = await requireAccess(db, actor, 'workshop.read', id);
  if (!relation.participant || !(await repo.markLeft(db, id, actor.id)))
    throw Conflict('workshops.not_participant', 'You are not a participant of this workshop.');
}

/** A facilitator takes a participant off the workshop (they can join again with the code). */
export async function removeParticipant(db: Db, actor: Actor, id: string, userId: string) {
  await requireAccess(db, actor, 'workshop.manage', id);
  if (!(await repo.markLeft(db, id, userId))) throw NotFound('This participant', 'workshops.participant_not_found');
}
