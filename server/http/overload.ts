// Under overload the server says so at once (503 with Retry-After) rather than letting requests queue for seconds:
// @fastify/under-pressure watches the event loop's delay. API callers get the usual error body; people, a short page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCALE, localeFromAcceptLanguage, RTL_LOCALES } from '../i18n/locales.ts';
import { MESSAGES_DIR } from '../i18n/messages.ts';

export const OVERLOADED = {
  code: 'server.overloaded',
  message: 'The server is very busy just now. Please try again in a few seconds.',
};

export async function registerOverloadGuard(
  app: FastifyInstance,
  limits: { maxEventLoopDelayMs: number; retryAfterSeconds: number },
) {
  if (!limits.maxEventLoopDelayMs) return;
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    retryAfter: limits.retryAfterSeconds,
    // Returning the body makes the plugin send it (returning nothing would let the request through; its types say
    // void, its code sends any other value).
    pressureHandler: ((request: FastifyRequest, reply: FastifyReply) =>
      unavailable(request, reply, limits.retryAfterSeconds, OVERLOADED)) as unknown as (
      request: FastifyRequest,
      reply: FastifyReply,
    ) => void,
  });
}

/**
 * A 503 that says when to come back: the usual error body for API callers, a short page in the visitor's language for
 * people. Returns the body for the caller to send.
 */
export function unavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
  error: { code: string; message: string },
) {
  reply.status(503).header('retry-after', String(retryAfterSeconds)).header('cache-control', 'no-store');
  if (request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html')) return { error };
  const locale = localeFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE;
  reply.type('text/html; charset=utf-8');
  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${locale}" dir="${dir}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>503</title><p>${escapeHtml(pageText(locale))}</p></html>`;
}

// The site's own "try again in a moment" text, in the visitor's language (read once per language, when first needed).
const texts = new Map<string, string>();
function pageText(locale: string): string {
  if (!texts.has(locale)) {
    let text: string | undefined;
    try {
      text = JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, `${locale}.json`), 'utf8'))['errors.server.error'];
    } catch {
      text = undefined;
    }
    texts.set(locale, text ?? OVERLOADED.message);
  }
  return texts.get(locale)!;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
