// "Your password was reset by … on …": the sign-in response carries it once; it rides a short-lived cookie across the
// redirect so the page after sign-in shows it, and is deleted as soon as it is read.
import type { Cookies } from '@sveltejs/kit';
import type { Answer } from '$lib/api/answers.ts';

type PasswordResetNotice = NonNullable<Answer<'signIn'>['passwordReset']>;

const COOKIE = 'lca_reset_notice';

export function rememberResetNotice(event: { cookies: Cookies; url: URL }, notice: PasswordResetNotice | undefined) {
  if (!notice) return;
  const value = Buffer.from(JSON.stringify({ byName: notice.byName, at: notice.at })).toString('base64url');
  event.cookies.set(COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: event.url.protocol === 'https:',
    maxAge: 600,
  });
}

export const hasResetNotice = (cookies: Cookies) => cookies.get(COOKIE) !== undefined;

/** The notice, once: reading it deletes it. */
export function takeResetNotice(cookies: Cookies): PasswordResetNotice | null {
  const raw = cookies.get(COOKIE);
  if (!raw) return null;
  cookies.delete(COOKIE, { path: '/' });
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PasswordResetNotice>;
    const valid =
      typeof parsed.byName === 'string' && typeof parsed.at === 'string' && !Number.isNaN(Date.parse(parsed.at));
    return valid ? { byName: parsed.byName!.slice(0, 200), at: parsed.at! } : null;
  } catch {
    return null;
  }
}
