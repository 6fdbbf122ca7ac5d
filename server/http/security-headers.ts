// Security headers (helmet) on every answer that leaves the process: the middleware is built once from the options
// (@fastify/helmet built a new one, parsing the CSP directives again, for every request). The API calls a page render
// makes in-process skip them: those answers never reach a browser, only their data does.
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import { isInPageRender } from './auth.ts';

export type ApplySecurityHeaders = ReturnType<typeof helmet>;

export function registerSecurityHeaders(app: FastifyInstance, apply: ApplySecurityHeaders) {
  app.addHook('onRequest', (request, reply, done) => {
    if (isInPageRender()) return done();
    apply(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
