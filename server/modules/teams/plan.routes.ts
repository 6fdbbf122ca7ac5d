// Routes of the action plan: /api/teams/:id/plan... (members read and write; the workshop's facilitators read and
// comment) and /api/shared-plans/:token... (anyone with a share link reads).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import {
  CommentBody,
  DocumentQuery,
  PlanComment,
  PlanParams,
  PlanQuery,
  PlanView,
  SavePlanBody,
  SavePlanResult,
  SectionParams,
  ShareCreated,
  ShareList,
  ShareParams,
  TokenParams,
} from './plan.schemas.ts';
import * as plan from './plan.service.ts';

export type PlanRoutesOptions = { db: Db; publicUrl: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Binary = (type: string) => Type.Unknown({ description: type });

async function sendDocument(reply: FastifyReply, data: plan.PlanDocumentData, kind: 'pdf' | 'docx') {
  // The document libraries (Typst, docx) are loaded with the first document.
  const { documentContent, documentFileName, renderPlanDocx, renderPlanPdf } = await import('./plan-document.ts');
  const today = new Date().toISOString().slice(0, 10);
  const content = documentContent(data, today);
  const body = kind === 'pdf' ? await renderPlanPdf(content) : await renderPlanDocx(content);
  const name = documentFileName(data.team.city, today, kind);
  const utf8Name = `${content.title.replace(/[\\/:*?"<>|]+/g, ' ')}.${kind}`;
  return reply
    .type(kind === 'pdf' ? 'application/pdf' : DOCX)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`)
    .send(body);
}

export const planRoutes: FastifyPluginAsyncTypebox<PlanRoutesOptions> = async (app, { db, publicUrl }) => {
  app.get(
    '/api/teams/:id/plan',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getTeamPlan',
        tags: ['teams'],
        summary:
          "The team's action plan: each section's fields, who last changed each and when, comments (members, the workshop's facilitators)",
        params: PlanParams,
        querystring: PlanQuery,
        response: { 200: PlanView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => plan.getPlan(db, actorOf(req), req.params.id, req.query.locale),
  );

  app.put(
    '/api/teams/:id/plan',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateTeamPlan',
        tags: ['teams'],
        summary:
          'Save fields of the plan (members): only the fields sent change, last write wins per field, all or none',
        params: PlanParams,
        body: SavePlanBody,
        response: { 200: SavePlanResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => plan.savePlan(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/teams/:id/plan/sections/:sectionId/comments',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'addPlanComment',
        tags: ['teams'],
        summary: "Comment on a section of the plan (members, the workshop's facilitators)",
        params: SectionParams,
        body: CommentBody,
        response: { 201: PlanComment, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await plan.addComment(db, actorOf(req), req.params.id, req.params.sectionId, req.body.body)),
  );

  app.get(
    '/api/teams/:id/plan/document.pdf',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getTeamPlanPdf',
        tags: ['teams'],
        summary:
          '"Learning City Action Plan — <city>, <date>" as a PDF, in the team\'s language (members, the workshop\'s facilitators)',
        params: PlanParams,
        querystring: DocumentQuery,
        response: { 200: Binary('application/pdf'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      sendDocument(reply, await plan.planDocumentData(db, actorOf(req), req.params.id, req.query.locale), 'pdf'),
  );

  app.get(
    '/api/teams/:id/plan/document.docx',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getTeamPlanDocx',
        tags: ['teams'],
        summary: 'The plan as an editable Word document (.docx)',
        params: PlanParams,
        querystring: DocumentQuery,
        response: { 200: Binary(DOCX), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      sendDocument(reply, await plan.planDocumentData(db, actorOf(req), req.params.id, req.query.locale), 'docx'),
  );

  app.get(
    '/api/teams/:id/plan/shares',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listPlanShares',
        tags: ['teams'],
        summary: "The plan's read-only share links (members)",
        params: PlanParams,
        response: { 200: ShareList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => plan.listShares(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/teams/:id/plan/shares',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createPlanShare',
        tags: ['teams'],
        summary: 'Make a read-only share link for people without an account (members); the link is shown once',
        params: PlanParams,
        response: { 201: ShareCreated, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await plan.createShare(db, actorOf(req), req.params.id, publicUrl)),
  );

  app.delete(
    '/api/teams/:id/plan/shares/:shareId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'revokePlanShare',
        tags: ['teams'],
        summary: 'Revoke a share link (members): it stops working at once',
        params: ShareParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await plan.revokeShare(db, actorOf(req), req.params.id, req.params.shareId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/shared-plans/:token',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSharedPlan',
        tags: ['teams'],
        summary: 'A plan through its share link (anyone with the link; read only, no comments)',
        params: TokenParams,
        querystring: PlanQuery,
        response: { 200: PlanView, ...errors(400, 404) },
      },
    },
    async (req) => plan.sharedPlan(db, req.params.token, req.query.locale),
  );

  app.get(
    '/api/shared-plans/:token/document.pdf',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSharedPlanPdf',
        tags: ['teams'],
        summary: 'The shared plan as a PDF',
        params: TokenParams,
        querystring: DocumentQuery,
        response: { 200: Binary('application/pdf'), ...errors(400, 404) },
      },
    },
    async (req, reply) =>
      sendDocument(reply, await plan.sharedPlanDocumentData(db, req.params.token, req.query.locale), 'pdf'),
  );

  app.get(
    '/api/shared-plans/:token/document.docx',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSharedPlanDocx',
        tags: ['teams'],
        summary: 'The shared plan as a .docx',
        params: TokenParams,
        querystring: DocumentQuery,
        response: { 200: Binary(DOCX), ...errors(400, 404) },
      },
    },
    async (req, reply) =>
      sendDocument(reply, await plan.sharedPlanDocumentData(db, req.params.token, req.query.locale), 'docx'),
  );
};
