import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { errors } from '../../http/schemas.ts';
import { getMe } from '../accounts/accounts.service.ts';
import {
  CertificateList,
  CertificateParams,
  Certificate,
  IssueBody,
  IssuerKeys,
  RevokeBody,
  Verification,
  VerifyParams,
} from './certificates.schemas.ts';
import * as certificates from './certificates.service.ts';
import { issuerDocument, issuerJwks, type Issuer } from './issuer.ts';

export const certificatesRoutes: FastifyPluginAsyncTypebox<{ db: Db; issuer: Issuer }> = async (
  app,
  { db, issuer },
) => {
  app.post(
    '/api/certificates',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'issueCertificate',
        tags: ['certificates'],
        summary: 'Issue my certificate for a completed course (the same one when it exists)',
        body: IssueBody,
        response: { 200: Certificate, 201: Certificate, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const me = await getMe(db, actor);
      const { created, certificate } = await certificates.issueCertificate(
        db,
        issuer,
        { ...actor, name: me.name },
        req.body.courseId,
        me.locale,
      );
      return reply.status(created ? 201 : 200).send(certificate);
    },
  );

  app.get(
    '/api/certificates',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyCertificates',
        tags: ['certificates'],
        summary: 'My certificates',
        response: { 200: CertificateList, ...errors(401) },
      },
    },
    async (req) => certificates.myCertificates(db, actorOf(req)),
  );

  app.get(
    '/api/certificates/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getCertificate',
        tags: ['certificates'],
        summary: 'A certificate (its owner or an admin)',
        params: CertificateParams,
        response: { 200: Certificate, ...errors(400, 401, 404) },
      },
    },
    async (req) => certificates.getCertificate(db, actorOf(req), req.params.id),
  );

  app.get(
    '/api/certificates/:id/pdf',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getCertificatePdf',
        tags: ['certificates'],
        summary: 'The certificate as a PDF (A4 landscape)',
        params: CertificateParams,
        response: { 200: Type.Unknown({ description: 'application/pdf' }), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const pdf = await certificates.certificatePdf(db, issuer, actorOf(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${req.params.id}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/certificates/:id/credential',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getCertificateCredential',
        tags: ['certificates'],
        summary: 'The signed Open Badges 3.0 credential',
        params: CertificateParams,
        response: { 200: Type.Unknown({ description: 'application/ld+json' }), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const credential = await certificates.certificateCredential(db, actorOf(req), req.params.id);
      return reply
        .type('application/ld+json')
        .header('content-disposition', `attachment; filename="certificate-${req.params.id}.json"`)
        .send(JSON.stringify(credential, null, 2));
    },
  );

  app.get(
    '/api/verify/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'verifyCertificate',
        tags: ['certificates'],
        summary: 'Check a certificate: valid, revoked or unknown',
        params: VerifyParams,
        response: { 200: Verification },
      },
    },
    async (req) => certificates.verifyCertificate(db, issuer, req.params.id),
  );

  app.post(
    '/api/admin/certificates/:id/revoke',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'revokeCertificate',
        tags: ['admin'],
        summary: 'Revoke a certificate, with the reason',
        params: CertificateParams,
        body: RevokeBody,
        response: { 200: Certificate, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => certificates.revokeCertificate(db, actorOf(req), req.params.id, req.body.reason),
  );

  // The issuer's public identity, at the addresses the credentials name (outside /api on purpose).
  app.get(
    '/issuer',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getIssuerDocument',
        hide: true,
        response: { 200: Type.Unknown({ description: 'Controller document (JSON-LD)' }) },
      },
    },
    async (_req, reply) =>
      reply.type('application/json').header('cache-control', 'public, max-age=3600').send(issuerDocument(issuer)),
  );
  app.get(
    '/status/1',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getRevocationStatusList',
        hide: true,
        response: { 200: Type.Unknown({ description: 'BitstringStatusListCredential (JSON-LD)' }) },
      },
    },
    async (_req, reply) =>
      reply
        .type('application/vc+ld+json')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(await certificates.revocationList(db, issuer))),
  );
  app.get(
    '/.well-known/issuer-keys.json',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getIssuerKeys',
        tags: ['certificates'],
        summary: "The issuer's public keys (JWKS), to check a certificate's QR signature offline",
        response: { 200: IssuerKeys },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send(await issuerJwks(issuer)),
  );
};
