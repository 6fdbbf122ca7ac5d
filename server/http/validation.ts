// Request validation: bodies are taken exactly as sent (a number where a name belongs is a 400, not "42");
// query strings and path params are text by nature, so they are coerced to the declared types.
// Every validated part (params, query, body, multipart fields) is refused with a 400 when any text in it holds
// U+0000: Postgres cannot store or even compare NUL in text or jsonb, so it must never reach a query.
import type { FastifyInstance } from 'fastify';
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { personNameKeyword } from './text.ts';

function makeAjv(options: Options) {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: true, strict: false, ...options });
  addFormats.default(ajv);
  ajv.addKeyword(personNameKeyword);
  return ajv;
}

const NUL_MESSAGE = 'contains the character U+0000 (NUL), which is not allowed in text. Remove it and try again';

/** Where text in a parsed request part holds NUL (as a JSON pointer, like Ajv's instancePath), in keys or values. */
export function nulPaths(value: unknown, path = '', found: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (value && typeof value === 'object' && depth < 64 && found.length < 10) {
    for (const [key, inner] of Object.entries(value)) {
      const here = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key.includes('\u0000')) found.push(here);
      else nulPaths(inner, here, found, depth + 1);
    }
  }
  return found;
}

/** Top-level fields declared as files (`format: 'binary'`): their bytes are data for the domain to judge, not text. */
function fileFields(schema: unknown): Set<string> {
  const properties = (schema as { properties?: Record<string, { format?: string }> } | undefined)?.properties ?? {};
  return new Set(
    Object.entries(properties)
      .filter(([, s]) => s?.format === 'binary')
      .map(([k]) => k),
  );
}

/** The Ajv validator, preceded by the NUL check; shaped as Fastify expects (boolean result, `errors` after a false). */
function refusingNul(validate: ValidateFunction, files: Set<string>) {
  const check = (data: unknown, context?: unknown) => {
    const text =
      files.size && data && typeof data === 'object'
        ? Object.fromEntries(Object.entries(data).filter(([k]) => !files.has(k)))
        : data;
    const paths = nulPaths(text);
    if (paths.length) {
      check.errors = paths.map((instancePath): ErrorObject => ({
        instancePath,
        schemaPath: '#',
        keyword: 'nul',
        params: {},
        message: NUL_MESSAGE,
      }));
      return false;
    }
    const ok = (validate as (d: unknown, c?: unknown) => boolean)(data, context);
    check.errors = validate.errors;
    return ok;
  };
  check.errors = null as ValidateFunction['errors'];
  // Fastify passes the parent object (so Ajv may set defaults on the root) only to functions that carry schemaEnv.
  return Object.assign(check, { schemaEnv: validate.schemaEnv });
}

export function registerValidation(app: FastifyInstance) {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    refusingNul((httpPart === 'body' ? strict : coercing).compile(schema), fileFields(schema)),
  );
}
