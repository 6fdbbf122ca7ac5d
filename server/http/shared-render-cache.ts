// A small shared cache in front of the site's renderer, by the rules a CDN follows. A page that is the same for every
// visitor without a session (a lesson, a module, the home page) says so with `cache-control: public, s-maxage=N` and
// `vary` (web/src/lib/server/shared-render.ts); its render, and each compressed form of it, is then reused for N
// seconds by requests that carry no session cookie and the same values of the `vary` headers. A content import by this
// process empties it at once (the `epoch` given changes); another process's import is seen within N seconds.
// Bounded: the least recently used render goes first.
import zlib from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import { BoundedMap } from '../shared/bounded-map.ts';
import { SingleFlight } from '../shared/single-flight.ts';
import { BROTLI_OPTIONS, COMPRESS_FROM_BYTES } from './compression.ts';

type RequestLike = { url: string; headers: Record<string, string | string[] | undefined> };
export type SharedRender = Encodable & {
  headers: [string, string][];
  etag: string | undefined;
  storedAt: number;
  expiresAt: number;
  epoch: number;
};

const ENCODINGS = ['br', 'gzip'];
const compressors: Record<string, (body: Buffer) => Buffer> = {
  br: (body) => zlib.brotliCompressSync(body, BROTLI_OPTIONS),
  gzip: (body) => zlib.gzipSync(body),
};
const MAX_BODY_BYTES = 256 * 1024;

const header = (headers: RequestLike['headers'], name: string) => [headers[name] ?? ''].flat().join(', ');
const sharedSeconds = (cacheControl: string | null): number => {
  if (!cacheControl || /\b(private|no-store|no-cache)\b/i.test(cacheControl) || !/\bpublic\b/i.test(cacheControl))
    return 0;
  const seconds = Number(/\bs-maxage=(\d+)/i.exec(cacheControl)?.[1] ?? 0);
  return Number.isFinite(seconds) ? seconds : 0;
};

/** The headers the site's shared pages vary on (web/src/lib/server/shared-render.ts), and the address. */
const FLIGHT_HEADERS = ['host', 'cookie', 'accept-language', 'save-data', 'ect'];
const flightKey = (req: RequestLike) =>
  [req.url, ...FLIGHT_HEADERS.map((name) => header(req.headers, name))].join('\n');

export class SharedRenderCache {
  /** Renders under way, by `flightKey`: identical requests arriving meanwhile wait for them instead of rendering. */
  private readonly inFlight = new SingleFlight<string, void>();
  /** Per URL, the request headers its page varies on (from the last render stored). */
  private readonly varyByUrl: BoundedMap<string, string[]>;
  private readonly renders: BoundedMap<string, SharedRender>;

  /** `epoch`: a number that changes when what the pages show changes (the content imports, `contentEpoch`). */
  constructor(
    private readonly epoch: () => number,
    private readonly maxRenders = 512,
    private readonly now: () => number = Date.now,
  ) {
    this.renders = new BoundedMap(maxRenders);
    // Per URL, not per render: a URL whose renders all went may keep its entry a while (twice as many are allowed).
    this.varyByUrl = new BoundedMap(2 * maxRenders);
  }

  get size() {
    return this.renders.size;
  }

  /** Whether this request's answer may be kept: a page read (GET) by someone without a session. */
  static mayKeep(req: RequestLike & { method: string }, hasSession: boolean): boolean {
    return req.method === 'GET' && !hasSession;
  }

  /** Whether it may be answered from what was kept: not when the person forced a reload (no-cache), as a CDN would not. */
  static mayAnswer(req: RequestLike & { method: string }, hasSession: boolean): boolean {
    return (
      SharedRenderCache.mayKeep(req, hasSession) && !/\bno-(cache|store)\b/i.test(header(req.headers, 'cache-control'))
    );
  }

  private key(req: RequestLike, vary: string[]): string {
    return [header(req.headers, 'host'), req.url, ...vary.map((name) => header(req.headers, name))].join('\n');
  }

  lookup(req: RequestLike): SharedRender | undefined {
    const vary = this.varyByUrl.get(req.url);
    if (!vary) return undefined;
    const key = this.key(req, vary);
    const render = this.renders.get(key);
    if (!render) return undefined;
    if (render.expiresAt <= this.now() || render.epoch !== this.epoch()) {
      this.renders.delete(key);
      return undefined;
    }
    this.renders.set(key, render); // most recently used
    return render;
  }

  /**
   * A room opening the same page at once: all but the first wait for its render and are answered from it (if it was
   * kept: `lookup` applies the rules). Requests wait only for one identical in the address and every header a page
   * here varies on; a render that fails or is not kept lets them render their own.
   */
  waitForRender(req: RequestLike): Promise<SharedRender | undefined> | undefined {
    // Not async: with nothing under way the caller goes on at once, and marks its own render before anyone else can.
    return this.inFlight.underWay(flightKey(req))?.then(() => this.lookup(req));
  }

  /** Marks a render under way for requests like this one; call what it returns when it is kept, or not. */
  rendering(req: RequestLike): () => void {
    return this.inFlight.lead(flightKey(req)) ?? (() => {});
  }

  /** The `Age` header of an answer from the cache: whole seconds since the render was kept. */
  age(render: SharedRender): string {
    return String(Math.floor((this.now() - render.storedAt) / 1000));
  }

  /** Keeps a render the page marked as shared; anything personal (a cookie set, an error, `private`) is never kept. */
  store(req: RequestLike, status: number, headers: Headers, body: Buffer): void {
    const seconds = sharedSeconds(headers.get('cache-control'));
    if (status !== 200 || seconds <= 0 || headers.getSetCookie().length || body.length > MAX_BODY_BYTES) return;
    const vary = (headers.get('vary') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name && name !== 'accept-encoding');
    if (vary.includes('*')) return;
    this.varyByUrl.set(req.url, vary); // most recently stored
    const kept: [string, string][] = [];
    for (const [name, value] of headers) if (name !== 'set-cookie' && name !== 'vary') kept.push([name, value]);
    kept.push(['vary', [...vary, 'accept-encoding'].join(', ')]);
    this.renders.set(this.key(req, vary), {
      headers: kept,
      body,
      etag: headers.get('etag') ?? undefined,
      storedAt: this.now(),
      expiresAt: this.now() + seconds * 1000,
      epoch: this.epoch(),
      encoded: new Map(),
    });
  }
}

/** A kept body and its compressed forms, made when first asked for. */
export type Encodable = { body: Buffer; encoded: Map<string, Buffer> };

/** The body in the best encoding the request accepts, compressed once per kept render. */
export function encodeOnce(render: Encodable, acceptEncoding: string | undefined): { encoding?: string; body: Buffer } {
  if (render.body.length < COMPRESS_FROM_BYTES || !acceptEncoding) return { body: render.body };
  const encoding = negotiate(acceptEncoding.toLowerCase(), ENCODINGS);
  if (!encoding || !compressors[encoding]) return { body: render.body };
  let body = render.encoded.get(encoding);
  if (!body) {
    body = compressors[encoding](render.body);
    render.encoded.set(encoding, body);
  }
  return { encoding, body };
}

/** Whether an If-None-Match header names this ETag (a list, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!etag || !ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => weak(tag) === weak(etag));
}
