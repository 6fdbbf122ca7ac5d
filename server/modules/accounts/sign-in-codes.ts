// One-time sign-in codes for people a facilitator added: printed on a slip, used once with the username to set a
// password. 12 characters from the join-code alphabet (31^12 ≈ 7.9 × 10^17, so a SHA-256 hash is enough to store),
// valid for 30 days; a person holds at most one, so a reissued code invalidates the old one.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, BadRequest, Conflict, NotFound } from '../../http/errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { JOIN_CODE_ALPHABET } from '../workshops/join-codes.ts';
import * as repo from './accounts.repository.ts';
import type { RedeemCodeInput, User } from './accounts.schemas.ts';
import { checkPassword, toUser } from './accounts.service.ts';
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
const normaliseCode = (typed: string) => typed.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export type IssuedCode = { user: User; code: string; expiresAt: string };
type Issuer = { workshopId: string | null; createdBy: string | null };

async function issue(db: DbOrTx, users: User[], issuer: Issuer, now = new Date()): Promise<IssuedCode[]> {
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_DAYS * 86_400_000);
  const issued = users.map((user) => ({ user, code: generateSignInCode() }));
  await repo.upsertSignInCodes(db, issued.map(({ user, code }) => ({ userId: user.id, codeHash: hashCode(code), expiresAt, ...issuer })));
  return issued.map(({ user, code }) => ({ user, code: formatSignInCode(code), expiresAt: expiresAt.toISOString() }));
}

export type NewParticipantAccount = { name: string; email: string | null; username: string; locale: Locale };

/** Accounts without a password, each with a fresh sign-in code; call inside the caller's transaction. */
export async function createAccountsWithCodes(tx: DbOrTx, people: NewParticipantAccount[], issuer: Issuer): Promise<IssuedCode[]> {
  try {
    const rows = await repo.insertUsers(tx, people.map((p) => ({ ...p, passwordHash: null, role: 'learner' as const })));
    return await issue(tx, rows.map(toUser), issuer);
  } catch (err) {
    // Someone took one of these emails or usernames after they were checked: nothing is written, so try again.
    if (err instanceof repo.EmailTakenError || err instanceof repo.UsernameTakenError) {
      throw Conflict('auth.identifier_race', 'An email or username in the list was taken a moment ago. Please try again.');
    }
    throw err;
  }
}

/**
 * Who may get a new slip from a facilitator: someone with a username who has no email, or who has not set a password
 * yet (their first slip was lost). Not someone with an email and their own password: a facilitator must not be able
 * to take over that account. (For accounts without email the facilitator's slip is the only way back in.)
 */
const slipAllowed = (row: { username: string | null; email: string | null; passwordHash: string | null }) => !!row.username && !(row.email && row.passwordHash);

/** Of these people, those a facilitator may print a new slip for. */
export async function slipEligible(db: DbOrTx, userIds: string[]): Promise<Set<string>> {
  return new Set((await repo.findUsersByIds(db, userIds)).filter(slipAllowed).map((r) => r.id));
}

/** A new code for someone who lost theirs (the old one stops working). */
export async function reissueSignInCode(db: Db, userId: string, issuer: Issuer): Promise<IssuedCode> {
  const row = await repo.findUserById(db, userId);
  if (!row) throw NotFound('This person');
  if (!slipAllowed(row)) throw Conflict('auth.code_not_for_email', `${row.name} signs in with an email and their own password, so no sign-in slip is needed.`);
  const [issued] = await issue(db, [toUser(row)], issuer);
  return issued;
}

const codeRefused = () => BadRequest('auth.sign_in_code_invalid', 'This username and code do not match, or the code has already been used. Check the slip, or ask your facilitator for a new one.', [{ field: 'body.code' }]);

/** Username + code + a new password: the code is used up and the person is signed in. */
export async function redeemSignInCode(db: Db, input: RedeemCodeInput, now = new Date()): Promise<User> {
  const row = await repo.findUserByUsername(db, normaliseUsername(input.username));
  const stored = row ? await repo.findSignInCode(db, row.id) : undefined;
  const typedHash = hashCode(normaliseCode(input.code));
  // Compared in constant time, and hashed even when there is no such person, so timing tells nothing.
  const matches = timingSafeEqual(Buffer.from(typedHash, 'hex'), Buffer.from(stored?.codeHash ?? hashCode(''), 'hex'));
  if (!row || !stored || !matches) throw codeRefused();
  if (stored.expiresAt < now) throw new AppError(410, 'auth.sign_in_code_expired', 'This sign-in code has expired. Ask your facilitator for a new slip.');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Deleting the row is the use: of two tries at once, only one finds it.
    if (!(await repo.consumeSignInCode(tx, row.id, stored.codeHash))) throw codeRefused();
    return toUser((await repo.updateUser(tx, row.id, { passwordHash }))!);
  });
}
