// The facilitator's dashboard: participants by assignment (status, percent, best score, last active), totals per module,
// and per-question item analysis of each assigned quiz. Progress and quiz data come through their services.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { modulesProgressOf } from '../progress/progress.service.ts';
import { itemAnalysis, WEAK_DISCRIMINATION } from '../quizzes/quizzes.service.ts';
import { requireAccess } from './workshops.permissions.ts';
import * as repo from './workshops.repository.ts';
import type { DashboardBody, DashboardFilter, ProgressStatusValue } from './workshops.schemas.ts';
import { assignmentStatus, modulesOf, toAssignment } from './assignments.service.ts';

const percent = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0);
const average = (values: number[]) =>
  values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;

export async function dashboard(
  db: Db,
  actor: Actor,
  id: string,
  filter: Partial<DashboardFilter> = {},
  now = new Date(),
): Promise<DashboardBody> {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  const locale = filter.locale ?? actor.locale;
  const [participants, assignmentRows] = await Promise.all([repo.participantsOf(db, id), repo.assignmentsOf(db, id)]);
  const userIds = participants.map((p) => p.userId);
  const modules = await modulesOf(
    db,
    assignmentRows.map((a) => a.moduleId),
    locale,
  );
  const assignments = assignmentRows.map((a) => toAssignment(a, workshop, modules));
  const quizzes = assignments.filter((a) => a.quizId);
  const [people, progress, items] = await Promise.all([
    peopleByIds(db, userIds),
    modulesProgressOf(
      db,
      userIds,
      assignmentRows.map((a) => modules.get(a.moduleId)!),
    ),
    Promise.all(quizzes.map((a) => itemAnalysis(db, userIds, a.quizId!, locale))),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  const rows = participants.map((p) => {
    const mine = progress.get(p.userId) ?? {};
    const cells = assignmentRows.map((a) => {
      const m = mine[a.moduleId];
      return {
        moduleId: a.moduleId,
        status: assignmentStatus(m?.status ?? 'not_started', a.dueAt, now),
        percent: m?.percent ?? 0,
        bestScore: m?.bestScore ?? null,
      };
    });
    const active = Object.values(mine).map((m) => m.lastActiveAt?.getTime() ?? 0);
    const last = Math.max(0, ...active);
    return {
      userId: p.userId,
      name: nameOf.get(p.userId) ?? '',
      joinedAt: p.joinedAt.toISOString(),
      lastActiveAt: last ? new Date(last).toISOString() : null,
      percent: average(cells.map((c) => c.percent)) ?? 0,
      cells,
    };
  });

  const totals = assignmentRows.map((a, i) => {
    const cells = rows.map((r) => r.cells[i]);
    const count = (s: ProgressStatusValue) => cells.filter((c) => c.status === s).length;
    return {
      moduleId: a.moduleId,
      notStarted: count('not_started'),
      inProgress: count('in_progress'),
      complete: count('complete'),
      overdue: count('overdue'),
      averagePercent: average(cells.map((c) => c.percent)) ?? 0,
      averageBestScore: average(cells.flatMap((c) => (c.bestScore === null ? [] : [c.bestScore]))),
    };
  });

  const collator = new Intl.Collator(locale);
  const sorted = rows
    .filter((r) => !filter.status || r.cells.some((c) => c.status === filter.status))
    .sort((a, b) =>
      filter.sort === 'progress'
        ? a.percent - b.percent || collator.compare(a.name, b.name)
        : filter.sort === 'last_active'
          ? (b.lastActiveAt ?? '').localeCompare(a.lastActiveAt ?? '') || collator.compare(a.name, b.name)
          : collator.compare(a.name, b.name),
    );

  return {
    workshopId: workshop.id,
    title: workshop.title,
    timeZone: workshop.timeZone,
    generatedAt: now.toISOString(),
    participantCount: rows.length,
    assignments,
    participants: sorted,
    totals,
    items: quizzes.map((a, i) => ({
      moduleId: a.moduleId,
      quizId: a.quizId!,
      questions: items[i].map((q) => ({
        ...q,
        percentCorrect: q.answered ? percent(q.correct, q.answered) : null,
        separates: q.discrimination === null ? null : q.discrimination >= WEAK_DISCRIMINATION,
      })),
    })),
  };
}

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text. Spreadsheets
 * fold compatibility forms (fullwidth "＝", small "﹦") and skip invisible leading characters, so the test
 * looks at the NFKC form past any leading format (zero-width, bidi) or space characters.
 */
const FORMULA_START = /^[\p{Cf}\p{Z}\s]*[=+\-@\t\r]/u;
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value.normalize('NFKC')) ? `'${value}` : value;
}
