// Requests for the API fuzzer, generated from the OpenAPI document: every operation's path, query and body,
// with plausible values (to reach handlers and the database) mixed with malformed ones.
import fc from 'fast-check';
import {
  encodeForUrl,
  hostileText,
  RAW_BODIES,
  RAW_NUMBER_LITERALS,
  RAW_URL_PIECES,
  WRONG_CONTENT_TYPES,
} from './hostile.ts';
import { valueFor, type Hints, type JsonSchema } from './schema-values.ts';

export type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
};
export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { contentTypes: string[]; schema?: JsonSchema };
  /** Statuses the document lists for this operation. */
  statuses: string[];
};
export type FuzzRequest = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        responses?: Record<string, unknown>;
      }
    >
  >;
};

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const content = op.requestBody?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content ? { contentTypes: Object.keys(content), schema: Object.values(content)[0]?.schema } : undefined,
        statuses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

const ACCEPTS = [
  'application/json',
  'text/html',
  '*/*',
  'text/html,application/xhtml+xml',
  'application/json, text/html',
];

export function requestFor(op: Operation, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc
    .record({
      segments: fc.tuple(...pathParams.map((p) => pathSegment(p, hints))),
      query: queryString(queryParams, hints),
      body: bodyFor(op, hints),
      accept: fc.option(fc.constantFrom(...ACCEPTS), { freq: 3 }),
    })
    .map(({ segments, query, body, accept }) => {
      let url = op.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, () => segments[i]!)));
      const headers: Record<string, string> = { ...body.headers };
      if (accept) headers.accept = accept;
      return {
        method: op.method,
        url: url + query,
        headers,
        ...(body.payload !== undefined ? { payload: body.payload } : {}),
      };
    });
}

function pathSegment(p: Parameter, hints: Hints): fc.Arbitrary<string> {
  return fc
    .oneof(
      {
        weight: 5,
        arbitrary: valueFor(p.schema, p.name, hints).map((v) =>
          encodeForUrl(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')),
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
    )
    .map((s) => (s === '' ? '%20' : s));
}

function queryString(params: Parameter[], hints: Hints): fc.Arbitrary<string> {
  const one = (p: Parameter) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      {
        weight: 5,
        arbitrary: valueFor(p.schema, p.name, hints).map((v) => [
          `${p.name}=${encodeForUrl(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
        ]),
      },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PIECES).map((raw) => [`${p.name}=${raw}`]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(valueFor(p.schema, p.name, hints), valueFor(p.schema, p.name, hints))
          .map(([a, b]) => [`${p.name}=${encodeForUrl(String(a))}`, `${p.name}=${encodeForUrl(String(b))}`]),
      },
    );
  const extra = fc.option(
    fc.constantFrom(
      'unknown=1',
      '%=%',
      '__proto__[x]=1',
      'a[b]=c',
      '=',
      '&&&',
      `x=${'y'.repeat(10_000)}`,
      'q=%00',
      '%zz=1',
    ),
    { freq: 5 },
  );
  return fc.tuple(fc.tuple(...params.map(one)), extra).map(([parts, more]) => {
    const all = [...parts.flat(), ...(more ? [more] : [])];
    return all.length ? `?${all.join('&')}` : '';
  });
}

type Body = { headers: Record<string, string>; payload?: string | Buffer };

function bodyFor(op: Operation, hints: Hints): fc.Arbitrary<Body> {
  const json = (payload: string, contentType = 'application/json'): Body => ({
    headers: { 'content-type': contentType },
    payload,
  });
  const strayBodies = fc.oneof(
    fc.constant<Body>({ headers: {} }),
    fc.constantFrom(...RAW_BODIES).map((b) => json(b)),
    fc
      .tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), fc.constantFrom('a=b', '{}', '\u0000', 'name,email\nx,y'))
      .map(([ct, b]) => json(b, ct)),
  );
  if (!op.body)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant<Body>({ headers: {} }) },
      { weight: 1, arbitrary: strayBodies },
    );
  const schema = op.body.schema;
  if (op.body.contentTypes.includes('multipart/form-data')) return multipartBody(schema, hints);
  const value = valueFor(schema, 'body', hints);
  const contentTypes = op.body.contentTypes;
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.tuple(value, fc.constantFrom(...contentTypes)).map(([v, ct]) => json(bodyText(v, ct), ct)),
    },
    { weight: 2, arbitrary: duplicatedKeys(schema, hints).map((b) => json(b)) },
    { weight: 1, arbitrary: rawNumbers(schema).map((b) => json(b)) },
    { weight: 2, arbitrary: strayBodies },
  );
}

/** A text/csv body is the CSV itself; every other type gets the value as JSON. */
function bodyText(v: unknown, contentType: string): string {
  if (contentType === 'text/csv')
    return typeof v === 'object' && v && typeof (v as { csv?: unknown }).csv === 'string'
      ? (v as { csv: string }).csv
      : String(v);
  return JSON.stringify(v) ?? '';
}

/** The same key twice in one JSON object: a plausible value and a hostile one, in either order. */
function duplicatedKeys(schema: JsonSchema | undefined, hints: Hints): fc.Arbitrary<string> {
  const keys = Object.keys(schema?.properties ?? {});
  if (!keys.length) return fc.constant('{"a":1,"a":"\\u0000"}');
  return fc
    .tuple(valueFor(schema, 'body', hints), fc.constantFrom(...keys), hostileText(), fc.boolean())
    .map(([v, key, bad, hostileFirst]) => {
      const plain = v && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : '{}';
      const dup = `${JSON.stringify(key)}:${JSON.stringify(bad)}`;
      const inner = plain.slice(1, -1);
      return hostileFirst ? `{${dup}${inner ? `,${inner}` : ''}}` : `{${inner ? `${inner},` : ''}${dup}}`;
    });
}

/** Number literals JSON.stringify cannot write (1e400, 99999999999999999999) in each field. */
function rawNumbers(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const keys = Object.keys(schema?.properties ?? {});
  return fc
    .tuple(fc.constantFrom(...(keys.length ? keys : ['a'])), fc.constantFrom(...RAW_NUMBER_LITERALS))
    .map(([k, n]) => `{${JSON.stringify(k)}:${n}}`);
}

function multipartBody(schema: JsonSchema | undefined, hints: Hints): fc.Arbitrary<Body> {
  const fields = Object.entries(schema?.properties ?? {}).filter(([k]) => k !== 'file');
  const fileContent = fc.oneof(
    fc.constantFrom(
      'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n',
      '1\n00:00:00,000 --> 00:00:01,000\nHello\n',
      'WEBVTT\n\n00:00.000 --> 00:01.000\na\u0000b\n',
      '\u0000\u0001\u0002',
      '',
    ),
    hostileText(),
  );
  const parts = fc.tuple(
    fc.tuple(
      ...fields.map(([k, s]) =>
        fc.option(
          valueFor(s, k, hints).map((v) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')] as const),
          { freq: 8 },
        ),
      ),
    ),
    fc.option(fileContent, { freq: 6 }),
    fc.constantFrom('captions.vtt', 'video.mp4', '../../etc/passwd', 'a\u0000b.vtt', '', '\u202Eevil.vtt'),
  );
  const boundary = MULTIPART_BOUNDARY;
  const wellFormed = parts.map(([present, file, filename]) =>
    multipartPayload(
      present.filter((f) => f !== null),
      file,
      filename,
    ),
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: wellFormed.map((payload): Body => ({
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          wellFormed,
          fc.constantFrom(
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'multipart/form-data; boundary=other',
            'multipart/form-data; boundary="unterminated',
            `multipart/form-data; boundary=${'b'.repeat(100)}`,
            'multipart/mixed; boundary=fuzzboundary7MA4YWxkTrZu0gW',
          ),
        )
        .map(([payload, ct]): Body => ({ headers: { 'content-type': ct }, payload })),
    },
    {
      weight: 1,
      arbitrary: wellFormed.map((payload): Body => ({
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: payload.slice(0, Math.floor(payload.length / 2)),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { headers: {} },
        { headers: { 'content-type': 'application/json' }, payload: '{}' },
        { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: '' },
      ),
    },
  );
}

export const MULTIPART_BOUNDARY = 'fuzzboundary7MA4YWxkTrZu0gW';

/** A multipart/form-data body (boundary MULTIPART_BOUNDARY) with text fields and, unless null, one file in "file". */
export function multipartPayload(
  fields: readonly (readonly [string, string])[],
  file: string | null,
  filename = 'captions.vtt',
): string {
  const b = MULTIPART_BOUNDARY;
  const chunks = fields.map(
    ([name, value]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file !== null)
    chunks.push(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${file}\r\n`,
    );
  return `${chunks.join('')}--${b}--\r\n`;
}

export type Finding = { request: FuzzRequest; status: number; body: string; problem: string };

/** What a response must be: never a 5xx; any 4xx carries `{ error: { code, message } }` with both strings. */
export function problemWith(status: number, body: string): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `answered ${status} with a body that is not JSON`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object' || typeof error.code !== 'string' || typeof error.message !== 'string')
    return `answered ${status} without the error shape {error:{code,message}}`;
  return undefined;
}

/** A request as a line a person can paste into a test. */
export function describe(r: FuzzRequest): string {
  const payload = r.payload === undefined ? '' : ` ${JSON.stringify(String(r.payload).slice(0, 300))}`;
  const ct = r.headers['content-type'] !== undefined ? ` [${r.headers['content-type']}]` : '';
  return `${r.method} ${r.url.slice(0, 300)}${ct}${payload}`;
}
