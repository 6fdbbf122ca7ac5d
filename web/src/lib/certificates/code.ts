/** Reads pasted QR text (a verify address, or "<id>#p=<payload>") into the certificate's verify path, or null. */
export function verifyPathOf(code: string): string | null {
  const match = /(?:^|\/verify\/)([A-Za-z0-9][A-Za-z0-9._-]{0,63})(#p=[A-Za-z0-9_.-]+)?\s*$/.exec(code.trim());
  return match ? `/verify/${match[1]}${match[2] ?? ''}` : null;
}
