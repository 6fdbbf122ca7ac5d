// The learning read model's routes: the course page and the lesson as one reader sees them, and enrolling.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import {
  CourseDetail,
  CourseParams,
  EnrolResult,
  LessonDetail,
  LessonParams,
  LocaleQuery,
} from '../catalog/catalog.schemas.ts';
import { etagMatches, LessonPayloads } from '../catalog/lesson-payloads.ts';
import * as learning from './learning.service.ts';

export const learningRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const lessonPayloads = new LessonPayloads();

  app.get(
    '/api/courses/:courseId',
    {
      config: { access: 'optional' },
      schema: {
        operationId: 'getCourse',
        tags: ['catalog'],
        summary: 'A course with its modules and lessons',
        params: CourseParams,
        querystring: LocaleQuery,
        response: { 200: CourseDetail, ...errors(400, 404) },
      },
    },
    async (req) => learning.courseForLearner(db, req.actor, req.params.courseId, req.query.locale),
  );

  app.get(
    '/api/lessons/:lessonId',
    {
      config: { access: 'optional' },
      schema: {
        operationId: 'getLesson',
        tags: ['catalog'],
        summary: 'A lesson as sanitised HTML with its metadata (enrols a signed-in learner)',
        params: LessonParams,
        querystring: LocaleQuery,
        response: {
          200: LessonDetail,
          304: Type.Null({ description: 'Not modified: the If-None-Match ETag is current' }),
          ...errors(400, 404),
        },
      },
    },
    async (req, reply) => {
      const lesson = await learning.readLesson(db, lessonPayloads, req.actor, req.params.lessonId, req.query.locale);
      // The status inside is the person's: caches may keep it for them only, and must ask again each time (a 304 is cheap).
      reply.header('etag', lesson.etag).header('cache-control', 'private, no-cache').header('vary', 'cookie');
      if (etagMatches(req.headers['if-none-match'], lesson.etag)) return reply.code(304).send(null);
      // Already JSON (the shared part is serialised once per content version): sent as it is.
      return reply.type('application/json; charset=utf-8').send(lesson.body as never);
    },
  );

  app.post(
    '/api/courses/:courseId/enrol',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'enrolInCourse',
        tags: ['enrolment'],
        summary: 'Enrol in a course (idempotent)',
        params: CourseParams,
        response: { 200: EnrolResult, ...errors(401, 404) },
      },
    },
    async (req) => learning.enrolInCourse(db, actorOf(req), req.params.courseId),
  );
};
