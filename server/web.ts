// Mounts the built SvelteKit app (adapter-node output) in Fastify: static assets, then every other path.
// Pages reach the API in-process through SvelteKit's `platform.inject` (this app's Fastify inject), without an
// HTTP round trip; per app, so two apps in one process (tests) each reach their own API.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { inPageRender, SESSION_COOKIE } from './http/auth.ts';
import { encodeOnce, matchesEtag, SharedRenderCache } from './http/shared-render-cache.ts';
import { contentEpoch } from './modules/catalog/content-epoch.ts';

export type WebOptions = { buildDir: string; secure: boolean };

export type ApiInject = FastifyInstance['inject'];

type KitServer = {
  init(opts: { env: Record<string, string | undefined>; read?: (file: string) => ReadableStream }): Promise<void>;
  respond(request: Request, opts: { getClientAddress: () => string; platform?: unknown }): Promise<Response>;
};

export const webPlugin: FastifyPluginAsync<WebOptions> = async (app, { buildDir, secure }) => {
  const { getRequest } = await import('@sveltejs/kit/node');
  const { Server } = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as {
    Server: new (m: unknown) => KitServer;
  };
  const { manifest } = await import(pathToFileURL(path.join(buildDir, 'server/manifest.js')).href);
  const kit = new Server(manifest);
  await kit.init({ env: process.env as Record<string, string> });
  const platform = { inject: app.inject.bind(app) };

  await app.register(fastifyStatic, {
    root: path.join(buildDir, 'client'),
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    // @fastify/static 10 passes the Fastify reply here.
    setHeaders: ((reply: { header: (k: string, v: string) => void }, filePath: string) => {
      const immutable = filePath.includes(`${path.sep}_app${path.sep}immutable${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    }) as never,
  });

  await app.register(async (scope) => {
    // SvelteKit reads the body itself: leave it unparsed here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const shared = new SharedRenderCache(contentEpoch);
    scope.all('/*', { schema: { hide: true } }, async (req, reply) => {
      const hasSession = req.cookies[SESSION_COOKIE] !== undefined;
      const answerable = SharedRenderCache.mayAnswer(req, hasSession);
      let hit = answerable ? shared.lookup(req) : undefined;
      const waiting = answerable && !hit ? shared.waitForRender(req) : undefined;
      if (waiting) hit = await waiting;
      if (hit) {
        for (const [name, value] of hit.headers) reply.header(name, value);
        reply.header('age', shared.age(hit));
        if (matchesEtag(req.headers['if-none-match'], hit.etag)) return reply.status(304).send();
        const { encoding, body } = encodeOnce(hit, req.headers['accept-encoding']);
        if (encoding) reply.header('content-encoding', encoding);
        return reply.status(200).send(body);
      }
      const keep = SharedRenderCache.mayKeep(req, hasSession);
      const rendered = keep ? shared.rendering(req) : undefined;
      try {
        const protocol = secure ? 'https' : 'http';
        const request = await getRequest({
          request: req.raw,
          base: `${protocol}://${req.headers.host}`,
          bodySizeLimit: 1024 * 1024,
        });
        const response = await inPageRender(() => kit.respond(request, { getClientAddress: () => req.ip, platform }));
        reply.status(response.status);
        for (const [name, value] of response.headers) if (name !== 'set-cookie') reply.header(name, value);
        const cookies = response.headers.getSetCookie();
        if (cookies.length) reply.header('set-cookie', cookies);
        // Pages are rendered whole (csr is off, nothing streams), so the body is read into one buffer: compressed in
        // one call with a content-length (app.ts syncThreshold), not piped chunk by chunk through a zlib stream on the
        // threadpool, which cost more CPU than the compression itself (about 0.8 ms of a 15 KB lesson page).
        const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
        if (body && keep) shared.store(req, response.status, response.headers, body);
        return reply.send(body);
      } finally {
        rendered?.();
      }
    });
  });
};
