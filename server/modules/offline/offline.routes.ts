import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { errors } from '../../http/schemas.ts';
import { LocaleQuery, ModuleParams } from '../catalog/catalog.schemas.ts';
import { OfflinePackage } from './offline.schemas.ts';
import { offlinePackage } from './offline.service.ts';

export const offlineRoutes: FastifyPluginAsyncTypebox<{ db: Db; mediaDir: string }> = async (app, { db, mediaDir }) => {
  app.get(
    '/api/modules/:moduleId/offline',
    {
      config: { access: 'optional' },
      schema: {
        operationId: 'getOfflinePackage',
        tags: ['offline'],
        summary: 'What to store on a device to use a module offline, with sizes (never an answer key)',
        params: ModuleParams,
        querystring: LocaleQuery,
        response: { 200: OfflinePackage, ...errors(400, 404) },
      },
    },
    async (req) => offlinePackage(db, mediaDir, req.actor, req.params.moduleId, req.query.locale),
  );
};
