// The application as one Fastify instance: API under /api, the SvelteKit site for everything else.
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import helmet from 'helmet';
import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.ts';
import { CSP_DIRECTIVES } from '../web/csp.js';
import type { Database } from './db/client.ts';
import { PROJECT_ROOT } from './shared/project-files.ts';
import { JWT_VERIFY_OPTIONS, registerAuthGuard, SESSION_COOKIE } from './http/auth.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { frameworkErrorHandler } from './http/framework-errors.ts';
import { optionalDefaultedParameters } from './http/openapi.ts';
import { ErrorSchema, errors, Health } from './http/schemas.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { learningRoutes } from './modules/learning/learning.routes.ts';
import { mediaRoutes } from './modules/media/media.routes.ts';
import { offlineRoutes } from './modules/offline/offline.routes.ts';
import { uploadsRoutes } from './modules/media/uploads/uploads.routes.ts';
import { certificatesRoutes } from './modules/certificates/certificates.routes.ts';
import { reissueAfterNameChange } from './modules/certificates/certificates.service.ts';
import { openIssuer, type Issuer } from './modules/certificates/issuer.ts';
import { progressRoutes } from './modules/progress/progress.routes.ts';
import { quizzesRoutes } from './modules/quizzes/quizzes.routes.ts';
import { workshopsRoutes } from './modules/workshops/workshops.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { planRoutes } from './modules/teams/plan.routes.ts';
import { SetupTokens } from './modules/accounts/accounts.service.ts';
import { sessionStore } from './modules/accounts/sessions.ts';
import { smtpMailer } from './mail/mailer.ts';
import { registerValidation } from './http/validation.ts';
import { registerOverloadGuard } from './http/overload.ts';
import { registerGracefulStop } from './http/graceful-stop.ts';
import { BROTLI_OPTIONS, COMPRESS_FROM_BYTES } from './http/compression.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { connectRedis, redisRateLimitStore } from './http/rate-limit-redis-store.ts';
import { databaseRateLimitStore } from './http/rate-limit-store.ts';
import { webPlugin, type WebOptions } from './web.ts';

export const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

export type AppOptions = {
  config: Config;
  database: Database;
  jwtSecret: string;
  /** Serve the built SvelteKit site (off in API-only tests). */
  web?: WebOptions | false;
  logger?: boolean | object;
  /** The certificate issuer; opened from DATA_DIR when not given. */
  issuer?: Issuer;
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const helmetOptions = {
    // Plain-http installs (a laptop in a workshop room) must not be told to upgrade to https.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': config.secureCookies ? [] : null },
    },
    crossOriginEmbedderPolicy: false,
    // With no-referrer, Chromium sends "Origin: null" on same-site form posts, which the CSRF checks must refuse.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: config.secureCookies,
  } as const;
  const applySecurityHeaders = helmet(helmetOptions);
  const app = Fastify({
    // A URL that cannot be decoded never reaches a route: answer it like any other error, headers included.
    frameworkErrors: frameworkErrorHandler(applySecurityHeaders),
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // Only a configured proxy may name the client address, or anyone could dodge the rate limits with X-Forwarded-For.
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route as registered, so a test can hold the whole list against its permission table.
  const registeredRoutes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      registeredRoutes.push({ method, url: route.url, operationId: route.schema?.operationId });
  });
  app.decorate('registeredRoutes', registeredRoutes);

  const setupTokens = new SetupTokens();
  app.decorate('setupTokens', setupTokens);
  app.decorate('database', database);

  registerGracefulStop(app);
  registerErrorHandler(app);
  registerValidation(app);
  await registerOverloadGuard(app, config.overload);
  app.decorate('sessions', sessionStore(database.db));
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: opts.jwtSecret,
    cookie: { cookieName: SESSION_COOKIE, signed: false },
    verify: JWT_VERIFY_OPTIONS,
  });
  registerSecurityHeaders(app, applySecurityHeaders);
  // Bodies up to 64 KB (every page, most API answers) are compressed in one synchronous call: on this 2-core kind of
  // machine the per-response zlib stream (the plugin's default above 8 KB) cost about 0.5 ms more CPU per lesson page.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_FROM_BYTES,
    brotliOptions: BROTLI_OPTIONS,
    syncThreshold: 64 * 1024,
  });
  // Counted in the database (or Redis, REDIS_URL), so every process (WORKERS=N) and machine on it shares the counts.
  await app.register(fastifyRateLimit, { global: false, store: await rateLimitStore(app, config, database) });
  registerAuthGuard(app, { secureCookies: config.secureCookies, publicUrl: config.publicUrl });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Learning Cities Academy API', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transformObject: (documents) =>
      'openapiObject' in documents ? optionalDefaultedParameters(documents.openapiObject) : documents.swaggerObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.addSchema(ErrorSchema);

  app.get(
    '/api/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getOpenApiDocument',
        hide: true,
        response: { 200: Type.Unknown({ description: 'OpenAPI 3 document' }) },
      },
    },
    async () => app.swagger(),
  );

  // With WORKERS=N, every answer names the worker that gave it (the cluster's worker id): which process to look at.
  const workerId = cluster.worker ? String(cluster.worker.id) : undefined;
  if (workerId) app.addHook('onRequest', async (_req, reply) => void reply.header('x-worker', workerId));

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Liveness, which database is in use and whether it answers (503 db.unavailable when it does not)',
        response: {
          200: Health,
          ...errors(503),
        },
      },
    },
    async () => {
      await database.db.execute('select 1');
      return {
        status: 'ok' as const,
        db: database.kind,
        database: 'up' as const,
        version: VERSION,
        worker: cluster.worker?.id ?? 0,
      };
    },
  );

  const issuer = opts.issuer ?? (await openIssuer(config));
  const mailer = config.mail ? smtpMailer(config.mail) : undefined;
  if (mailer) app.addHook('onClose', async () => mailer.close());
  await app.register(accountsRoutes, {
    mailer,
    db: database.db,
    setupTokens,
    publicUrl: config.publicUrl,
    onNameChanged: (tx, userId, name) => reissueAfterNameChange(tx, issuer, userId, name),
  });
  await app.register(catalogRoutes, { db: database.db });
  await app.register(learningRoutes, { db: database.db });
  await app.register(mediaRoutes, { db: database.db, mediaDir: config.mediaDir });
  await app.register(offlineRoutes, { db: database.db, mediaDir: config.mediaDir });
  await app.register(uploadsRoutes, {
    db: database.db,
    mediaDir: config.mediaDir,
    maxUploadBytes: config.maxUploadBytes,
  });
  await app.register(quizzesRoutes, { db: database.db });
  await app.register(progressRoutes, { db: database.db });
  await app.register(certificatesRoutes, { db: database.db, issuer });
  await app.register(workshopsRoutes, { db: database.db, publicUrl: config.publicUrl });
  await app.register(teamsRoutes, { db: database.db });
  await app.register(planRoutes, { db: database.db, publicUrl: config.publicUrl });

  // Unknown API paths answer JSON, never the HTML site.
  app.all('/api/*', { schema: { hide: true } }, async (req, reply) => {
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `There is no API route ${req.method} ${req.url.split('?')[0]}.` } });
  });

  if (opts.web) await app.register(webPlugin, opts.web);
  return app;
}

export type RegisteredRoute = { method: string; url: string; operationId?: string };

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: readonly RegisteredRoute[];
    setupTokens: SetupTokens;
    database: Database;
  }
}

/** The rate limits' counters: Redis when REDIS_URL is set (its client closed with the app), else the database. */
async function rateLimitStore(app: FastifyInstance, config: Config, database: Database) {
  if (!config.redisUrl) return databaseRateLimitStore(database.db);
  const redis = await connectRedis(config.redisUrl, (err) =>
    app.log.warn({ err }, 'Redis (rate limits): connection problem'),
  );
  app.addHook('onClose', async () => void redis.disconnect());
  return redisRateLimitStore(redis);
}
