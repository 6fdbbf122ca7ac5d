// Readable codes (workshop join codes, team codes, one-time sign-in codes): 8 characters from an alphabet without
// look-alikes (no 0/O, 1/I/L), read aloud in two groups of four. Domain-free, so accounts, workshops and teams share it.
import { randomInt } from 'node:crypto';

export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;

/** A fresh code from the operating system's cryptographic random source. */
export function generateJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** `K7QM3XPA` -> `K7QM-3XPA`, for reading aloud and printing. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as a stored code: case, spaces and dashes ignored. Null when it cannot be a code at all. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}
