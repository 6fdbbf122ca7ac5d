// Assignments: a module with a due date and time in the workshop's time zone, stored in UTC; overdue is derived, never stored.
import type { Db } from '../../db/client.ts';
import type { WorkshopAssignmentRow, WorkshopRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import { moduleOutlines } from '../catalog/catalog.service.ts';
import { utcToZoned, zonedToUtc } from './places.ts';
import { requireAccess } from './workshops.permissions.ts';
import * as repo from './workshops.repository.ts';
import type { AssignmentBodyOut, AssignmentInput, ProgressStatusValue } from './workshops.schemas.ts';

const DEFAULT_DUE_TIME = '23:59';

export const archivedConflict = () =>
  Conflict('workshops.archived', 'This workshop is archived, so it can no longer be changed.');

export type ModuleInfo = {
  id: string;
  courseId: string | null;
  number: number;
  title: string;
  quizId: string | null;
  lessonIds: string[];
};

/** The assigned modules as the catalog serves them in a language; a module retired since keeps a placeholder. */
export async function modulesOf(db: Db, moduleIds: string[], locale: string): Promise<Map<string, ModuleInfo>> {
  const unique = [...new Set(moduleIds)];
  const found = new Map((await moduleOutlines(db, unique, locale)).map((m): [string, ModuleInfo] => [m.id, m]));
  return new Map(
    unique.map((id) => [
      id,
      found.get(id) ?? { id, courseId: null, number: 0, title: id, quizId: null, lessonIds: [] },
    ]),
  );
}

export function toAssignment(
  a: WorkshopAssignmentRow,
  w: WorkshopRow,
  modules: Map<string, ModuleInfo>,
): AssignmentBodyOut {
  const m = modules.get(a.moduleId)!;
  const local = utcToZoned(a.dueAt, w.timeZone);
  return {
    id: a.id,
    moduleId: a.moduleId,
    moduleNumber: m.number,
    moduleTitle: m.title,
    quizId: m.quizId,
    dueAt: a.dueAt.toISOString(),
    dueOn: local.date,
    dueTime: local.time,
  };
}

/** not_started / in_progress / complete from the completion rules; overdue when not complete after the due time. */
export function assignmentStatus(
  status: 'not_started' | 'in_progress' | 'complete',
  dueAt: Date,
  now = new Date(),
): ProgressStatusValue {
  return status !== 'complete' && now > dueAt ? 'overdue' : status;
}

function dueAtWithin(w: WorkshopRow, dueOn: string, dueTime = DEFAULT_DUE_TIME): Date {
  if (dueOn < w.startsOn || dueOn > w.endsOn) {
    throw BadRequest(
      'workshops.due_outside',
      `The due date ${dueOn} is outside the workshop's dates (${w.startsOn} to ${w.endsOn}). Choose a date within them, or change the workshop's dates first.`,
      [{ field: 'body.dueOn' }],
    );
  }
  return zonedToUtc(dueOn, dueTime, w.timeZone);
}

export async function addAssignment(
  db: Db,
  actor: Actor,
  id: string,
  input: AssignmentInput,
): Promise<AssignmentBodyOut> {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const modules = await modulesOf(db, [input.moduleId], actor.locale);
  if (!modules.get(input.moduleId)!.number)
    throw BadRequest('workshops.module_unknown', `There is no module "${input.moduleId}" in the course.`, [
      { field: 'body.moduleId' },
    ]);
  const dueAt = dueAtWithin(workshop, input.dueOn, input.dueTime);
  try {
    return toAssignment(
      await repo.insertAssignment(db, { workshopId: id, moduleId: input.moduleId, dueAt }),
      workshop,
      modules,
    );
  } catch (err) {
    if (err instanceof repo.AlreadyAssignedError)
      throw Conflict(
        'workshops.already_assigned',
        'This module is already assigned in this workshop. Change its due date instead.',
        [{ field: 'body.moduleId' }],
      );
    throw err;
  }
}

export async function updateAssignment(
  db: Db,
  actor: Actor,
  id: string,
  assignmentId: string,
  input: { dueOn: string; dueTime?: string },
): Promise<AssignmentBodyOut> {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const row = await repo.updateAssignment(db, id, assignmentId, dueAtWithin(workshop, input.dueOn, input.dueTime));
  if (!row) throw NotFound('This assignment', 'workshops.assignment_not_found');
  return toAssignment(row, workshop, await modulesOf(db, [row.moduleId], actor.locale));
}

export async function removeAssignment(db: Db, actor: Actor, id: string, assignmentId: string) {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  if (!(await repo.deleteAssignment(db, id, assignmentId)))
    throw NotFound('This assignment', 'workshops.assignment_not_found');
}
