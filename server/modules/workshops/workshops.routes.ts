import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { limits } from '../../http/rate-limit.ts';
import { errors } from '../../http/schemas.ts';
import * as assignments from './assignments.service.ts';
import * as dashboards from './dashboard.service.ts';
import * as invitations from './invitations.service.ts';
import * as joining from './joining.service.ts';
import { csvRefused, decodeUtf8 } from './participants-csv.ts';
import * as participants from './participants.service.ts';
import {
  AddFacilitatorBody,
  Assignment,
  AssignmentBody,
  ImportJsonBody,
  ImportResult,
  ParticipantList,
  ParticipantParams,
  SlipResult,
  AssignmentParams,
  CreateWorkshopBody,
  Dashboard,
  DashboardQuery,
  FacilitatorList,
  FacilitatorParams,
  InvitationAccepted,
  InvitationList,
  InvitationParams,
  JoinBody,
  JoinPreviewQuery,
  JoinPreviewSchema,
  JoinResult,
  ListQuery,
  ManagedWorkshop,
  MyWorkshops,
  UpdateAssignmentBody,
  UpdateWorkshopBody,
  WorkshopList,
  WorkshopParams,
  WorkshopView,
} from './workshops.schemas.ts';
import * as workshops from './workshops.service.ts';

/** The exports (CSV, spreadsheets) and their libraries, loaded with the first export. */
const loadExports = () => import('./exports.service.ts');

export type WorkshopsOptions = { db: Db; publicUrl: string };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const managers = ['facilitator', 'admin'] as ('facilitator' | 'admin')[];

/**
 * Join codes are 8 characters from 31 (31^8 ≈ 8.5 × 10^11 codes). Guessing is limited per account and per address:
 * a whole workshop room may share one address, so that limit is generous; one account cannot try more than 20 an hour.
 */
export const JOIN_LIMITS = {
  perAccount: { max: 20, timeWindow: '1 hour' },
  perAddress: { max: 300, timeWindow: '15 minutes' },
};

export const workshopsRoutes: FastifyPluginAsyncTypebox<WorkshopsOptions> = async (app, { db, publicUrl }) => {
  const urls = { publicUrl };
  const joinLimits = limits(app, [
    { ...JOIN_LIMITS.perAddress, what: 'join attempts from this network', code: 'workshops.join_rate_limited' },
    {
      ...JOIN_LIMITS.perAccount,
      key: (req) => `workshop-join:${req.actor?.id}`,
      what: 'join attempts from your account',
      code: 'workshops.join_rate_limited',
    },
  ]);

  app.post(
    '/api/workshops',
    {
      config: { access: managers },
      schema: {
        operationId: 'createWorkshop',
        tags: ['workshops'],
        summary: 'Create a workshop; it gets a join code',
        body: CreateWorkshopBody,
        response: { 201: ManagedWorkshop, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await workshops.createWorkshop(db, actorOf(req), req.body, urls)),
  );

  app.get(
    '/api/workshops',
    {
      config: { access: managers },
      schema: {
        operationId: 'listWorkshops',
        tags: ['workshops'],
        summary: 'Workshops I manage (admins: all)',
        querystring: ListQuery,
        response: { 200: WorkshopList, ...errors(400, 401, 403) },
      },
    },
    async (req) => workshops.listManaged(db, actorOf(req), req.query.archived),
  );

  app.get(
    '/api/workshops/mine',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyWorkshops',
        tags: ['workshops'],
        summary: 'Workshops I facilitate and workshops I take part in',
        response: { 200: MyWorkshops, ...errors(401) },
      },
    },
    async (req) => ({
      ...(await workshops.myWorkshops(db, actorOf(req))),
      invitations: await invitations.myInvitations(db, actorOf(req)),
    }),
  );

  app.get(
    '/api/workshop-invitations',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listWorkshopInvitations',
        tags: ['workshops'],
        summary: 'Invitations to workshops waiting for my answer (a facilitator listed my email)',
        response: { 200: InvitationList, ...errors(401) },
      },
    },
    async (req) => ({ items: await invitations.myInvitations(db, actorOf(req)) }),
  );

  app.post(
    '/api/workshop-invitations/:workshopId/accept',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'acceptWorkshopInvitation',
        tags: ['workshops'],
        summary: 'Accept my invitation: I become a participant (the facilitators then see my progress)',
        params: InvitationParams,
        response: { 200: InvitationAccepted, ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => invitations.acceptInvitation(db, actorOf(req), req.params.workshopId),
  );

  app.post(
    '/api/workshop-invitations/:workshopId/decline',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'declineWorkshopInvitation',
        tags: ['workshops'],
        summary: 'Decline my invitation: it disappears and I am not a participant',
        params: InvitationParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await invitations.declineInvitation(db, actorOf(req), req.params.workshopId);
      return reply.status(204).send(null);
    },
  );

  const previewLimits = limits(app, [
    { ...JOIN_LIMITS.perAddress, what: 'join code look-ups from this network', code: 'workshops.join_rate_limited' },
  ]);
  app.get(
    '/api/workshops/join-preview',
    {
      // Public: the join page names the workshop before the person signs up; guessing codes is limited per address.
      config: { access: 'public' },
      preHandler: previewLimits,
      schema: {
        operationId: 'previewWorkshopJoin',
        tags: ['workshops'],
        summary:
          'What a join code leads to (title, city, dates, facilitators, whether joining is open), before joining',
        querystring: JoinPreviewQuery,
        response: { 200: JoinPreviewSchema, ...errors(400, 404, 410, 429) },
      },
    },
    async (req) => joining.joinPreview(db, req.query.code),
  );

  app.post(
    '/api/workshops/join',
    {
      config: { access: 'user' },
      preHandler: joinLimits,
      schema: {
        operationId: 'joinWorkshop',
        tags: ['workshops'],
        summary: 'Join a workshop by its code (joining twice is fine)',
        body: JoinBody,
        response: { 200: JoinResult, 201: JoinResult, ...errors(400, 401, 404, 409, 410, 429) },
      },
    },
    async (req, reply) => {
      const result = await joining.join(db, actorOf(req), req.body.code);
      return reply.status(result.alreadyJoined ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/workshops/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getWorkshop',
        tags: ['workshops'],
        summary: "A workshop: the facilitators' view, or a participant's (their own status only)",
        params: WorkshopParams,
        response: { 200: WorkshopView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => workshops.getWorkshop(db, actorOf(req), req.params.id, urls),
  );

  app.patch(
    '/api/workshops/:id',
    {
      config: { access: managers },
      schema: {
        operationId: 'updateWorkshop',
        tags: ['workshops'],
        summary: 'Edit a workshop; joinOpen closes or opens joining',
        params: WorkshopParams,
        body: UpdateWorkshopBody,
        response: { 200: ManagedWorkshop, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => workshops.updateWorkshop(db, actorOf(req), req.params.id, req.body, urls),
  );

  app.post(
    '/api/workshops/:id/archive',
    {
      config: { access: managers },
      schema: {
        operationId: 'archiveWorkshop',
        tags: ['workshops'],
        summary: 'Archive a workshop (owner): its code stops working, its data stays',
        params: WorkshopParams,
        response: { 200: ManagedWorkshop, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => workshops.archiveWorkshop(db, actorOf(req), req.params.id, urls),
  );

  app.post(
    '/api/workshops/:id/join-code',
    {
      config: { access: managers },
      schema: {
        operationId: 'renewWorkshopJoinCode',
        tags: ['workshops'],
        summary: 'Replace the join code with a new one (the old one stops working) and open joining',
        params: WorkshopParams,
        response: { 200: ManagedWorkshop, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => workshops.regenerateJoinCode(db, actorOf(req), req.params.id, urls),
  );

  app.post(
    '/api/workshops/:id/leave',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'leaveWorkshop',
        tags: ['workshops'],
        summary: 'Leave a workshop (my progress stays mine)',
        params: WorkshopParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await joining.leave(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // A CSV file can be posted as it is (text/csv); it is checked to be UTF-8 here and read as { csv } like the JSON form.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => {
    const decoded = decodeUtf8(body as Buffer);
    if ('problems' in decoded) done(csvRefused(decoded.problems), undefined);
    else done(null, { csv: decoded.text });
  });

  app.get(
    '/api/workshops/:id/participants',
    {
      config: { access: managers },
      schema: {
        operationId: 'listParticipants',
        tags: ['workshops'],
        summary: 'Current participants, by name',
        params: WorkshopParams,
        response: { 200: ParticipantList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => participants.listParticipants(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/workshops/:id/participants/import',
    {
      config: { access: managers },
      schema: {
        operationId: 'importParticipants',
        tags: ['workshops'],
        summary:
          'Add participants from a CSV (name; optional email, username, locale): all or nothing; new accounts get one-time sign-in codes, shown only in this response',
        consumes: ['application/json', 'text/csv'],
        params: WorkshopParams,
        body: ImportJsonBody,
        response: { 201: ImportResult, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await participants.importParticipants(db, actorOf(req), req.params.id, req.body.csv, urls)),
  );

  app.post(
    '/api/workshops/:id/participants/:userId/sign-in-code',
    {
      config: { access: managers },
      schema: {
        operationId: 'createParticipantSignInCode',
        tags: ['workshops'],
        summary: 'A new one-time sign-in code for a participant who lost theirs (the old one stops working)',
        params: ParticipantParams,
        response: { 201: SlipResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await participants.reissueCode(db, actorOf(req), req.params.id, req.params.userId, urls)),
  );

  app.delete(
    '/api/workshops/:id/participants/:userId',
    {
      config: { access: managers },
      schema: {
        operationId: 'removeParticipant',
        tags: ['workshops'],
        summary: 'Remove a participant: off the dashboard and future exports; their own progress stays theirs',
        params: ParticipantParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await joining.removeParticipant(db, actorOf(req), req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/workshops/:id/facilitators',
    {
      config: { access: managers },
      schema: {
        operationId: 'addFacilitator',
        tags: ['workshops'],
        summary: 'Add a co-facilitator by email (owner)',
        params: WorkshopParams,
        body: AddFacilitatorBody,
        response: { 200: FacilitatorList, 201: FacilitatorList, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { added, ...list } = await workshops.addCoFacilitator(db, actorOf(req), req.params.id, req.body.email);
      return reply.status(added ? 201 : 200).send(list);
    },
  );

  app.delete(
    '/api/workshops/:id/facilitators/:userId',
    {
      config: { access: managers },
      schema: {
        operationId: 'removeFacilitator',
        tags: ['workshops'],
        summary: 'Remove a co-facilitator (owner)',
        params: FacilitatorParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await workshops.removeCoFacilitator(db, actorOf(req), req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/workshops/:id/assignments',
    {
      config: { access: managers },
      schema: {
        operationId: 'createAssignment',
        tags: ['workshops'],
        summary: "Assign a module with a due date and time in the workshop's time zone",
        params: WorkshopParams,
        body: AssignmentBody,
        response: { 201: Assignment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await assignments.addAssignment(db, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/workshops/:id/assignments/:assignmentId',
    {
      config: { access: managers },
      schema: {
        operationId: 'updateAssignment',
        tags: ['workshops'],
        summary: 'Change the due date of an assignment',
        params: AssignmentParams,
        body: UpdateAssignmentBody,
        response: { 200: Assignment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => assignments.updateAssignment(db, actorOf(req), req.params.id, req.params.assignmentId, req.body),
  );

  app.delete(
    '/api/workshops/:id/assignments/:assignmentId',
    {
      config: { access: managers },
      schema: {
        operationId: 'deleteAssignment',
        tags: ['workshops'],
        summary: 'Remove an assignment',
        params: AssignmentParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await assignments.removeAssignment(db, actorOf(req), req.params.id, req.params.assignmentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/workshops/:id/dashboard',
    {
      config: { access: managers },
      schema: {
        operationId: 'getWorkshopDashboard',
        tags: ['workshops'],
        summary: 'Participants by assignment, totals per module, item analysis per quiz',
        params: WorkshopParams,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => dashboards.dashboard(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/workshops/:id/export.csv',
    {
      config: { access: managers },
      schema: {
        operationId: 'exportWorkshopCsv',
        tags: ['workshops'],
        summary:
          "The dashboard as CSV, one row per participant (UTF-8 with BOM, formulas neutralised); separated by semicolons when the browser's language (else the site's) writes decimals with a comma, as its spreadsheet expects",
        produces: ['text/csv'],
        params: WorkshopParams,
        response: { 200: Type.String(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const exporting = await loadExports();
      const { filename, csv } = await exporting.exportCsv(
        db,
        actor,
        req.params.id,
        exporting.csvDelimiterFor(req.headers['accept-language'], actor.locale),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .header('vary', 'accept-language')
        .send(csv);
    },
  );

  app.get(
    '/api/workshops/:id/export.xlsx',
    {
      config: { access: managers },
      schema: {
        operationId: 'exportWorkshopXlsx',
        tags: ['workshops'],
        summary: 'The dashboard as an Excel workbook (.xlsx), the same cells as the CSV',
        produces: [XLSX_TYPE],
        params: WorkshopParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const exporting = await loadExports();
      const { filename, xlsx } = await exporting.exportXlsx(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(xlsx);
    },
  );
};
