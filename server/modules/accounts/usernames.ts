// Usernames, for people without an email they want to use: 3-32 characters, letters (any script, with their marks),
// digits, and . _ - ; they start with a letter or digit. No "@", so a username can never be mistaken for an email.
// Unique case-insensitively (a unique index on lower(username)); stored NFC as typed.
import { randomInt } from 'node:crypto';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
const ALLOWED = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._-]*$/u;

/** Why a username is refused, or null when it is acceptable. */
export function usernameProblem(username: string): { code: string; message: string } | null {
  const length = [...username].length;
  if (length < USERNAME_MIN || length > USERNAME_MAX) {
    return { code: 'auth.username_length', message: `A username has ${USERNAME_MIN} to ${USERNAME_MAX} characters.` };
  }
  if (!ALLOWED.test(username)) {
    return {
      code: 'auth.username_invalid',
      message: 'A username may have letters, digits, dots, dashes and underscores, and starts with a letter or digit.',
    };
  }
  return null;
}

export const normaliseUsername = (raw: string) => raw.normalize('NFC').trim();

/** True when what a person typed to sign in is an email rather than a username. */
export const looksLikeEmail = (identifier: string) => identifier.includes('@');

/**
 * A username made for someone added by a facilitator: the Latin letters of their name (so anyone can type it on any
 * keyboard) and four random digits, such as "sokha-4821"; "user-4821" when the name has no Latin letters.
 */
export function suggestUsername(name: string, digits = 4): string {
  const latin = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 12);
  const stem = latin.length >= 3 ? latin : 'user';
  return `${stem}-${String(randomInt(10 ** digits)).padStart(digits, '0')}`;
}
