import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import {
  AnswersBody,
  Attempt,
  AttemptParams,
  LocaleQuery,
  MyQuizAttempts,
  OpenAttempt,
  QuizParams,
  SavedAnswers,
  SubmitBody,
  SubmittedAttempt,
} from './quizzes.schemas.ts';
import * as quizzes from './quizzes.service.ts';

export const quizzesRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const banks = quizzes.newQuizBanks();
  app.post(
    '/api/quizzes/:quizId/attempts',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'openAttempt',
        tags: ['quizzes'],
        summary: 'Start an attempt (or continue the open one): questions drawn and recorded, without keys',
        params: QuizParams,
        querystring: LocaleQuery,
        response: { 200: OpenAttempt, 201: OpenAttempt, ...errors(400, 401, 404, 409) },
      },
    },
    async (req, reply) => {
      const { created, attempt } = await quizzes.startAttempt(
        db,
        banks,
        actorOf(req),
        req.params.quizId,
        req.query.locale,
      );
      return reply.status(created ? 201 : 200).send(attempt);
    },
  );

  app.get(
    '/api/quizzes/:quizId/attempts',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listAttempts',
        tags: ['quizzes'],
        summary: 'My attempts at a quiz, best score and attempts left',
        params: QuizParams,
        response: { 200: MyQuizAttempts, ...errors(401, 404) },
      },
    },
    async (req) => quizzes.myAttempts(db, actorOf(req), req.params.quizId),
  );

  app.get(
    '/api/attempts/:attemptId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getAttempt',
        tags: ['quizzes'],
        summary: 'An attempt: questions and saved answers while open; the graded result once submitted',
        params: AttemptParams,
        querystring: LocaleQuery,
        response: { 200: Attempt, ...errors(400, 401, 404) },
      },
    },
    async (req) => quizzes.getAttempt(db, actorOf(req), req.params.attemptId, req.query.locale),
  );

  app.put(
    '/api/attempts/:attemptId/answers',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'saveAnswers',
        tags: ['quizzes'],
        summary: 'Save answers so far (idempotent)',
        params: AttemptParams,
        body: AnswersBody,
        response: { 200: SavedAnswers, ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => quizzes.saveAnswers(db, actorOf(req), req.params.attemptId, req.body.answers),
  );

  app.post(
    '/api/attempts/:attemptId/submit',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'submitAttempt',
        tags: ['quizzes'],
        summary: 'Submit and grade on the server; repeating returns the first result',
        params: AttemptParams,
        querystring: LocaleQuery,
        body: SubmitBody,
        response: { 200: SubmittedAttempt, ...errors(400, 401, 404) },
      },
    },
    async (req) => quizzes.submitAttempt(db, actorOf(req), req.params.attemptId, req.body?.answers, req.query.locale),
  );
};
