// "Forgot your password?" by email: a link holding a random token (256 bits; only its SHA-256 hash is stored), valid
// for one hour, used once. A person holds at most one: asking again replaces the earlier link. Using it sets a new
// password and signs the person out everywhere; they then sign in with it.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { AppError, BadRequest } from '../../http/errors.ts';
import { translator } from '../../i18n/messages.ts';
import type { Mail } from '../../mail/mailer.ts';
import * as repo from './accounts.repository.ts';
import { checkPassword } from './accounts.service.ts';
import { hashPassword } from './passwords.ts';

export const RESET_LINK_MINUTES = 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const resetPageOf = (publicUrl: string, token: string) =>
  `${publicUrl}/signin/reset?token=${encodeURIComponent(token)}`;

/**
 * The mail to send when an account has this email, or undefined when none has. The caller answers the same either way
 * and sends the mail after answering, so the answer does not say whether the account exists and the slow part (the
 * mail server) does not show in its timing; what remains is one small indexed write for an existing account.
 */
export async function requestResetLink(
  db: Db,
  email: string,
  publicUrl: string,
  now = new Date(),
): Promise<Mail | undefined> {
  const row = await repo.findUserByEmail(db, email.trim());
  if (!row?.email) return undefined;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  await repo.upsertResetToken(db, { userId: row.id, tokenHash: hashToken(token), expiresAt, createdAt: now });
  const t = translator('accounts', row.locale);
  return {
    to: row.email,
    locale: row.locale,
    subject: t('accounts.reset_mail_subject'),
    text: t('accounts.reset_mail_body', {
      name: row.name,
      link: resetPageOf(publicUrl, token),
      minutes: RESET_LINK_MINUTES,
    }),
  };
}

const linkRefused = () =>
  BadRequest(
    'auth.reset_link_invalid',
    'This password reset link is not valid or has already been used. Ask for a new one on the sign-in page ("Forgot your password?").',
    [{ field: 'body.token' }],
  );

/** Token + new password: the link is used up, every session of the person ends. */
export async function resetPasswordWithLink(db: Db, input: { token: string; password: string }, now = new Date()) {
  const tokenHash = hashToken(input.token.trim());
  const stored = await repo.findResetToken(db, tokenHash);
  if (!stored) throw linkRefused();
  if (stored.expiresAt <= now) {
    await repo.consumeResetToken(db, tokenHash);
    throw new AppError(
      410,
      'auth.reset_link_expired',
      `This password reset link has expired (links work for ${RESET_LINK_MINUTES} minutes). Ask for a new one on the sign-in page.`,
    );
  }
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // Deleting the row is the use: of two tries at once, only one finds it.
    if (!(await repo.consumeResetToken(tx, tokenHash))) throw linkRefused();
    await repo.updateUser(tx, stored.userId, { passwordHash, passwordSetAt: now });
    await repo.deleteSessionsOf(tx, stored.userId);
  });
}
