import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { errors } from '../../http/schemas.ts';
import { CourseList, LocaleQuery, ModuleDetail, ModuleParams } from './catalog.schemas.ts';
import * as catalog from './catalog.service.ts';

export const catalogRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/courses',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCourses',
        tags: ['catalog'],
        summary: 'Courses',
        querystring: LocaleQuery,
        response: { 200: CourseList, ...errors(400) },
      },
    },
    async (req) => catalog.listCourses(db, req.query.locale),
  );

  app.get(
    '/api/modules/:moduleId',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getModule',
        tags: ['catalog'],
        summary: 'A module: objectives, lessons, activity, tutorial script',
        params: ModuleParams,
        querystring: LocaleQuery,
        response: { 200: ModuleDetail, ...errors(400, 404) },
      },
    },
    async (req) => catalog.getModule(db, req.params.moduleId, req.query.locale),
  );
};
