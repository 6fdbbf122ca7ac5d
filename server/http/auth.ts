// The auth guard: verifies the signed session cookie and applies each route's declared access.
// It imports no domain: the accounts module supplies `resolveActor` to turn a verified id into a person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Forbidden, Unauthorized } from './errors.ts';

export const SESSION_COOKIE = 'lca_session';
export const SESSION_DAYS = 30;

export type Role = 'learner' | 'facilitator' | 'admin';
export type Actor = { id: string; role: Role; locale: string };
/** Every route says who may call it: 'public' (anyone), 'optional' (anyone; actor set when signed in), or the roles allowed. */
export type Access = 'public' | 'optional' | 'user' | Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Check access before the body is read (large uploads: nobody may stream a file in before being refused). */
    accessBeforeBody?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    resolveActor: (userId: string) => Promise<Actor | null>;
    setSession: (reply: FastifyReply, userId: string) => Promise<void>;
    clearSession: (reply: FastifyReply) => void;
  }
}
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

function hostOf(origin: string) {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // "null" (opaque origins) and garbage are never same-origin
  }
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export function registerAuthGuard(app: FastifyInstance, opts: { secureCookies: boolean; publicUrl: string }) {
  app.decorateRequest('actor', null);
  app.decorate('setSession', async (reply: FastifyReply, userId: string) => {
    const token = await reply.jwtSign({ sub: userId }, { expiresIn: `${SESSION_DAYS}d` });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(opts.secureCookies), maxAge: SESSION_DAYS * 24 * 3600 });
  });
  app.decorate('clearSession', (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(opts.secureCookies));
  });

  const publicOrigin = new URL(opts.publicUrl).origin;
  // State-changing requests from another site are refused (the SameSite cookie is the first line, this the second).
  app.addHook('onRequest', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const sameHost = origin && (origin === publicOrigin || hostOf(origin) === request.headers.host);
    if ((origin && !sameHost) || site === 'cross-site') {
      throw new AppError(403, 'request.cross_origin', 'This request came from another website and was refused. Use the Learning Cities Academy site itself.');
    }
  });

  app.addHook('onRoute', (route) => {
    // Swagger UI's own routes (/api/docs) are public by nature.
    if (!route.url.startsWith('/api') || route.url === '/api/*' || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} must declare config.access`);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.accessBeforeBody) await checkAccess(request, reply);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.accessBeforeBody) await checkAccess(request, reply);
  });

  async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) {
      if (access === 'optional') return;
      throw Unauthorized();
    }
    let userId: string | undefined;
    try {
      userId = (await request.jwtVerify<{ sub: string }>({ onlyCookie: true })).sub;
    } catch {
      userId = undefined;
    }
    const actor = userId ? await app.resolveActor(userId) : null;
    if (!actor) {
      app.clearSession(reply);
      if (access === 'optional') return;
      throw Unauthorized('Your session has expired or is not valid. Please sign in again.', 'auth.session_invalid');
    }
    request.actor = actor;
    if (Array.isArray(access) && !access.includes(actor.role)) throw Forbidden();
  }
}

/** The signed-in person on a route whose access is not public (the guard has already checked). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw Unauthorized();
  return request.actor;
}
