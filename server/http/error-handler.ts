import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { AppError } from './errors.ts';
import { dataErrorOf } from './database-errors.ts';
import { PERSON_NAME_KEYWORD } from './text.ts';

type ValidationIssue = { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> };

function describeValidation(issues: ValidationIssue[], context: string | undefined) {
  const where = context ?? 'body';
  const details = issues.map((i) => {
    const field = [where, ...(i.instancePath ?? '').split('/').filter(Boolean)].join('.');
    if (i.keyword === 'additionalProperties') {
      const prop = String(i.params?.additionalProperty);
      return { field: `${field}.${prop}`, message: `unknown property "${prop}" is not allowed` };
    }
    if (i.keyword === 'required') {
      const prop = String(i.params?.missingProperty ?? i.params?.requiredProperties ?? '');
      return { field: `${field}.${prop}`.replace(/\.$/, ''), message: `"${prop}" is required` };
    }
    return { field, message: `${field} ${i.message ?? 'is not valid'}` };
  });
  return {
    message: details.map((d) => (d.message.startsWith(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; '),
    details,
  };
}

const FRAMEWORK_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'request.malformed_json',
    message: 'The request body is not valid JSON. Check for a missing quote, comma or brace.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'request.empty_body',
    message: 'The request body is empty but JSON was expected.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'request.too_large',
    message: 'The request body is too large. The limit is 1 MB.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'request.unsupported_media_type',
    message: 'This content type is not accepted here. Send JSON (application/json).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'request.bad_length',
    message: 'The Content-Length header does not match the body.',
  },
};

export const DB_UNAVAILABLE = 'The database is not reachable just now. Please try again in a few seconds.';

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(
    (err: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
      if (err instanceof AppError) {
        return reply.status(err.statusCode).send({
          error: {
            code: err.code,
            message: err.message,
            ...(err.details !== undefined ? { details: err.details } : {}),
          },
        });
      }
      if (err.validation) {
        // The name rule's message already says what is wrong and what to do: it is answered as it is.
        const name = err.validation.find((i) => i.keyword === PERSON_NAME_KEYWORD);
        if (name) {
          const field = [err.validationContext ?? 'body', ...(name.instancePath ?? '').split('/').filter(Boolean)].join(
            '.',
          );
          return reply.status(400).send({
            error: { code: 'auth.name_invalid', message: name.message, details: [{ field, params: name.params }] },
          });
        }
        const { message, details } = describeValidation(err.validation, err.validationContext);
        return reply.status(400).send({ error: { code: 'request.invalid', message, details } });
      }
      if (isDatabaseUnavailable(err)) {
        // The connection died or the database is restarting: nothing was half-written (the transaction rolled back).
        request.log.warn({ reqId: request.id, code: (err as { code?: string }).code }, 'database unavailable');
        return reply
          .status(503)
          .header('retry-after', '5')
          .send({ error: { code: 'db.unavailable', message: DB_UNAVAILABLE } });
      }
      const dataError = dataErrorOf(err);
      if (dataError) {
        request.log.warn({ err, reqId: request.id }, 'the database refused a value that validation let through');
        return reply.status(dataError.statusCode).send({ error: { code: dataError.code, message: dataError.message } });
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const known = err.code ? FRAMEWORK_CODES[err.code] : undefined;
        return reply
          .status(status)
          .send({ error: { code: known?.code ?? `request.${status}`, message: known?.message ?? err.message } });
      }
      request.log.error({ err, reqId: request.id }, 'unhandled error');
      return reply.status(500).send({
        error: {
          code: 'server.error',
          message: `Something went wrong on our side. Please try again; if it keeps happening, report reference ${request.id}.`,
        },
      });
    },
  );

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'not_found', message: `There is no API route ${request.method} ${request.url.split('?')[0]}.` },
    });
  });
}
