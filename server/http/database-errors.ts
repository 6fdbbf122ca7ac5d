// Reads the SQLSTATE out of an error from either database (pg or PGlite, usually wrapped by drizzle as `cause`).
import { AppError } from './errors.ts';

/** The five-character SQLSTATE of the first database error in the cause chain, if any. */
export function sqlStateOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // Both drivers' database errors carry the server's `severity`; Node's own errors (EPIPE...) do not.
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && typeof severity === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Class 22 ("data exception": a value out of range, text the database cannot hold, a malformed uuid or date)
 * means the request carried a value the database refused. Validation should have stopped it first; when it
 * did not, the client still gets a 400 it can act on, never a 500. The caller logs it, as a gap to close.
 */
export function dataErrorOf(err: unknown): AppError | undefined {
  const state = sqlStateOf(err);
  if (!state?.startsWith('22')) return undefined;
  return new AppError(
    400,
    'request.invalid_value',
    'A value in this request cannot be used (it may be too large, badly formed, or hold a character that cannot be stored). Check the values and try again.',
  );
}
