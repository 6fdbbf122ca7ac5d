// Values for one JSON schema (from the OpenAPI document). An object is built valid first (real ids, working codes,
// values within the limits), then usually gets one defect: a hostile text in one field, a wrong type, a required
// field missing, an unknown field. One defect at a time is what lets a request through the other checks to the
// handler and the database, where the 500s were.
import fc from 'fast-check';
import { BAD_IDS, HOSTILE_NUMBERS, hostileText, wrongTypeValue } from './hostile.ts';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema | JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  [key: string]: unknown;
};

/** Real values the fuzzer can use for a field, by its name: ids of things that exist, codes that work, known locales. */
export type Hints = (name: string) => readonly unknown[] | undefined;

const UNKNOWN_FIELDS = ['extra', '__proto__', 'constructor', 'role', 'isAdmin', 'userId', '', 'a\u0000b'];

/** A value for a field: valid most of the time, hostile text or a wrong type otherwise. */
export function valueFor(schema: JsonSchema | undefined, name: string, hints: Hints, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return wrongTypeValue();
  return fc.oneof(
    { weight: 5, arbitrary: validValue(schema, name, hints, depth) },
    { weight: 3, arbitrary: hostileText() },
    { weight: 1, arbitrary: wrongTypeValue() },
  );
}

/** A value the schema should accept (and, where the fuzzer knows one, a real one); objects get one defect unless `flawless`. */
export function validValue(
  schema: JsonSchema,
  name: string,
  hints: Hints,
  depth = 0,
  flawless = false,
): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validValue(s, name, hints, depth, flawless)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf), name, hints, depth, flawless);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const known = hints(name);
  if (known?.length && name !== 'body') return fc.constantFrom(...known);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 50, 1000) }) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
      );
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      if (!items) return fc.constant([]);
      if (flawless) return fc.array(validValue(items, name, hints, depth + 1, true), { minLength: 1, maxLength: 2 });
      return fc.array(depth > 1 ? validValue(items, name, hints, depth + 1) : valueFor(items, name, hints, depth + 1), {
        maxLength: 3,
      });
    }
    case 'object':
      return objectFor(schema, hints, depth, flawless);
    default:
      return wrongTypeValue();
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(...BAD_IDS) });
    case 'date':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '2026-02-30',
            '0000-00-00',
            '9999-12-31',
            '2026-13-01',
            '+275760-09-13',
            '2026-1-1',
          ),
        },
      );
    case 'date-time':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '2026-02-30T00:00:00Z',
            '9999-12-31T23:59:59Z',
            '0001-01-01T00:00:00Z',
            '2026-01-01T23:59:60Z',
            '2026-01-01T00:00:00+23:59',
          ),
        },
      );
    case 'email':
      return fc.oneof(
        fc.emailAddress(),
        fc.constantFrom('\u202Eevil@example.org', `${'x'.repeat(240)}@example.org`, 'ÄÖÜ@例え.jp'),
      );
  }
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 30, 30));
  return fc.string({ minLength: min, maxLength: max });
}

type Defect = 'none' | 'hostile' | 'wrong-type' | 'missing' | 'unknown';

function objectFor(schema: JsonSchema, hints: Hints, depth: number, flawless: boolean): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const props = Object.entries(schema.properties ?? {});
  const fields = props.map(([key, sub]) =>
    required.has(key) || flawless
      ? validValue(sub, key, hints, depth + 1, flawless)
      : fc.option(validValue(sub, key, hints, depth + 1), { nil: undefined, freq: 3 }),
  );
  const defect = flawless
    ? fc.constant<Defect>('none')
    : fc.constantFrom<Defect>('none', 'hostile', 'hostile', 'hostile', 'wrong-type', 'missing', 'unknown');
  return fc
    .record({
      values: fc.tuple(...fields),
      defect,
      at: fc.nat(),
      hostile: hostileText(),
      wrong: wrongTypeValue(),
      unknownKey: fc.constantFrom(...UNKNOWN_FIELDS),
    })
    .map(({ values, defect, at, hostile, wrong, unknownKey }) => {
      const out: Record<string, unknown> = {};
      const set = (k: string, v: unknown) =>
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      props.forEach(([key], i) => values[i] !== undefined && set(key, values[i]));
      const key = props.length ? props[at % props.length]![0] : undefined;
      if (defect === 'hostile' && key) set(key, hostile);
      if (defect === 'wrong-type' && key) set(key, wrong);
      if (defect === 'missing' && key) delete out[key];
      if (defect === 'unknown' || (!key && !flawless)) set(unknownKey, wrong);
      return out;
    });
}
