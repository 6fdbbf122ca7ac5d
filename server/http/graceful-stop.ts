// Stopping without failing people mid-page (SIGTERM: a deploy, or the cluster replacing a worker). Fastify's own
// close lets requests in flight finish, but it refuses in-process calls at once, and a page render is several of them
// (web/src/lib/server/api.ts), so a page begun just before the stop would end as a 500. So the stop first drains:
// it stops accepting connections, requests that still arrive on open ones are told to come back (503, Retry-After,
// the connection closed so the client reconnects, to another worker when there is one), the requests in hand finish
// with their in-process calls, and only then Fastify closes.
import type { FastifyInstance } from 'fastify';
import { isInPageRender } from './auth.ts';
import { unavailable } from './overload.ts';

export const RESTARTING = {
  code: 'server.restarting',
  message: 'The server is restarting. Please try again in a few seconds.',
};

type Drain = { inFlight: number; draining: boolean; settled?: () => void };
const drains = new WeakMap<FastifyInstance, Drain>();

/** Counts the requests in hand and refuses new ones once a stop has begun. The first onRequest hook of the app. */
export function registerGracefulStop(app: FastifyInstance) {
  const drain: Drain = { inFlight: 0, draining: false };
  drains.set(app, drain);
  app.addHook('onRequest', (request, reply, done) => {
    if (isInPageRender()) return done(); // part of a request already counted
    if (drain.draining) {
      reply.header('connection', 'close');
      return reply.send(unavailable(request, reply, 1, RESTARTING));
    }
    drain.inFlight++;
    reply.raw.once('close', () => {
      drain.inFlight--;
      if (drain.inFlight === 0) drain.settled?.();
    });
    done();
  });
}

/** Drains (at most `drainMs`), ends the connections still open, then closes the app. */
export async function stopGracefully(app: FastifyInstance, opts: { drainMs: number }) {
  const drain = drains.get(app);
  if (drain && !drain.draining) {
    drain.draining = true;
    // No new connections (in a cluster worker: the primary hands them to the other workers); idle kept-alive ones
    // are closed. Fastify's close below closes the server again, which it allows.
    if (app.server.listening) app.server.close();
    if (drain.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        drain.settled = resolve;
        timer = setTimeout(resolve, opts.drainMs);
      });
      clearTimeout(timer);
    }
    // What is still open now never finishes by itself (a video the player stopped reading, a request left after
    // the drain's time): Fastify's close would wait for those connections for ever.
    app.server.closeAllConnections();
  }
  await app.close();
}
