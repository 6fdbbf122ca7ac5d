import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import { EventsBody, EventsResult } from './progress.schemas.ts';
import * as progress from './progress.service.ts';

export const progressRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/api/progress/events',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'recordProgressEvents',
        tags: ['progress'],
        summary: 'Record a batch of progress events (up to 500; idempotent, any order)',
        body: EventsBody,
        response: { 200: EventsResult, ...errors(400, 401, 409, 413) },
      },
    },
    async (req) => progress.recordEvents(db, actorOf(req), req.body.events),
  );
};
