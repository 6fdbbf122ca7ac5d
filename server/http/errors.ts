// Typed errors thrown by domain code; the one error handler turns them into { error: { code, message, details? } }.
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

export const BadRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const Unauthorized = (message = 'Please sign in to continue.', code = 'auth.required') =>
  new AppError(401, code, message);
export const Forbidden = (message = 'You do not have permission to do this.', code = 'auth.forbidden') =>
  new AppError(403, code, message);
export const NotFound = (what: string, code = 'not_found') =>
  new AppError(404, code, `${what} was not found. Check the address and try again.`);
export const Conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
