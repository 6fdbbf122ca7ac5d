import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { limits } from '../../http/rate-limit.ts';
import { errors } from '../../http/schemas.ts';
import { WorkshopParams } from '../workshops/workshops.schemas.ts';
import { JOIN_LIMITS } from '../workshops/workshops.routes.ts';
import * as assessments from './assessments.service.ts';
import {
  ActionParams,
  Answer,
  SaveActionBody,
  AssessmentList,
  AssessmentParams,
  AssessmentSummary,
  AssessmentView,
  CreateAssessmentBody,
  CreateTeamBody,
  FrameworkQuery,
  FrameworkView,
  JoinTeamBody,
  JoinTeamResult,
  TeamList,
  TeamParams,
  TeamView,
  WorkshopTeamsProgress,
  WorkshopTeamsQuery,
} from './teams.schemas.ts';
import * as teams from './teams.service.ts';
import { workshopTeamsProgress } from './workshop-teams.service.ts';

export type TeamsOptions = { db: Db };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const managers = ['facilitator', 'admin'] as ('facilitator' | 'admin')[];

export const teamsRoutes: FastifyPluginAsyncTypebox<TeamsOptions> = async (app, { db }) => {
  // Team codes are join codes (same alphabet and length): guessing is limited the same way.
  const joinLimits = limits(app, [
    { ...JOIN_LIMITS.perAddress, what: 'team join attempts from this network', code: 'teams.join_rate_limited' },
    {
      ...JOIN_LIMITS.perAccount,
      key: (req) => `team-join:${req.actor?.id}`,
      what: 'team join attempts from your account',
      code: 'teams.join_rate_limited',
    },
  ]);

  app.get(
    '/api/teams/framework',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getTeamFramework',
        tags: ['teams'],
        summary:
          "The self-assessment framework: the Beijing Declaration's 12 areas and 50 actions in our words, grouped as the Key Features group them",
        querystring: FrameworkQuery,
        response: { 200: FrameworkView, ...errors(400) },
      },
    },
    async (req) => assessments.frameworkView(req.query.locale ?? 'en'),
  );

  app.post(
    '/api/teams',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createTeam',
        tags: ['teams'],
        summary:
          "Form a city team: alone (I am its first member), as a workshop participant (likewise), or as the workshop's facilitator (for the room; no member yet)",
        body: CreateTeamBody,
        response: { 201: TeamView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await teams.createTeam(db, actorOf(req), req.body)),
  );

  app.get(
    '/api/teams/mine',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyTeams',
        tags: ['teams'],
        summary: 'The city teams I am a member of',
        response: { 200: TeamList, ...errors(401) },
      },
    },
    async (req) => teams.myTeams(db, actorOf(req)),
  );

  app.get(
    '/api/teams',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listTeams',
        tags: ['teams'],
        summary: "A workshop's city teams, with their codes (its facilitators)",
        querystring: WorkshopTeamsQuery,
        response: { 200: TeamList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => teams.workshopTeams(db, actorOf(req), req.query.workshopId),
  );

  app.post(
    '/api/teams/join',
    {
      config: { access: 'user' },
      preHandler: joinLimits,
      schema: {
        operationId: 'joinTeam',
        tags: ['teams'],
        summary:
          'Join a city team by its code (in a workshop: only its participants, one team each); joining twice is fine',
        body: JoinTeamBody,
        response: { 200: JoinTeamResult, 201: JoinTeamResult, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const result = await teams.joinTeam(db, actorOf(req), req.body.code);
      return reply.status(result.alreadyMember ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getTeam',
        tags: ['teams'],
        summary: "A city team: members, code and dated assessments (members, the workshop's facilitators, admins)",
        params: TeamParams,
        response: { 200: TeamView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => teams.getTeam(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/teams/:id/leave',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'leaveTeam',
        tags: ['teams'],
        summary: 'Leave a city team (what I saved stays with the team)',
        params: TeamParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await teams.leaveTeam(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/teams/:id/assessments',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createAssessment',
        tags: ['teams'],
        summary: 'Start a dated self-assessment (members); a year later, another one to compare',
        params: TeamParams,
        body: CreateAssessmentBody,
        response: { 201: AssessmentSummary, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await assessments.startAssessment(db, actorOf(req), req.params.id, req.body.assessedOn)),
  );

  app.get(
    '/api/teams/:id/assessments',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listAssessments',
        tags: ['teams'],
        summary: 'Every assessment of the team, oldest first, with answers and the average per area (side by side)',
        params: TeamParams,
        response: { 200: AssessmentList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => assessments.listAssessments(db, actorOf(req), req.params.id),
  );

  app.get(
    '/api/teams/:id/assessments/:assessmentId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getAssessment',
        tags: ['teams'],
        summary: 'One assessment: answers, who changed each field and when, the average per area',
        params: AssessmentParams,
        response: { 200: AssessmentView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => assessments.getAssessment(db, actorOf(req), req.params.id, req.params.assessmentId),
  );

  app.put(
    '/api/teams/:id/assessments/:assessmentId/actions/:actionId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateAssessmentAction',
        tags: ['teams'],
        summary: 'Save one action (members): only the fields sent change; last write wins per field',
        params: ActionParams,
        body: SaveActionBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) =>
      assessments.saveAction(db, actorOf(req), req.params.id, req.params.assessmentId, req.params.actionId, req.body),
  );

  // The workshop's city teams, for its facilitators (URLs under the workshop; here so that workshops does not import teams).
  app.get(
    '/api/workshops/:id/teams',
    {
      config: { access: managers },
      schema: {
        operationId: 'listWorkshopTeams',
        tags: ['workshops'],
        summary:
          "The workshop's city teams: each plan's progress (sections and fields filled, the last change) and each team's dated self-assessment profiles (facilitators, admins)",
        params: WorkshopParams,
        response: { 200: WorkshopTeamsProgress, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { workshop: _workshop, ...progress } = await workshopTeamsProgress(db, actorOf(req), req.params.id);
      return progress;
    },
  );

  app.get(
    '/api/workshops/:id/teams/export.xlsx',
    {
      config: { access: managers },
      schema: {
        operationId: 'exportWorkshopTeamsXlsx',
        tags: ['workshops'],
        summary:
          'The city teams for the workshop report (.xlsx): a sheet of teams (plan progress, the dates of their assessments) and a sheet of profiles, one row per team, assessment and area',
        produces: [XLSX_TYPE],
        params: WorkshopParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      // The spreadsheet library is loaded with the first export.
      const { exportTeamProfilesXlsx } = await import('./team-profiles-export.ts');
      const { filename, xlsx } = await exportTeamProfilesXlsx(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(xlsx);
    },
  );
};
