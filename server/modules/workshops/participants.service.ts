// A workshop's participant list: reading it, importing people from a CSV (accounts and one-time sign-in slips,
// all in one transaction or nothing), and reissuing a lost slip. Accounts come through the accounts service.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { Conflict, NotFound } from '../../http/errors.ts';
import { peopleByIdentifiers, peopleByIds } from '../accounts/accounts.service.ts';
import {
  createAccountsWithCodes,
  reissueSignInCode,
  signInPageOf,
  slipEligible,
  slipOf,
  slipUse,
  type NewParticipantAccount,
  type SlipUse,
} from '../accounts/sign-in-codes.ts';
import { suggestUsername } from '../accounts/usernames.ts';
import { archivedConflict } from './assignments.service.ts';
import { enrolInWorkshopCourses } from './joining.service.ts';
import { csvRefused, parseParticipantsCsv, type CsvProblem, type ParsedPerson } from './participants-csv.ts';
import { requireAccess } from './workshops.permissions.ts';
import * as repo from './workshops.repository.ts';
import type { ImportResultBody } from './workshops.schemas.ts';
import type { Urls } from './workshops.service.ts';

export const signInUrlFor = (urls: Urls) => signInPageOf(urls.publicUrl);

const use = (slip: SlipUse['slip'] | undefined) => (slip === 'used' ? true : slip === 'unused' ? false : null);

export async function listParticipants(db: Db, actor: Actor, id: string) {
  await requireAccess(db, actor, 'workshop.manage', id);
  const rows = await repo.participantsOf(db, id);
  const ids = rows.map((r) => r.userId);
  const [people, eligible, uses] = await Promise.all([
    peopleByIds(db, ids),
    slipEligible(db, { actor, workshopId: id }, ids),
    slipUse(db, id, ids),
  ]);
  const personOf = new Map(people.map((p) => [p.id, p]));
  const collator = new Intl.Collator(actor.locale);
  const items = rows.map((r) => {
    const p = personOf.get(r.userId);
    return {
      userId: r.userId,
      name: p?.name ?? '',
      email: p?.email ?? null,
      username: p?.username ?? null,
      joinedAt: r.joinedAt.toISOString(),
      canReissueCode: eligible.has(r.userId),
      firstSignedInAt: uses.get(r.userId)?.firstSignedInAt?.toISOString() ?? null,
      slipUsed: use(uses.get(r.userId)?.slip),
    };
  });
  return { items: items.sort((a, b) => collator.compare(a.name, b.name)) };
}

/**
 * Usernames for people the file gives none: readable, and free both in the file and in the database. Four digits
 * first; a list of 2,000 names without Latin letters all share the stem "user", so later rounds use six.
 */
async function withUsernames(db: Db, people: ParsedPerson[]): Promise<Map<ParsedPerson, string>> {
  const chosen = new Map<ParsedPerson, string>();
  const taken = new Set(people.flatMap((p) => (p.username ? [p.username.toLowerCase()] : [])));
  let pending = people.filter((p) => !p.username);
  for (let round = 0; pending.length && round < 8; round++) {
    const tries = pending.map((p) => [p, suggestUsername(p.name, round < 2 ? 4 : 6)] as const);
    const inDb = new Set(
      (
        await peopleByIdentifiers(
          db,
          [],
          tries.map(([, u]) => u),
        )
      ).map((u) => u.username!.toLowerCase()),
    );
    pending = [];
    for (const [p, u] of tries) {
      if (inDb.has(u) || taken.has(u)) pending.push(p);
      else {
        taken.add(u);
        chosen.set(p, u);
      }
    }
  }
  if (pending.length)
    throw Conflict('workshops.usernames_busy', 'Usernames could not be made for everyone just now. Please try again.');
  return chosen;
}

/**
 * People from a CSV: rows without an account get one (a username, generated when the file has none, and a slip) and
 * become participants; an existing account matched by email is only invited, and joins when its owner accepts on
 * "My learning". The answer is the same for both kinds of row, so it does not tell who already had an account
 * (the slips do, unavoidably, until sign-in details can be sent by email). A file with any problem is refused whole.
 */
export async function importParticipants(
  db: Db,
  actor: Actor,
  id: string,
  csv: string,
  urls: Urls,
): Promise<ImportResultBody> {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const { people, problems } = parseParticipantsCsv(csv);

  const existing = await peopleByIdentifiers(
    db,
    people.flatMap((p) => (p.email ? [p.email] : [])),
    people.flatMap((p) => (p.username ? [p.username] : [])),
  );
  const byEmail = new Map(existing.flatMap((u) => (u.email ? [[u.email.toLowerCase(), u] as const] : [])));
  const usernameTaken = new Set(existing.flatMap((u) => (u.username ? [u.username.toLowerCase()] : [])));
  const dbProblems: CsvProblem[] = people.flatMap((p) =>
    p.username &&
    usernameTaken.has(p.username.toLowerCase()) &&
    !(p.email && byEmail.get(p.email.toLowerCase())?.username?.toLowerCase() === p.username.toLowerCase())
      ? [
          {
            line: p.line,
            code: 'csv.username_taken',
            message: `line ${p.line}: the username ${p.username} is taken; choose another or leave it empty`,
            params: { line: p.line, value: p.username },
          },
        ]
      : [],
  );
  // The file's own problems and the taken usernames together, so one correction fixes the whole list.
  if (problems.length || dbProblems.length) throw csvRefused([...problems, ...dbProblems]);

  const accountOf = (p: ParsedPerson) => (p.email ? byEmail.get(p.email.toLowerCase()) : undefined);
  const matched = people.filter((p) => accountOf(p));
  const fresh = people.filter((p) => !accountOf(p));
  const usernames = await withUsernames(db, fresh);
  const accounts: NewParticipantAccount[] = fresh.map((p) => ({
    name: p.name,
    email: p.email,
    username: p.username ?? usernames.get(p)!,
    locale: p.locale ?? (workshop.locale as NewParticipantAccount['locale']),
  }));

  return db.transaction(async (tx) => {
    await repo.lockWorkshop(tx, id);
    const current = new Set((await repo.participantsOf(tx, id)).map((r) => r.userId));
    const invited = new Set((await repo.invitationsOf(tx, id)).map((r) => r.userId));
    const toInvite = matched.map((p) => accountOf(p)!.id).filter((u) => !current.has(u));
    const newlyInvited = toInvite.filter((u) => !invited.has(u));
    // Invitations hold a place, so a list of existing accounts cannot get round the limit.
    const taken = current.size + invited.size;
    if (workshop.maxParticipants !== null && taken + newlyInvited.length + fresh.length > workshop.maxParticipants) {
      throw Conflict(
        'workshops.full',
        `This workshop has room for ${workshop.maxParticipants} participants; ${taken} places are taken or held by invitations, and the file would add ${newlyInvited.length + fresh.length}. Raise the limit or shorten the list.`,
        { max: workshop.maxParticipants, taken, adding: newlyInvited.length + fresh.length },
      );
    }
    const created = await createAccountsWithCodes(tx, accounts, { workshopId: id, createdBy: actor.id });
    const newIds = created.map((c) => c.user.id);
    await repo.upsertParticipants(tx, id, newIds);
    await enrolInWorkshopCourses(tx, id, newIds);
    await repo.insertInvitations(tx, id, toInvite, actor.id);
    const rows = people.map((p) => ({
      line: p.line,
      name: p.name,
      status: current.has(accountOf(p)?.id ?? '') ? ('already_participant' as const) : ('listed' as const),
    }));
    return {
      listed: rows.filter((r) => r.status === 'listed').length,
      alreadyParticipants: rows.filter((r) => r.status === 'already_participant').length,
      rows,
      signInUrl: signInUrlFor(urls),
      slips: created.map(slipOf),
    };
  });
}

/** A new slip for a participant who lost theirs or their password (who may get one: accounts' maySlip); the old code stops working. */
export async function reissueCode(db: Db, actor: Actor, id: string, userId: string, urls: Urls) {
  const { workshop } = await requireAccess(db, actor, 'workshop.manage', id);
  if (workshop.archivedAt) throw archivedConflict();
  const participation = await repo.participation(db, id, userId);
  if (!participation || participation.leftAt) throw NotFound('This participant', 'workshops.participant_not_found');
  return {
    signInUrl: signInUrlFor(urls),
    slips: [slipOf(await reissueSignInCode(db, { actor, workshopId: id }, userId))],
  };
}
