// One-time sign-in codes: printed on a slip for people a facilitator added (or whose password an admin resets), used
// once with the username (or email) to set a password. 12 characters from the join-code alphabet (31^12 ≈ 7.9 × 10^17, so a SHA-256 hash is enough to store),
// valid for 30 days; a person holds at most one, so a reissued code invalidates the old one.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { JOIN_CODE_ALPHABET } from '../../shared/readable-codes.ts';
import { maySlip, requireSlip, slipRefused, type SlipGiver } from './accounts.permissions.ts';
import * as repo from './accounts.repository.ts';
import type { RedeemCodeInput, Slip, User } from './accounts.schemas.ts';
import { checkPassword, findByIdentifier, toUser } from './accounts.service.ts';
import { hashPassword } from './passwords.ts';
import { normaliseUsername } from './usernames.ts';

export const SIGN_IN_CODE_LENGTH = 12;
export const SIGN_IN_CODE_DAYS = 30;

export function generateSignInCode(): string {
  let code = '';
  for (let i = 0; i < SIGN_IN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** `ABCD2345EFGH` -> `ABCD-2345-EFGH`, for printing. */
export const formatSignInCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** As typed: case, spaces and dashes ignored. */
const normaliseCode = (typed: string) =>
  typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '');
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export type IssuedCode = { user: User; code: string; expiresAt: string };

/** What is printed: the person types their username (or email, when they have no username) and the code. */
export const slipOf = (i: IssuedCode): Slip => ({
  userId: i.user.id,
  name: i.user.name,
  username: i.user.username ?? i.user.email ?? '',
  code: i.code,
  expiresAt: i.expiresAt,
  locale: i.user.locale,
});
export const signInPageOf = (publicUrl: string) => `${publicUrl}/signin/code`;
type Issuer = { workshopId: string | null; createdBy: string | null };

async function issue(db: DbOrTx, users: User[], issuer: Issuer, now = new Date()): Promise<IssuedCode[]> {
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_DAYS * 86_400_000);
  const issued = users.map((user) => ({ user, code: generateSignInCode() }));
  await repo.upsertSignInCodes(
    db,
    issued.map(({ user, code }) => ({ userId: user.id, codeHash: hashCode(code), expiresAt, ...issuer })),
  );
  return issued.map(({ user, code }) => ({ user, code: formatSignInCode(code), expiresAt: expiresAt.toISOString() }));
}

export type NewParticipantAccount = { name: string; email: string | null; username: string; locale: Locale };

/** Accounts without a password, each with a fresh sign-in code; call inside the caller's transaction. */
export async function createAccountsWithCodes(
  tx: DbOrTx,
  people: NewParticipantAccount[],
  issuer: Issuer,
): Promise<IssuedCode[]> {
  try {
    const rows = await repo.insertUsers(
      tx,
      people.map((p) => ({
        ...p,
        passwordHash: null,
        role: 'learner' as const,
        createdByWorkshopId: issuer.workshopId,
      })),
    );
    return await issue(tx, rows.map(toUser), issuer);
  } catch (err) {
    // Someone took one of these emails or usernames after they were checked: nothing is written, so try again.
    if (err instanceof repo.EmailTakenError || err instanceof repo.UsernameTakenError) {
      throw Conflict(
        'auth.identifier_race',
        'An email or username in the list was taken a moment ago. Please try again.',
      );
    }
    throw err;
  }
}

/** Of these people, those this giver may print a new slip for (the participant list's button). */
export async function slipEligible(db: DbOrTx, giver: SlipGiver, userIds: string[]): Promise<Set<string>> {
  return new Set((await repo.findUsersByIds(db, userIds)).filter((row) => maySlip(giver, row)).map((r) => r.id));
}

export type SlipUse = { firstSignedInAt: Date | null; slip: 'used' | 'unused' | null };

/**
 * For a workshop's list: when each person first signed in, and whether their slip is used. "unused": they hold a code
 * (from any slip, expired or not); "used": this workshop's import made the account and its code is gone (using it is
 * the only way it goes, short of a new one); null: no slip of theirs to speak of (they joined by themselves).
 */
export async function slipUse(db: DbOrTx, workshopId: string, userIds: string[]): Promise<Map<string, SlipUse>> {
  const [rows, holding] = await Promise.all([repo.findUsersByIds(db, userIds), repo.usersHoldingCodes(db, userIds)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        firstSignedInAt: r.firstSignedInAt,
        slip: holding.has(r.id) ? 'unused' : r.createdByWorkshopId === workshopId && r.passwordSetAt ? 'used' : null,
      },
    ]),
  );
}

/**
 * A new code for someone who lost theirs or their password: the old code stops working, every device they are signed in
 * on is signed out, and the reset is recorded so they are told who did it at their next sign-in.
 */
export async function reissueSignInCode(db: Db, giver: SlipGiver, userId: string): Promise<IssuedCode> {
  const [row, by] = await Promise.all([repo.findUserById(db, userId), repo.findUserById(db, giver.actor.id)]);
  if (!row) throw NotFound('This person');
  if (!by) throw slipRefused(row); // the giver's own account is gone
  requireSlip(giver, row);
  return db.transaction(async (tx) => {
    const [issued] = await issue(tx, [toUser(row)], { workshopId: giver.workshopId, createdBy: by.id });
    await repo.insertPasswordReset(tx, {
      userId: row.id,
      resetBy: by.id,
      resetByName: by.name,
      workshopId: giver.workshopId,
    });
    await repo.deleteSessionsOf(tx, row.id);
    return issued;
  });
}

const codeRefused = () =>
  BadRequest(
    'auth.sign_in_code_invalid',
    'This username and code do not match, or the code has already been used. Check the slip, or ask your facilitator for a new one.',
    [{ field: 'body.code' }],
  );

/** Username (or email) + code + a new password: the code is used up, other devices are signed out, and the caller signs this one in. */
export async function redeemSignInCode(db: Db, input: RedeemCodeInput, now = new Date()): Promise<User> {
  const row = await findByIdentifier(db, normaliseUsername(input.username));
  const stored = row ? await repo.findSignInCode(db, row.id) : undefined;
  const typedHash = hashCode(normaliseCode(input.code));
  // Compared in constant time, and hashed even when there is no such person, so timing tells nothing.
  const matches = timingSafeEqual(Buffer.from(typedHash, 'hex'), Buffer.from(stored?.codeHash ?? hashCode(''), 'hex'));
  if (!row || !stored || !matches) throw codeRefused();
  if (stored.expiresAt < now)
    throw new AppError(
      410,
      'auth.sign_in_code_expired',
      'This sign-in code has expired. Ask your facilitator for a new slip.',
    );
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Deleting the row is the use: of two tries at once, only one finds it.
    if (!(await repo.consumeSignInCode(tx, row.id, stored.codeHash))) throw codeRefused();
    await repo.deleteSessionsOf(tx, row.id);
    return toUser((await repo.updateUser(tx, row.id, { passwordHash, passwordSetAt: now }))!);
  });
}
