import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import { CourseDetail, CourseList, CourseParams, EnrolResult, LessonDetail, LessonParams, LocaleQuery, ModuleDetail, ModuleParams } from './catalog.schemas.ts';
import * as catalog from './catalog.service.ts';

export const catalogRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/api/courses', {
    config: { access: 'public' },
    schema: { tags: ['catalog'], summary: 'Courses', querystring: LocaleQuery, response: { 200: CourseList, ...errors(400) } },
  }, async (req) => catalog.listCourses(db, req.query.locale));

  app.get('/api/courses/:courseId', {
    config: { access: 'optional' },
    schema: { tags: ['catalog'], summary: 'A course with its modules and lessons', params: CourseParams, querystring: LocaleQuery, response: { 200: CourseDetail, ...errors(400, 404) } },
  }, async (req) => catalog.getCourse(db, req.actor, req.params.courseId, req.query.locale));

  app.get('/api/modules/:moduleId', {
    config: { access: 'public' },
    schema: { tags: ['catalog'], summary: 'A module: objectives, lessons, activity, tutorial script', params: ModuleParams, querystring: LocaleQuery, response: { 200: ModuleDetail, ...errors(400, 404) } },
  }, async (req) => catalog.getModule(db, req.params.moduleId, req.query.locale));

  app.get('/api/lessons/:lessonId', {
    config: { access: 'optional' },
    schema: { tags: ['catalog'], summary: 'A lesson as sanitised HTML with its metadata (enrols a signed-in learner)', params: LessonParams, querystring: LocaleQuery, response: { 200: LessonDetail, ...errors(400, 404) } },
  }, async (req) => catalog.getLesson(db, req.actor, req.params.lessonId, req.query.locale));

  app.post('/api/courses/:courseId/enrol', {
    config: { access: 'user' },
    schema: { tags: ['enrolment'], summary: 'Enrol in a course (idempotent)', params: CourseParams, response: { 200: EnrolResult, ...errors(401, 404) } },
  }, async (req) => catalog.enrolInCourse(db, actorOf(req), req.params.courseId));
};
