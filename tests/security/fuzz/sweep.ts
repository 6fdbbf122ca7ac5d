// The systematic half of the fuzzer: one valid request per operation (fast-check, seeded), then one copy per input
// field with that field alone made hostile: NUL in every text, overflowing numbers in every number. Random
// generation finds a NUL in a given field only by luck; this finds it in every field, every run.
import fc from 'fast-check';
import { encodeForUrl } from './hostile.ts';
import { MULTIPART_BOUNDARY, multipartPayload, type FuzzRequest, type Operation } from './requests.ts';
import { validValue, type Hints, type JsonSchema } from './schema-values.ts';

const NUL_TEXT = 'a\u0000b';
const HUGE_NUMBERS = ['99999999999999999999', '1e308'];

type Base = { path: Record<string, string>; query: Record<string, string>; body: unknown };

const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
const isNumeric = (s: JsonSchema | undefined) => s?.type === 'integer' || s?.type === 'number';

function render(op: Operation, base: Base): FuzzRequest {
  let url = op.path;
  for (const [name, value] of Object.entries(base.path))
    url = url.replace(`{${name}}`, () => encodeForUrl(value) || '%20');
  const query = Object.entries(base.query)
    .map(([k, v]) => `${k}=${encodeForUrl(v)}`)
    .join('&');
  if (query) url += `?${query}`;
  if (!op.body) return { method: op.method, url, headers: {} };
  if (op.body.contentTypes.includes('multipart/form-data')) {
    const { file, ...fields } = (base.body ?? {}) as Record<string, unknown>;
    const payload = multipartPayload(
      Object.entries(fields).map(([k, v]) => [k, asText(v)] as const),
      file === undefined ? 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n' : asText(file),
    );
    return {
      method: op.method,
      url,
      headers: { 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` },
      payload,
    };
  }
  return {
    method: op.method,
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(base.body),
  };
}

/** Every location of a string in a JSON value, as a list of keys and indexes. */
function stringLocations(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLocations(v, [...at, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLocations(v, [...at, k]));
  return [];
}

function withValueAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (!at.length) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = replacement;
  return copy;
}

export function sweep(op: Operation, hints: Hints, seed: number): FuzzRequest[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const valid = (s: JsonSchema | undefined, name: string) =>
    s ? validValue(s, name, hints, 0, true) : fc.constant('');
  const baseArb = fc.record({
    path: fc.tuple(...pathParams.map((p) => valid(p.schema, p.name))),
    query: fc.tuple(...queryParams.map((p) => valid(p.schema, p.name))),
    body: op.body?.schema ? validValue(op.body.schema, 'body', hints, 0, true) : fc.constant(undefined),
  });
  const [sample] = fc.sample(baseArb, { seed, numRuns: 1 });
  const base: Base = {
    path: Object.fromEntries(pathParams.map((p, i) => [p.name, asText(sample!.path[i])])),
    query: Object.fromEntries(queryParams.map((p, i) => [p.name, asText(sample!.query[i])])),
    body: sample!.body,
  };

  const requests: FuzzRequest[] = [render(op, base)];
  for (const p of pathParams) requests.push(render(op, { ...base, path: { ...base.path, [p.name]: NUL_TEXT } }));
  for (const p of queryParams) {
    requests.push(render(op, { ...base, query: { ...base.query, [p.name]: NUL_TEXT } }));
    if (isNumeric(p.schema))
      for (const n of HUGE_NUMBERS) requests.push(render(op, { ...base, query: { ...base.query, [p.name]: n } }));
  }
  if (op.body?.schema) {
    for (const at of stringLocations(base.body))
      requests.push(render(op, { ...base, body: withValueAt(base.body, at, NUL_TEXT) }));
    // Optional text fields the valid body left out get their NUL too.
    const body =
      base.body && typeof base.body === 'object' && !Array.isArray(base.body)
        ? (base.body as Record<string, unknown>)
        : undefined;
    for (const [key, s] of Object.entries(op.body.schema.properties ?? {})) {
      if (body && !(key in body)) requests.push(render(op, { ...base, body: { ...body, [key]: NUL_TEXT } }));
      if (body && isNumeric(s)) requests.push(render(op, { ...base, body: { ...body, [key]: 1e308 } }));
    }
  }
  return requests;
}
