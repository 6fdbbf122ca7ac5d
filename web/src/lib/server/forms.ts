// Helpers for form actions: read fields, and turn an API error into a translated, field-aware failure.
import { fail } from '@sveltejs/kit';
import { byKey } from '$lib/i18n/generated/by-key.ts';

export function fields(data: FormData, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(data.get(n) ?? '')]));
}

/** The person-facing text for an API error code, in the page's language (falls back to the API's own English message). */
export function errorText(error: { code: string; message: string }): string {
  const translate = byKey[`errors.${error.code}`];
  return translate ? translate() : error.message;
}

export function apiFailure(status: number, error: { code: string; message: string; details?: unknown }, values: Record<string, string>) {
  const detail = Array.isArray(error.details) ? (error.details[0] as { field?: string } | undefined) : undefined;
  const field = detail?.field?.split('.').pop();
  const { password: _p, currentPassword: _c, newPassword: _n, ...safeValues } = values;
  return fail(status, { error: errorText(error), field: field ?? null, values: safeValues });
}
