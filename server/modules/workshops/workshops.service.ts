// Workshop rules: creating and editing, join codes, joining and leaving, co-facilitators (assignments: assignments.service.ts).
// Every method starts with the permission check (workshops.permissions.ts). Takes (db, actor, input).
import type { Db } from '../../db/client.ts';
import type { WorkshopRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { findPersonByEmail, peopleByIds } from '../accounts/accounts.service.ts';
import { modulesProgressOf } from '../progress/progress.service.ts';
import { formatJoinCode, generateJoinCode } from '../../shared/readable-codes.ts';
import { joinWindowChanges, toLocalDateTime } from './join-window.ts';
import { archivedConflict, assignmentStatus, modulesOf, toAssignment } from './assignments.service.ts';
import { checkCountry, countryNameIn } from './countries.ts';
import { canonicalTimeZone, todayIn, utcToZoned } from './places.ts';
import { manageableFilter, requireAccess, type Relation } from './workshops.permissions.ts';
import * as repo from './workshops.repository.ts';
import type {
  CreateWorkshopInput,
  ManagedWorkshopBody,
  ParticipantWorkshopBody,
  UpdateWorkshopInput,
  WorkshopSummaryBody,
} from './workshops.schemas.ts';

export type Urls = { publicUrl: string };

// ---- Input rules ----

function checkPlace(input: { country?: string; timeZone?: string }) {
  const out: { country?: string; timeZone?: string } = {};
  if (input.country !== undefined) {
    const check = checkCountry(input.country);
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
        `"${input.country}" is not a country code. Use the two-letter ISO code, such as KH for Cambodia or FR for France.`,
        [{ field: 'body.country' }],
      );
    out.country = check.code;
  }
  if (input.timeZone !== undefined) {
    const zone = canonicalTimeZone(input.timeZone);
    if (!zone)
      throw BadRequest(
        'workshops.time_zone_invalid',
        `"${input.timeZone}" is not a time zone. Use a name such as Asia/Phnom_Penh or Europe/Paris.`,
        [{ field: 'body.timeZone' }],
      );
    out.timeZone = zone;
  }
  return out;
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn)
    throw BadRequest('workshops.dates_order', `The workshop cannot end (${endsOn}) before it starts (${startsOn}).`, [
      { field: 'body.endsOn' },
    ]);
}

const trimmed = (s: string) => s.normalize('NFC').trim();
function checkText(value: string, field: string) {
  const text = trimmed(value);
  if (!text)
    throw BadRequest('workshops.text_required', `Please fill in the ${field}; it cannot be only spaces.`, [
      { field: `body.${field}` },
    ]);
  return text;
}

// ---- Mappers ----

export function phaseOf(w: WorkshopRow, now = new Date()): 'upcoming' | 'running' | 'ended' | 'archived' {
  if (w.archivedAt) return 'archived';
  const today = todayIn(w.timeZone, now);
  return today < w.startsOn ? 'upcoming' : today > w.endsOn ? 'ended' : 'running';
}

const basics = (w: WorkshopRow) => ({
  id: w.id,
  title: w.title,
  description: w.description,
  city: w.city,
  country: w.country,
  locale: w.locale,
  timeZone: w.timeZone,
  startsOn: w.startsOn,
  endsOn: w.endsOn,
  phase: phaseOf(w),
});

export const joinUrlFor = (urls: Urls, code: string) => `${urls.publicUrl}/join?code=${formatJoinCode(code)}`;

async function toManaged(
  db: Db,
  actor: Actor,
  w: WorkshopRow,
  relation: Relation,
  urls: Urls,
): Promise<ManagedWorkshopBody> {
  const [facilitators, assignments, counts] = await Promise.all([
    repo.facilitatorsOf(db, w.id),
    repo.assignmentsOf(db, w.id),
    repo.participantCounts(db, [w.id]),
  ]);
  const [people, modules] = await Promise.all([
    peopleByIds(
      db,
      facilitators.map((f) => f.userId),
    ),
    modulesOf(
      db,
      assignments.map((a) => a.moduleId),
      actor.locale,
    ),
  ]);
  const personOf = new Map(people.map((p) => [p.id, p]));
  return {
    view: 'manager',
    ...basics(w),
    maxParticipants: w.maxParticipants,
    joinCode: formatJoinCode(w.joinCode),
    joinUrl: joinUrlFor(urls, w.joinCode),
    joinOpen: !w.joinClosedAt,
    joinFrom: toLocalDateTime(w.joinFrom, w.timeZone),
    joinUntil: toLocalDateTime(w.joinUntil, w.timeZone),
    participantCount: counts.get(w.id) ?? 0,
    myRole: relation.facilitatorRole ?? 'admin',
    facilitators: facilitators.map((f) => ({
      id: f.userId,
      name: personOf.get(f.userId)?.name ?? '',
      email: personOf.get(f.userId)?.email ?? null,
      role: f.role,
    })),
    assignments: assignments.map((a) => toAssignment(a, w, modules)),
  };
}

async function toParticipantView(db: Db, actor: Actor, w: WorkshopRow): Promise<ParticipantWorkshopBody> {
  const [facilitators, assignments] = await Promise.all([repo.facilitatorsOf(db, w.id), repo.assignmentsOf(db, w.id)]);
  const [people, modules] = await Promise.all([
    peopleByIds(
      db,
      facilitators.map((f) => f.userId),
    ),
    modulesOf(
      db,
      assignments.map((a) => a.moduleId),
      actor.locale,
    ),
  ]);
  const progress = (await modulesProgressOf(db, [actor.id], [...modules.values()])).get(actor.id) ?? {};
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return {
    view: 'participant',
    ...basics(w),
    facilitators: facilitators.map((f) => ({ name: nameOf.get(f.userId) ?? '' })),
    assignments: assignments.map((a) => {
      const mine = progress[a.moduleId];
      return {
        ...toAssignment(a, w, modules),
        status: assignmentStatus(mine?.status ?? 'not_started', a.dueAt),
        percent: mine?.percent ?? 0,
        bestScore: mine?.bestScore ?? null,
      };
    }),
  };
}

async function toSummaries(db: Db, actor: Actor, rows: WorkshopRow[]): Promise<WorkshopSummaryBody[]> {
  const counts = await repo.participantCounts(
    db,
    rows.map((w) => w.id),
  );
  return Promise.all(
    rows.map(async (w) => ({
      ...basics(w),
      participantCount: counts.get(w.id) ?? 0,
      joinCode: formatJoinCode(w.joinCode),
      myRole: (await repo.facilitatorRole(db, w.id, actor.id)) ?? ('admin' as const),
    })),
  );
}

// ---- Workshops ----

/** Tries fresh codes until one is free among active workshops (a clash is about one in a billion per active workshop). */
async function withFreshCode<T>(attempt: (code: string) => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 5; tries++) {
    try {
      return await attempt(generateJoinCode());
    } catch (err) {
      if (!(err instanceof repo.JoinCodeTakenError)) throw err;
    }
  }
  throw Conflict('workshops.code_busy', 'No free join code could be made just now. Please try again.');
}

export async function createWorkshop(
  db: Db,
  actor: Actor,
  input: CreateWorkshopInput,
  urls: Urls,
): Promise<ManagedWorkshopBody> {
  const place = checkPlace(input);
  checkDates(input.startsOn, input.endsOn);
  const row = await withFreshCode((joinCode) =>
    repo.insertWorkshop(
      db,
      {
        title: checkText(input.title, 'title'),
        city: checkText(input.city, 'city'),
        country: place.country!,
        locale: input.locale,
        timeZone: place.timeZone!,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        description: input.description ? trimmed(input.description) || null : null,
        maxParticipants: input.maxParticipants ?? null,
        joinCode,
      },
      actor.id,
    ),
  );
  return toManaged(db, actor, row, { facilitatorRole: 'owner', participant: false }, urls);
}

export async function getWorkshop(
  db: Db,
  actor: Actor,
  id: string,
  urls: Urls,
): Promise<ManagedWorkshopBody | ParticipantWorkshopBody> {
  const { workshop, relation } = await requireAccess(db, actor, 'workshop.read', id);
  if (actor.role === 'admin' || (actor.role === 'facilitator' && relation.facilitatorRole))
    return toManaged(db, actor, workshop, relation, urls);
  return toParticipantView(db, actor, workshop);
}

export async function updateWorkshop(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateWorkshopInput,
  urls: Urls,
): Promise<ManagedWorkshopBody> {
  const { workshop, relation } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const place = checkPlace(input);
  const changes: repo.WorkshopChanges = { ...place };
  if (input.title !== undefined) changes.title = checkText(input.title, 'title');
  if (input.city !== undefined) changes.city = checkText(input.city, 'city');
  if (input.locale !== undefined) changes.locale = input.locale;
  if (input.description !== undefined)
    changes.description = input.description === null ? null : trimmed(input.description) || null;
  if (input.maxParticipants !== undefined) changes.maxParticipants = input.maxParticipants;
  if (input.startsOn !== undefined) changes.startsOn = input.startsOn;
  if (input.endsOn !== undefined) changes.endsOn = input.endsOn;
  if (input.joinOpen !== undefined)
    changes.joinClosedAt = input.joinOpen ? null : (workshop.joinClosedAt ?? new Date());
  Object.assign(changes, joinWindowChanges(workshop, input, changes.timeZone ?? workshop.timeZone));
  const startsOn = changes.startsOn ?? workshop.startsOn;
  const endsOn = changes.endsOn ?? workshop.endsOn;
  checkDates(startsOn, endsOn);
  // Due dates are kept as instants; they must still fall within the (new) dates in the (new) time zone.
  const zone = changes.timeZone ?? workshop.timeZone;
  const outside = (await repo.assignmentsOf(db, id))
    .map((a) => utcToZoned(a.dueAt, zone).date)
    .filter((d) => d < startsOn || d > endsOn);
  if (outside.length) {
    throw BadRequest(
      'workshops.assignments_outside',
      `Some assignments are due outside the new dates (${outside.join(', ')}). Change their due dates first.`,
      [{ field: 'body.startsOn' }],
    );
  }
  const row = await repo.updateWorkshop(db, id, changes);
  return toManaged(db, actor, row!, relation, urls);
}

export async function archiveWorkshop(db: Db, actor: Actor, id: string, urls: Urls): Promise<ManagedWorkshopBody> {
  const { workshop, relation } = await requireAccess(db, actor, 'workshop.own', id);
  const row = workshop.archivedAt ? workshop : await repo.updateWorkshop(db, id, { archivedAt: new Date() });
  return toManaged(db, actor, row!, relation, urls);
}

/** A new code replaces the old one at once (the old one stops working) and opens joining again. */
export async function regenerateJoinCode(db: Db, actor: Actor, id: string, urls: Urls): Promise<ManagedWorkshopBody> {
  const { workshop, relation } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const row = await withFreshCode((joinCode) => repo.updateWorkshop(db, id, { joinCode, joinClosedAt: null }));
  return toManaged(db, actor, row!, relation, urls);
}

export async function listManaged(db: Db, actor: Actor, archived: boolean) {
  return {
    items: await toSummaries(db, actor, await repo.listWorkshops(db, { ...manageableFilter(actor), archived })),
  };
}

export async function myWorkshops(db: Db, actor: Actor) {
  const [facilitating, joined] = await Promise.all([
    actor.role === 'learner'
      ? Promise.resolve([])
      : repo.listWorkshops(db, { facilitatorId: actor.id, archived: false }),
    repo.workshopsJoinedBy(db, actor.id),
  ]);
  return {
    facilitating: await toSummaries(db, actor, facilitating),
    participating: await Promise.all(joined.map((w) => toParticipantView(db, actor, w))),
  };
}

// ---- Co-facilitators ----

async function facilitatorList(db: Db, workshopId: string) {
  const rows = await repo.facilitatorsOf(db, workshopId);
  const personOf = new Map(
    (
      await peopleByIds(
        db,
        rows.map((r) => r.userId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    facilitators: rows.map((f) => ({
      id: f.userId,
      name: personOf.get(f.userId)?.name ?? '',
      email: personOf.get(f.userId)?.email ?? null,
      role: f.role,
    })),
  };
}

export async function addCoFacilitator(db: Db, actor: Actor, id: string, email: string) {
  const { workshop } = await requireAccess(db, actor, 'workshop.own', id);
  if (workshop.archivedAt) throw archivedConflict();
  const person = await findPersonByEmail(db, email);
  if (!person) throw NotFound(`Nobody with the email ${email.trim()}`, 'workshops.person_not_found');
  if (person.role === 'learner')
    throw Conflict(
      'workshops.not_a_facilitator',
      `${person.name} is not a facilitator yet. An admin can make them one on the People page; then add them again.`,
    );
  const added = await repo.addFacilitator(db, id, person.id);
  return { added, ...(await facilitatorList(db, id)) };
}

export async function removeCoFacilitator(db: Db, actor: Actor, id: string, userId: string) {
  await requireAccess(db, actor, 'workshop.own', id);
  if (!(await repo.removeCoFacilitator(db, id, userId)))
    throw NotFound('This co-facilitator', 'workshops.co_facilitator_not_found');
}

/** A workshop's language, for other domains (a city team's plan document is in its workshop's language). */
export async function workshopLocale(db: Db, id: string): Promise<string | undefined> {
  return (await repo.findWorkshop(db, id))?.locale;
}
