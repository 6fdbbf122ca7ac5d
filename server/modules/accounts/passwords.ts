// Password rules and argon2id hashing (OWASP parameters: m=19456 KiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): { code: string; message: string } | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      code: 'auth.password_too_short',
      message: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  if (commonPasswords.has(password.toLowerCase())) {
    return {
      code: 'auth.password_common',
      message: 'This password is among the most common ones and easy to guess. Choose another.',
    };
  }
  return null;
}

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

// Verifying against a fixed hash when the account does not exist keeps response times alike, so timing does not reveal who has an account.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string) {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
