// The auth guard: verifies the signed session cookie and applies each route's declared access.
// It imports no domain: the accounts module supplies a `SessionStore` (decorated as `sessions`) that keeps one row per
// signed-in device, so signing out, a password change or a reset ends a session even though the cookie is still valid.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// The augmentations below need these modules' types, also where the app (which registers them) is not compiled: the web.
import type {} from '@fastify/cookie';
import type {} from '@fastify/jwt';
import { SESSION_COOKIE, USER_ID_COOKIE } from './cookie-names.ts';
import { AppError, Forbidden, Unauthorized } from './errors.ts';

export { SESSION_COOKIE, USER_ID_COOKIE };
export const SESSION_DAYS = 30;

export type Role = 'learner' | 'facilitator' | 'admin';
export type Actor = { id: string; role: Role; locale: string };
/** Every route says who may call it: 'public' (anyone), 'optional' (anyone; actor set when signed in), or the roles allowed. */
export type Access = 'public' | 'optional' | 'user' | Role[];

export type SessionStore = {
  /** A new session row for this person; its id goes into the cookie. */
  start: (userId: string, expiresAt: Date) => Promise<string>;
  /** The person, when that session exists, belongs to them and has not expired (one query); otherwise null. */
  resolve: (userId: string, sessionId: string) => Promise<Actor | null>;
  end: (sessionId: string) => Promise<void>;
};

const SESSION_MS = SESSION_DAYS * 86_400_000;

/**
 * One page render: the site's server code calls the API in-process several times with the same cookie (who is
 * signed in, then the page's data), and each call would check the session again. Within a render the first check
 * is reused until a call that may change things (anything but GET/HEAD) has run. Only the site's handler opens a
 * scope (`inPageRender`), so a request from outside never reuses anything.
 */
type Claims = { sub?: unknown; sid?: unknown };
type RenderScope = { sessions: Map<string, Promise<Actor | null>>; tokens: Map<string, Claims | undefined> };
const pageRender = new AsyncLocalStorage<RenderScope>();
export const inPageRender = <T>(render: () => Promise<T>): Promise<T> =>
  pageRender.run({ sessions: new Map(), tokens: new Map() }, render);
/** Whether this code runs for an API call a page render makes in-process (whose answer never reaches a browser). */
export const isInPageRender = () => pageRender.getStore() !== undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A token missing any of these is refused: no `exp` would mean valid forever; no `sid`, not tied to a session row. */
const REQUIRED_CLAIMS = ['sub', 'sid', 'iat', 'exp'];
/** How the session cookie's token is checked, given to @fastify/jwt when it is registered (app.ts). */
export const JWT_VERIFY_OPTIONS = { onlyCookie: true, requiredClaims: REQUIRED_CLAIMS, maxAge: SESSION_MS };
const uuidOrNull = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : null);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Check access before the body is read (large uploads: nobody may stream a file in before being refused). */
    accessBeforeBody?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session the cookie names, once the guard has verified it. */
    sessionId: string | null;
  }
  interface FastifyInstance {
    sessions: SessionStore;
    /** Starts a session for this person (a new row) and sets its cookie. */
    setSession: (reply: FastifyReply, userId: string) => Promise<void>;
    /** Ends the request's session, if any, and clears the cookie. */
    endSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    clearSession: (reply: FastifyReply) => void;
  }
}
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; sid: string };
    user: { sub: string; sid: string };
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

const SESSION_SECONDS = SESSION_DAYS * 24 * 3600;

/** The id cookie (USER_ID_COOKIE): as the session's, but readable by the page scripts; it lives as long. */
export function userIdCookieOptions(secure: boolean) {
  return { ...cookieOptions(secure), httpOnly: false, maxAge: SESSION_SECONDS };
}

export function registerAuthGuard(app: FastifyInstance, opts: { secureCookies: boolean; publicUrl: string }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorate('setSession', async (reply: FastifyReply, userId: string) => {
    const sid = await app.sessions.start(userId, new Date(Date.now() + SESSION_MS));
    const token = await reply.jwtSign({ sub: userId, sid }, { expiresIn: `${SESSION_DAYS}d` });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(opts.secureCookies), maxAge: SESSION_SECONDS });
    reply.setCookie(USER_ID_COOKIE, userId, userIdCookieOptions(opts.secureCookies));
  });
  app.decorate('clearSession', (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(opts.secureCookies));
    reply.clearCookie(USER_ID_COOKIE, userIdCookieOptions(opts.secureCookies));
  });
  app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.sessionId) await app.sessions.end(request.sessionId);
    app.clearSession(reply);
  });

  const publicOrigin = new URL(opts.publicUrl).origin;
  // State-changing requests from another site are refused (the SameSite cookie is the first line, this the second).
  app.addHook('onRequest', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const sameHost = origin && (origin === publicOrigin || hostOf(origin) === request.headers.host);
    if ((origin && !sameHost) || site === 'cross-site') {
      throw new AppError(
        403,
        'request.cross_origin',
        'This request came from another website and was refused. Use the Learning Cities Academy site itself.',
      );
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

  function resolveSession(request: FastifyRequest, userId: string, sessionId: string): Promise<Actor | null> {
    const checked = pageRender.getStore()?.sessions;
    if (!checked) return app.sessions.resolve(userId, sessionId);
    const key = `${userId} ${sessionId}`;
    let actor = checked.get(key);
    if (!actor) {
      actor = app.sessions.resolve(userId, sessionId);
      checked.set(key, actor);
      actor.catch(() => checked.delete(key));
    }
    // A write may end or change sessions (signing out, deleting an account): calls after it check again.
    if (!['GET', 'HEAD'].includes(request.method)) checked.clear();
    return actor;
  }

  async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) {
      if (access === 'optional') return;
      throw Unauthorized();
    }
    // A page render's API calls carry the same cookie: its token is verified once per render.
    const verified = pageRender.getStore()?.tokens;
    let claims = verified?.get(token);
    if (!verified?.has(token)) {
      try {
        // No options here: @fastify/jwt builds a new verifier for every call given options (about 0.3 ms of CPU each,
        // several times per page); the registered ones (JWT_VERIFY_OPTIONS) use the one it built at start.
        claims = await request.jwtVerify<Claims>();
      } catch {
        claims = undefined;
      }
      verified?.set(token, claims);
    }
    // Ids are checked here so a signed but malformed token is a 401, not a database error.
    const userId = uuidOrNull(claims?.sub);
    const sessionId = uuidOrNull(claims?.sid);
    const actor = userId && sessionId ? await resolveSession(request, userId, sessionId) : null;
    if (!actor) {
      app.clearSession(reply);
      if (access === 'optional') return;
      throw Unauthorized('Your session has expired or is not valid. Please sign in again.', 'auth.session_invalid');
    }
    request.actor = actor;
    request.sessionId = sessionId;
    if (Array.isArray(access) && !access.includes(actor.role)) throw Forbidden();
  }
}

/** The signed-in person on a route whose access is not public (the guard has already checked). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw Unauthorized();
  return request.actor;
}
