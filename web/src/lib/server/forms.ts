// Helpers for form actions: read fields, and turn an API error into a translated, field-aware failure.
import { fail } from '@sveltejs/kit';
import { byKey } from '$lib/i18n/generated/by-key.ts';

export function fields(data: FormData, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(data.get(n) ?? '')]));
}

type Params = Record<string, string | number>;
const isParams = (x: unknown): x is Params =>
  !!x &&
  typeof x === 'object' &&
  !Array.isArray(x) &&
  Object.values(x).every((v) => typeof v === 'string' || typeof v === 'number');

/**
 * The person-facing text for an API error code, in the page's language (falls back to the API's own English message).
 * Details that are plain values (`{ at: '2026-05-06 08:00 (Asia/Phnom_Penh)' }`), or a field detail's `params`, fill the
 * message's placeholders.
 */
export function errorText(error: { code: string; message: string; details?: unknown }): string {
  const translate = byKey[`errors.${error.code}`];
  // Field-level details may carry the message's values too: [{ field, params: { character, position } }].
  const fieldParams = Array.isArray(error.details)
    ? (error.details[0] as { params?: unknown } | undefined)?.params
    : undefined;
  const params = isParams(error.details) ? error.details : isParams(fieldParams) ? fieldParams : undefined;
  return translate ? translate(params) : error.message;
}

/** The form field an API error is about (`body.email` -> `email`), or undefined. */
export function errorField(error: { details?: unknown }): string | undefined {
  const detail = Array.isArray(error.details) ? (error.details[0] as { field?: string } | undefined) : undefined;
  return detail?.field?.split('.').pop();
}

export function apiFailure(
  status: number,
  error: { code: string; message: string; details?: unknown },
  values: Record<string, string>,
) {
  const field = errorField(error);
  const { password: _p, currentPassword: _c, newPassword: _n, ...safeValues } = values;
  return fail(status, { error: errorText(error), field: field ?? null, values: safeValues });
}
