// Account rules: sign-up, sign-in, profile, roles, first-admin setup. Takes (db, actor?, input).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Role, UserRow } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { personNameProblem } from '../../http/text.ts';
import { AppError, BadRequest, Conflict, Forbidden, NotFound, Unauthorized } from '../../http/errors.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locales.ts';
import { requireAccountAccess } from './accounts.permissions.ts';
import * as repo from './accounts.repository.ts';
import { profileFromSessionCheck } from './session-profiles.ts';
import type {
  AdminUsersFilter,
  LoginInput,
  PasswordResetNotice,
  SetupInput,
  SignedIn,
  SignupInput,
  UpdateMeInput,
  User,
} from './accounts.schemas.ts';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { looksLikeEmail, normaliseUsername, usernameProblem } from './usernames.ts';

export const MAX_NAME_LENGTH = 120;

export function toUser(row: Pick<UserRow, 'id' | 'name' | 'email' | 'username' | 'role' | 'locale'>): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    username: row.username,
    role: row.role,
    locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
  };
}

/** NFC-normalised and trimmed; otherwise kept exactly as typed, in any script. The character rule is personNameProblem's. */
export function normaliseName(raw: string): string {
  const problem = personNameProblem(raw);
  if (problem)
    throw BadRequest(problem.code, problem.message, [
      { field: 'body.name', params: { character: problem.character, position: problem.position } },
    ]);
  const name = raw.normalize('NFC').trim();
  if (!name)
    throw BadRequest('auth.name_required', 'Please enter your name (it cannot be only spaces).', [
      { field: 'body.name' },
    ]);
  if ([...name].length > MAX_NAME_LENGTH)
    throw BadRequest('auth.name_too_long', `Your name can be at most ${MAX_NAME_LENGTH} characters.`, [
      { field: 'body.name' },
    ]);
  return name;
}

export function checkPassword(password: string, field = 'body.password') {
  const problem = passwordProblem(password);
  if (problem) throw BadRequest(problem.code, problem.message, [{ field }]);
}

/** A username as it will be stored, or a 400 saying what to change. */
export function checkUsername(raw: string, field = 'body.username'): string {
  const username = normaliseUsername(raw);
  const problem = usernameProblem(username);
  if (problem) throw BadRequest(problem.code, problem.message, [{ field }]);
  return username;
}

async function createAccount(
  db: Db,
  input: { name: string; email?: string; username?: string; password: string; locale?: Locale; role?: Role },
) {
  const name = normaliseName(input.name);
  const email = input.email?.trim() || null;
  const username = input.username?.trim() ? checkUsername(input.username) : null;
  if (!email && !username)
    throw BadRequest(
      'auth.identifier_required',
      'Enter an email or choose a username (or both), so you can sign in again later.',
      [{ field: 'body.email' }],
    );
  checkPassword(input.password);
  if (email && (await repo.findUserByEmail(db, email))) throw emailTaken();
  if (username && (await repo.findUserByUsername(db, username))) throw usernameTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await repo.insertUser(db, {
      name,
      email,
      username,
      passwordHash,
      passwordSetAt: new Date(),
      locale: input.locale ?? DEFAULT_LOCALE,
      role: input.role ?? 'learner',
    });
  } catch (err) {
    if (err instanceof repo.EmailTakenError) throw emailTaken();
    if (err instanceof repo.UsernameTakenError) throw usernameTaken();
    throw err;
  }
}

const emailTaken = () =>
  Conflict('auth.email_taken', 'An account with this email already exists. Sign in instead, or use another email.', [
    { field: 'body.email' },
  ]);
const usernameTaken = () =>
  Conflict('auth.username_taken', 'This username is taken. Choose another one (adding a few digits often works).', [
    { field: 'body.username' },
  ]);

export async function signup(db: Db, input: SignupInput): Promise<User> {
  return toUser(await createAccount(db, input));
}

const invalidCredentials = () =>
  new AppError(
    401,
    'auth.invalid_credentials',
    'The email (or username) or the password is not right. Check both and try again.',
  );

/** What a person typed to sign in: `login`, or the older `email` field. */
export const loginIdentifier = (input: { login?: string; email?: string }) =>
  (input.login ?? input.email ?? '').normalize('NFC').trim();

/** The account for an email or a username, whichever was typed. */
export function findByIdentifier(db: Db, identifier: string) {
  return looksLikeEmail(identifier) ? repo.findUserByEmail(db, identifier) : repo.findUserByUsername(db, identifier);
}

export async function login(db: Db, input: LoginInput): Promise<User> {
  const identifier = loginIdentifier(input);
  if (!identifier) throw BadRequest('auth.login_required', 'Enter your email or username.', [{ field: 'body.login' }]);
  const row = await findByIdentifier(db, identifier);
  if (!row?.passwordHash) {
    await verifyAgainstNothing(input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(row.passwordHash, input.password))) throw invalidCredentials();
  return toUser(row);
}

/** Told once, at the first sign-in after someone else gave this person a new slip. */
export async function takePasswordResetNotice(db: DbOrTx, userId: string): Promise<PasswordResetNotice | undefined> {
  const reset = await repo.takeUnseenPasswordReset(db, userId);
  return reset ? { byName: reset.resetByName, at: reset.createdAt.toISOString() } : undefined;
}

/** The signed-in response: the person, and the reset notice when there is one they have not seen. */
export async function signedIn(db: Db, user: User): Promise<SignedIn> {
  const notice = await takePasswordResetNotice(db, user.id);
  return notice ? { ...user, passwordReset: notice } : user;
}

export async function getMe(db: DbOrTx, actor: Actor): Promise<User> {
  const checked = profileFromSessionCheck(actor);
  if (checked) return checked;
  const row = await repo.findUserById(db, actor.id);
  if (!row) throw Unauthorized();
  return toUser(row);
}

export async function updateMe(db: DbOrTx, actor: Actor, input: UpdateMeInput): Promise<User> {
  const changes: { name?: string; locale?: string } = {};
  if (input.name !== undefined) changes.name = normaliseName(input.name);
  if (input.locale !== undefined) changes.locale = input.locale;
  const row = await repo.updateUser(db, actor.id, changes);
  if (!row) throw Unauthorized();
  return toUser(row);
}

export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const row = await repo.findUserById(db, actor.id);
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw BadRequest('auth.current_password_wrong', 'Your current password is not right.', [
      { field: 'body.currentPassword' },
    ]);
  }
  checkPassword(input.newPassword, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  // Every device signed in with the old password is signed out (the caller starts a fresh session for this one).
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.id, { passwordHash, passwordSetAt: new Date() });
    await repo.deleteSessionsOf(tx, actor.id);
  });
}

const emailUsedElsewhere = () =>
  Conflict(
    'auth.email_in_use',
    'Another account already uses this email, so it cannot be yours here too. Use a different email.',
    [{ field: 'body.email' }],
  );

/**
 * Add or change my email. The current password is asked for, so someone at an unattended signed-in screen cannot point
 * the account (and its password-reset links) at their own mailbox. A pending reset link, sent to the old address, stops working.
 */
export async function changeEmail(
  db: Db,
  actor: Actor,
  input: { email: string; currentPassword: string },
): Promise<User> {
  const row = await repo.findUserById(db, actor.id);
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw BadRequest('auth.current_password_wrong', 'Your current password is not right.', [
      { field: 'body.currentPassword' },
    ]);
  }
  const email = input.email.normalize('NFC').trim();
  if (!looksLikeEmail(email))
    throw BadRequest('auth.email_invalid', 'Enter an email address such as name@example.org.', [
      { field: 'body.email' },
    ]);
  if (row.email === email) return toUser(row);
  const holder = await repo.findUserByEmail(db, email);
  if (holder && holder.id !== row.id) throw emailUsedElsewhere();
  try {
    return await db.transaction(async (tx) => {
      const updated = await repo.updateUser(tx, row.id, { email });
      await repo.deleteResetTokensOf(tx, row.id);
      return toUser(updated!);
    });
  } catch (err) {
    if (repo.isEmailTaken(err)) throw emailUsedElsewhere();
    throw err;
  }
}

export async function listUsers(db: Db, actor: Actor, filter: AdminUsersFilter) {
  requireAccountAccess(actor, 'users.manage');
  const { rows, total } = await repo.listUsers(db, filter);
  return {
    items: rows.map((r) => ({ ...toUser(r), createdAt: r.createdAt.toISOString() })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

export async function setRole(db: Db, actor: Actor, userId: string, role: Role): Promise<User> {
  requireAccountAccess(actor, 'users.manage');
  if (userId === actor.id && role !== 'admin' && (await repo.countAdmins(db)) <= 1) {
    throw Conflict(
      'auth.last_admin',
      'You are the only admin. Make someone else an admin before changing your own role.',
    );
  }
  const row = await repo.updateUser(db, userId, { role });
  if (!row) throw NotFound('This person');
  return toUser(row);
}

/** Creates an admin, or promotes the person with that email (the admin:create command). */
export async function createOrPromoteAdmin(db: Db, input: { email: string; name: string; password: string }) {
  const existing = await repo.findUserByEmail(db, input.email.trim());
  if (existing) {
    checkPassword(input.password);
    const row = await repo.updateUser(db, existing.id, {
      role: 'admin',
      name: normaliseName(input.name),
      passwordHash: await hashPassword(input.password),
      passwordSetAt: new Date(),
    });
    await repo.deleteSessionsOf(db, existing.id);
    return { user: toUser(row!), created: false };
  }
  return { user: toUser(await createAccount(db, { ...input, role: 'admin' })), created: true };
}

// First-admin setup: a one-time token printed at start when no admin exists.
const sha256 = (s: string) => createHash('sha256').update(s).digest();

export class SetupTokens {
  private digest: Buffer | null = null;
  /** A new token, or `chosen` (the cluster's primary chooses one token for all its workers). */
  issue(chosen?: string): string {
    const token = chosen ?? randomBytes(24).toString('base64url');
    this.digest = sha256(token);
    return token;
  }
  matches(token: string): boolean {
    return !!this.digest && timingSafeEqual(this.digest, sha256(token));
  }
  consume() {
    this.digest = null;
  }
  get pending() {
    return this.digest !== null;
  }
}

export async function setupNeeded(db: Db) {
  return (await repo.countAdmins(db)) === 0;
}

export async function completeSetup(db: Db, tokens: SetupTokens, input: SetupInput): Promise<User> {
  if (!(await setupNeeded(db)))
    throw Conflict('setup.done', 'Setup is already complete: an admin account exists. Sign in instead.');
  if (!tokens.matches(input.token))
    throw Forbidden(
      'This setup link is not valid. Use the link the server printed when it started.',
      'setup.bad_token',
    );
  const user = toUser(await createAccount(db, { ...input, role: 'admin' }));
  tokens.consume();
  return user;
}

/** A person by email, for other domains (a workshop owner adding a co-facilitator); undefined when there is none. */
export async function findPersonByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await repo.findUserByEmail(db, email.trim());
  return row ? toUser(row) : undefined;
}

/** People by id, for other domains (workshop dashboards and exports). */
export async function peopleByIds(db: Db, ids: string[]): Promise<User[]> {
  return (await repo.findUsersByIds(db, ids)).map(toUser);
}

/** Accounts holding any of these emails or usernames (case-insensitive), for other domains (a participant list import). */
export async function peopleByIdentifiers(db: DbOrTx, emails: string[], usernames: string[]): Promise<User[]> {
  return (await repo.findUsersByIdentifiers(db, emails, usernames)).map(toUser);
}
