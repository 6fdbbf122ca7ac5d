// Admin routes for uploaded videos and their captions, and the public captions/transcript of a ready upload.
// Multipart bodies are parsed here only: the video streams straight to DATA_DIR/media/uploads/<id>/original
// (never into memory); a request that fails for any reason leaves no file behind (onResponse hook).
// A browser form post (Accept: text/html) gets a 303 back to the admin page instead of JSON, so the
// upload form works without JavaScript and without passing a 2 GB body through the page server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../../db/client.ts';
import { actorOf } from '../../../http/auth.ts';
import { AppError, BadRequest } from '../../../http/errors.ts';
import { errors } from '../../../http/schemas.ts';
import {
  CaptionParams,
  CaptionsBody,
  FormQuery,
  RETURN_TO_PATTERN,
  ListQuery,
  PlainText,
  UploadBody,
  UploadList,
  UploadParams,
  UploadSchema,
  VttText,
} from './uploads.schemas.ts';
import * as service from './uploads.service.ts';
import { originalFile, removeUploadFiles, uploadDir } from './upload-files.ts';

const CAPTIONS_MAX_BYTES = 1024 * 1024;
/** Room for the form fields and multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 16 * 1024;
const ADMIN_PAGE = '/admin/media';
const RETURN_TO = new RegExp(RETURN_TO_PATTERN);

type Staged = service.StagedFile & { kept: boolean };
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which file a multipart route takes: a video streamed to disk, or a small captions file read as text. */
    upload?: 'video' | 'captions';
  }
  interface FastifyRequest {
    stagedUpload?: Staged;
    captionsFileName?: string;
    /** The multipart form has been read through (set after the parser's preValidation hook). */
    formRead?: boolean;
  }
}

const wantsHtml = (req: FastifyRequest) =>
  /text\/html/.test(req.headers.accept ?? '') && !/application\/json/.test(req.headers.accept ?? '');
function backToPage(req: FastifyRequest, reply: FastifyReply, params: Record<string, string>) {
  // The error handler also lands here when the query failed validation: check it again, never redirect off-site.
  const asked = (req.query as { returnTo?: unknown } | undefined)?.returnTo;
  const returnTo = typeof asked === 'string' && RETURN_TO.test(asked) ? asked : ADMIN_PAGE;
  const [base, query = ''] = returnTo.split('?');
  const search = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) search.set(k, v);
  return reply.redirect(`${base}?${search}`, 303);
}

export const uploadsRoutes: FastifyPluginAsyncTypebox<{ db: Db; mediaDir: string; maxUploadBytes: number }> = async (
  app,
  { db, mediaDir, maxUploadBytes },
) => {
  const tooLarge = () => service.tooLarge(maxUploadBytes);
  const captionsTooLarge = () =>
    new AppError(
      413,
      'media.captions_too_large',
      'The captions file is larger than 1 MB. Check that it is a .vtt or .srt file.',
    );

  async function onFile(this: FastifyRequest, part: MultipartFile) {
    const target = part as MultipartFile & { value?: unknown };
    if (this.routeOptions.config.upload === 'captions') {
      try {
        target.value = (await part.toBuffer()).toString('utf8');
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw captionsTooLarge();
        throw e;
      }
      this.captionsFileName = part.filename;
      return;
    }
    if (this.routeOptions.config.upload !== 'video' || this.stagedUpload) {
      part.file.resume();
      throw BadRequest('media.one_file', 'Send exactly one video file, in the field "file".');
    }
    const id = crypto.randomUUID();
    fs.mkdirSync(uploadDir(mediaDir, id), { recursive: true });
    const file = originalFile(mediaDir, id);
    this.stagedUpload = {
      id,
      path: file,
      originalName: path.basename(part.filename || 'video'),
      sizeBytes: 0,
      kept: false,
    };
    try {
      await pipeline(part.file, fs.createWriteStream(file));
    } catch (e) {
      removeUploadFiles(mediaDir, id);
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw e;
    }
    this.stagedUpload.sizeBytes = fs.statSync(file).size;
    target.value = this.stagedUpload.originalName;
  }

  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    limits: { fields: 20, fieldSize: 10_000, files: 1, parts: 30 },
  });
  app.addHook('preValidation', async (req) => {
    req.formRead = true;
  });
  /**
   * The multipart parser reports a form it cannot read (no boundary, an empty or too long one, a body cut short) as a
   * plain Error while it reads the form, with no status: that is the client's form, a 400. Errors from the disk
   * (they carry a syscall) and our own typed errors keep their meaning.
   */
  const unreadableForm = <E extends Error & { statusCode?: number; syscall?: string }>(
    req: FastifyRequest,
    err: E,
  ): E | AppError =>
    !req.formRead &&
    req.isMultipart() &&
    !(err instanceof AppError) &&
    err.statusCode === undefined &&
    err.syscall === undefined
      ? BadRequest(
          'media.form_unreadable',
          'The upload form could not be read: the multipart data is malformed or was cut off. Choose the file and send the form again.',
        )
      : err;

  // Refuse an announced oversized body before reading any of it.
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config.upload !== 'video') return;
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > maxUploadBytes + FORM_OVERHEAD_BYTES) throw tooLarge();
  });
  // Whatever went wrong after the file was staged (bad fields, not a video, unknown tutorial...), it goes.
  app.addHook('onResponse', async (req) => {
    if (req.stagedUpload && !req.stagedUpload.kept) removeUploadFiles(mediaDir, req.stagedUpload.id);
  });
  app.setErrorHandler((thrown: Error & { code?: string; validation?: unknown; statusCode?: number }, req, reply) => {
    if (req.stagedUpload && !req.stagedUpload.kept) removeUploadFiles(mediaDir, req.stagedUpload.id);
    // The multipart parser's own limit error, in our words.
    const err =
      thrown.code === 'FST_REQ_FILE_TOO_LARGE'
        ? req.routeOptions.config.upload === 'captions'
          ? captionsTooLarge()
          : tooLarge()
        : unreadableForm(req, thrown);
    if (!wantsHtml(req) || !req.routeOptions.config.upload || (err.statusCode ?? 500) >= 500) throw err; // the app's error handler answers
    const code = err instanceof AppError ? err.code : err.validation ? 'request.invalid' : `request.${err.statusCode}`;
    const problems =
      err instanceof AppError &&
      Array.isArray(err.details) &&
      typeof (err.details[0] as { line?: number })?.line === 'number'
        ? (err.details as { line: number; problem: string }[])
            .slice(0, 5)
            .map((p) => `${p.line}: ${p.problem}`)
            .join('\n')
        : '';
    return backToPage(req, reply, {
      error: code,
      ...(problems ? { lines: problems } : {}),
      ...(req.params && 'id' in (req.params as object) ? { upload: String((req.params as { id: string }).id) } : {}),
    });
  });

  app.post(
    '/api/admin/media',
    {
      config: {
        access: ['admin'],
        accessBeforeBody: true,
        upload: 'video',
        multipartOptions: { limits: { fileSize: maxUploadBytes, files: 1 } },
      },
      schema: {
        operationId: 'uploadMedia',
        tags: ['media'],
        summary:
          'Upload a video (multipart: tutorialId, locale, title, placement, file); it is checked, then transcoded by the job queue',
        description: 'A browser form post (Accept: text/html) is answered with a 303 back to the admin media page.',
        consumes: ['multipart/form-data'],
        querystring: FormQuery,
        body: UploadBody,
        response: {
          202: UploadSchema,
          303: Type.Null({ description: 'Back to the admin page (browser form post)' }),
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (req, reply) => {
      const staged = req.stagedUpload;
      if (!staged)
        throw BadRequest('media.file_missing', 'Choose a video file to upload (multipart field "file").', [
          { field: 'body.file', message: 'missing' },
        ]);
      const { file: _file, ...fields } = req.body;
      const upload = await service.createUpload(db, actorOf(req), fields, staged);
      staged.kept = true;
      if (wantsHtml(req)) return backToPage(req, reply, { uploaded: upload.id });
      return reply.status(202).send(upload);
    },
  );

  app.get(
    '/api/admin/media',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'listMediaUploads',
        tags: ['media'],
        summary: 'Uploaded videos, newest first, with status and transcoding progress',
        querystring: ListQuery,
        response: { 200: UploadList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ ...(await service.listUploads(db, actorOf(req), req.query)), maxUploadBytes }),
  );

  app.get(
    '/api/admin/media/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'getMediaUpload',
        tags: ['media'],
        summary: 'One uploaded video: status, progress 0-100, error',
        params: UploadParams,
        response: { 200: UploadSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => service.getUpload(db, actorOf(req), req.params.id),
  );

  app.delete(
    '/api/admin/media/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'deleteMediaUpload',
        tags: ['media'],
        summary: 'Delete an uploaded video, its captions and its files',
        params: UploadParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await service.removeUpload(db, mediaDir, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/media/:id/captions',
    {
      config: {
        access: ['admin'],
        accessBeforeBody: true,
        upload: 'captions',
        multipartOptions: { limits: { fileSize: CAPTIONS_MAX_BYTES, files: 1 } },
      },
      schema: {
        operationId: 'uploadMediaCaptions',
        tags: ['media'],
        summary:
          'Attach captions (.vtt or .srt, multipart: locale, file) to an uploaded video; checked cue by cue and stored as WebVTT',
        consumes: ['multipart/form-data'],
        params: UploadParams,
        querystring: FormQuery,
        body: CaptionsBody,
        response: {
          200: UploadSchema,
          303: Type.Null({ description: 'Back to the admin page (browser form post)' }),
          ...errors(400, 401, 403, 404, 413),
        },
      },
    },
    async (req, reply) => {
      const upload = await service.attachCaptions(db, actorOf(req), req.params.id, {
        locale: req.body.locale,
        text: req.body.file,
        fileName: req.captionsFileName ?? '',
      });
      if (wantsHtml(req)) return backToPage(req, reply, { captioned: upload.id });
      return upload;
    },
  );

  app.get(
    '/api/media/uploads/:id/captions/:locale',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getMediaCaptions',
        tags: ['media'],
        summary: 'Captions of an uploaded video as WebVTT',
        params: CaptionParams,
        response: { 200: VttText, ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      reply.header('content-type', 'text/vtt; charset=utf-8').header('cache-control', 'public, max-age=300');
      return service.captionsVtt(db, req.params.id, req.params.locale);
    },
  );

  app.get(
    '/api/media/uploads/:id/transcript/:locale',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getMediaTranscript',
        tags: ['media'],
        summary: 'Transcript of an uploaded video, from its captions',
        params: CaptionParams,
        response: { 200: PlainText, ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=300');
      return service.captionsTranscript(db, req.params.id, req.params.locale);
    },
  );
};
