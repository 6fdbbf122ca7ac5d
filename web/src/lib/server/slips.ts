// Sign-in slips and the poster are for the people in the room, not the facilitator: their words are in the
// workshop's language (each slip in its participant's own, when the list gave one), whatever the page's language.
import { isLocale, RTL_LOCALES, type Locale } from '$server/i18n/locales.ts';
import type { Answer } from '$lib/api/answers.ts';
import { looksLikeEmail, normaliseUsername, usernameProblem } from '$server/modules/accounts/usernames.ts';
import * as m from '$lib/i18n/generated/messages.ts';
import { runInLocale } from './locale.ts';
import { qrSvg } from './workshops.ts';
import { formatDay } from '$lib/workshops/format.ts';

type Slip = Answer<'createParticipantSignInCode'>['slips'][number];

export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr');

/** The sign-in page with the username filled in: what a slip's QR code opens. */
export function slipLink(signInUrl: string, username: string) {
  const url = new URL(signInUrl);
  url.searchParams.set('username', username);
  return url.toString();
}

/**
 * Everything a printed slip shows, in its person's language, with a QR code to the sign-in page. A QR code takes a few
 * milliseconds of CPU, so a list of 2,000 yields to other requests between batches instead of holding the process.
 */
export async function printableSlips(slips: Slip[], signInUrl: string, workshopLocale: string) {
  const page = new URL(signInUrl);
  const printed = [];
  for (const [i, s] of slips.entries()) {
    if (i > 0 && i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    const lang: Locale = isLocale(s.locale) ? s.locale : isLocale(workshopLocale) ? workshopLocale : 'en';
    const words = runInLocale(lang, () => ({
      username: m.workshops_slip_username(),
      code: m.workshops_slip_code(),
      where: m.workshops_slip_where(),
      steps: m.workshops_slip_steps(),
      scan: m.workshops_slip_scan(),
      qrLabel: m.workshops_slip_qr_label({ name: s.name }),
      expires: m.workshops_slip_expires({ date: formatDay(s.expiresAt.slice(0, 10), lang) }),
    }));
    printed.push({
      userId: s.userId,
      name: s.name,
      username: s.username,
      code: s.code,
      lang,
      dir: textDirection(lang),
      words,
      where: `${page.host}${page.pathname}`,
      qr: await qrSvg(slipLink(signInUrl, s.username)),
    });
  }
  return printed;
}

/**
 * A slip's QR code opens this page with ?username=: it fills the field only when it could be one (a username by the
 * sign-up rule, or an email address), so a crafted link cannot put arbitrary text in the form.
 */
export function usernameFromSlipLink(raw: string | null): string {
  const value = normaliseUsername(raw ?? '');
  if (!value || value.length > 254) return '';
  if (looksLikeEmail(value)) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : '';
  return usernameProblem(value) ? '' : value;
}

export type PrintableSlip = Awaited<ReturnType<typeof printableSlips>>[number];
