// Request validation: bodies are taken exactly as sent (a number where a name belongs is a 400, not "42");
// query strings and path params are text by nature, so they are coerced to the declared types.
import type { FastifyInstance } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { personNameKeyword } from './text.ts';

function makeAjv(options: Options) {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: true, strict: false, ...options });
  addFormats.default(ajv);
  ajv.addKeyword(personNameKeyword);
  return ajv;
}

export function registerValidation(app: FastifyInstance) {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
