// The city team's action plan: members fill the sections (content/plan/sections.yaml) field by field, last write
// wins per field; the workshop's facilitators read and comment; a member may make read-only share links.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { CityPlanFieldRow, CityTeamRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { BadRequest, NotFound } from '../../http/errors.ts';
import { isLocale } from '../../i18n/locales.ts';
import { peopleByIds } from '../accounts/accounts.service.ts';
import { workshopLocale } from '../workshops/workshops.service.ts';
import { areaAverages, framework, frameworkIn } from './framework.ts';
import { findField, planSectionsIn } from './plan-sections.ts';
import * as repo from './plan.repository.ts';
import type { PlanViewBody, SavePlanInput } from './plan.schemas.ts';
import { requireTeamAccess } from './teams.permissions.ts';
import * as teamsRepo from './teams.repository.ts';

type PlanComments = Awaited<ReturnType<typeof repo.commentsOf>>;

/** Line breaks as \n, NFC, no trailing spaces; an empty text clears the field. */
const cleanValue = (v: string | null) => {
  if (v === null) return null;
  const text = v
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
  return text === '' ? null : text;
};

async function buildView(
  db: Db,
  team: CityTeamRow,
  locale: string,
  rows: CityPlanFieldRow[],
  comments: PlanComments,
  can: { edit: boolean; comment: boolean },
): Promise<PlanViewBody> {
  const { lang, sections } = planSectionsIn(locale);
  const names = new Map(
    (
      await peopleByIds(db, [
        ...new Set(
          [...rows.map((r) => r.changedBy), ...comments.map((c) => c.authorId)].filter((x): x is string => !!x),
        ),
      ])
    ).map((p) => [p.id, p.name]),
  );
  const byKey = new Map(rows.map((r) => [`${r.sectionId}/${r.fieldId}`, r]));
  let filled = 0;
  let total = 0;
  const view = sections.map((s) => {
    const fields = s.fields.map((f) => {
      const row = byKey.get(`${s.id}/${f.id}`);
      return {
        id: f.id,
        kind: f.kind,
        maxLength: f.maxLength,
        document: f.document ?? null,
        label: f.label,
        hint: f.hint,
        example: f.example,
        value: row?.value ?? null,
        changed: row
          ? { byName: (row.changedBy && names.get(row.changedBy)) || '', at: row.changedAt.toISOString() }
          : null,
      };
    });
    const sectionFilled = fields.filter((f) => f.value).length;
    filled += sectionFilled;
    total += fields.length;
    return {
      id: s.id,
      title: s.title,
      intro: s.intro,
      activities: s.activities,
      fields,
      filled: sectionFilled,
      comments: comments
        .filter((c) => c.sectionId === s.id)
        .map((c) => ({
          id: c.id,
          authorName: (c.authorId && names.get(c.authorId)) || '',
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
    };
  });
  return {
    teamId: team.id,
    city: team.city,
    country: team.country,
    lang,
    sections: view,
    filled,
    total,
    canEdit: can.edit,
    canComment: can.comment,
  };
}

export async function getPlan(db: Db, actor: Actor, teamId: string, locale = 'en'): Promise<PlanViewBody> {
  const { team, relation } = await requireTeamAccess(db, actor, 'plan.read', teamId);
  const [rows, comments] = await Promise.all([repo.fieldsOf(db, team.id), repo.commentsOf(db, team.id)]);
  return buildView(db, team, locale, rows, comments, {
    edit: relation.member,
    comment: relation.member || relation.facilitator,
  });
}

/** Saves the fields sent, all or none: every id and length is checked before anything is written. */
export async function savePlan(db: Db, actor: Actor, teamId: string, input: SavePlanInput) {
  const { team } = await requireTeamAccess(db, actor, 'plan.edit', teamId);
  const seen = new Set<string>();
  const values = input.fields.map((f, i) => {
    const found = findField(f.sectionId, f.fieldId);
    if (!found)
      throw BadRequest(
        'teams.plan_unknown_field',
        `The plan has no field "${f.fieldId}" in a section "${f.sectionId}". Reload the page to get the current form.`,
        [{ field: `body.fields.${i}`, params: { section: f.sectionId, field: f.fieldId } }],
      );
    const key = `${f.sectionId}/${f.fieldId}`;
    if (seen.has(key))
      throw BadRequest('teams.plan_field_twice', `The field ${key} is sent twice; send each field once.`, [
        { field: `body.fields.${i}` },
      ]);
    seen.add(key);
    const value = cleanValue(f.value);
    if (value && value.length > found.field.maxLength) {
      throw BadRequest(
        'teams.plan_field_too_long',
        `"${found.field.label}" (${found.section.title}) has ${value.length} characters; it can have at most ${found.field.maxLength}. Shorten it and save again.`,
        [
          {
            field: `body.fields.${i}.value`,
            params: { section: f.sectionId, field: f.fieldId, max: found.field.maxLength, length: value.length },
          },
        ],
      );
    }
    if (value && found.field.kind === 'line' && value.includes('\n'))
      throw BadRequest('teams.plan_field_one_line', `"${found.field.label}" takes one line.`, [
        { field: `body.fields.${i}.value` },
      ]);
    return { sectionId: f.sectionId, fieldId: f.fieldId, value };
  });
  const rows = await repo.saveFields(db, team.id, values, actor.id);
  const [me] = await peopleByIds(db, [actor.id]);
  return {
    saved: rows.map((r) => ({
      sectionId: r.sectionId,
      fieldId: r.fieldId,
      value: r.value,
      changed: { byName: me?.name ?? '', at: r.changedAt.toISOString() },
    })),
  };
}

export async function addComment(db: Db, actor: Actor, teamId: string, sectionId: string, body: string) {
  const { team } = await requireTeamAccess(db, actor, 'plan.comment', teamId);
  if (!planSectionsIn('en').sections.some((s) => s.id === sectionId))
    throw NotFound(`The section "${sectionId}" of the plan`, 'teams.plan_unknown_section');
  const text = cleanValue(body);
  if (!text)
    throw BadRequest('teams.plan_comment_empty', 'Write a comment before sending it.', [{ field: 'body.body' }]);
  const row = await repo.insertComment(db, { teamId: team.id, sectionId, authorId: actor.id, body: text });
  const [me] = await peopleByIds(db, [actor.id]);
  return { id: row.id, authorName: me?.name ?? '', body: row.body, createdAt: row.createdAt.toISOString() };
}

// ---- Share links ----

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const shareUrlFor = (publicUrl: string, token: string) => `${publicUrl}/plan/${token}`;

export async function createShare(db: Db, actor: Actor, teamId: string, publicUrl: string) {
  const { team } = await requireTeamAccess(db, actor, 'plan.edit', teamId);
  const token = randomBytes(32).toString('base64url');
  const row = await repo.insertShare(db, { teamId: team.id, tokenHash: hashToken(token), createdBy: actor.id });
  const [me] = await peopleByIds(db, [actor.id]);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    createdByName: me?.name ?? '',
    token,
    url: shareUrlFor(publicUrl, token),
  };
}

export async function listShares(db: Db, actor: Actor, teamId: string) {
  const { team } = await requireTeamAccess(db, actor, 'plan.edit', teamId);
  const rows = await repo.sharesOf(db, team.id);
  const names = new Map(
    (
      await peopleByIds(
        db,
        rows.map((r) => r.createdBy).filter((x): x is string => !!x),
      )
    ).map((p) => [p.id, p.name]),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      createdByName: (r.createdBy && names.get(r.createdBy)) || '',
    })),
  };
}

export async function revokeShare(db: Db, actor: Actor, teamId: string, shareId: string) {
  const { team } = await requireTeamAccess(db, actor, 'plan.edit', teamId);
  if (!(await repo.deleteShare(db, team.id, shareId))) throw NotFound('This share link', 'teams.plan_share_not_found');
}

const shareNotFound = () => NotFound('This share link', 'teams.plan_share_not_found');

async function teamOfToken(db: Db, token: string): Promise<CityTeamRow> {
  const share = await repo.findShareByHash(db, hashToken(token));
  const team = share && (await teamsRepo.findTeam(db, share.teamId));
  if (!team) throw shareNotFound();
  return team;
}

/** The plan read through a share link: no comments (they are the team's conversation), nothing to edit. */
export async function sharedPlan(db: Db, token: string, locale = 'en'): Promise<PlanViewBody> {
  const team = await teamOfToken(db, token);
  return buildView(db, team, locale, await repo.fieldsOf(db, team.id), [], { edit: false, comment: false });
}

// ---- The plan as a document ----

export type PlanDocumentData = {
  team: CityTeamRow;
  locale: string;
  plan: PlanViewBody;
  profile: {
    assessedOn: string;
    lang: string;
    areas: { id: number; title: string; group: string; average: number | null }[];
    groups: { id: string; title: string; areas: number[] }[];
  } | null;
};

/** The team's language: the one asked for, else its workshop's, else English. */
async function documentLocale(db: Db, team: CityTeamRow, wanted: string | undefined) {
  if (wanted && isLocale(wanted)) return wanted;
  const ws = team.workshopId ? await workshopLocale(db, team.workshopId) : undefined;
  return ws && isLocale(ws) ? ws : 'en';
}

async function documentData(db: Db, team: CityTeamRow, wanted: string | undefined): Promise<PlanDocumentData> {
  const locale = await documentLocale(db, team, wanted);
  const plan = await buildView(db, team, locale, await repo.fieldsOf(db, team.id), [], { edit: false, comment: false });
  const assessments = await teamsRepo.assessmentsOf(db, team.id);
  const latest = assessments.at(-1);
  let profile: PlanDocumentData['profile'] = null;
  if (latest) {
    const answers = await teamsRepo.answersOf(db, [latest.id]);
    const averages = areaAverages(framework(), new Map(answers.map((a) => [a.actionId, a.rating])));
    const fw = frameworkIn(locale);
    profile = {
      assessedOn: latest.assessedOn,
      lang: fw.lang,
      areas: fw.areas.map((a) => ({
        id: a.id,
        title: a.title,
        group: a.group,
        average: averages.find((x) => x.areaId === a.id)?.average ?? null,
      })),
      groups: fw.groups.map((g) => ({ id: g.id, title: g.title, areas: g.areas })),
    };
  }
  return { team, locale, plan, profile };
}

export async function planDocumentData(db: Db, actor: Actor, teamId: string, locale?: string) {
  const { team } = await requireTeamAccess(db, actor, 'plan.read', teamId);
  return documentData(db, team, locale);
}

export async function sharedPlanDocumentData(db: Db, token: string, locale?: string) {
  return documentData(db, await teamOfToken(db, token), locale);
}
