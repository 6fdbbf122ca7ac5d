// The tutorial media API and the rendered files themselves under /media/.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { errors } from '../../http/schemas.ts';
import { LocaleQuery, TutorialMedia, TutorialParams } from './media.schemas.ts';
import { getTutorialMedia, MEDIA_URL_PREFIX, RENDER_DIR } from './media.service.ts';
import { conformLegacyCaptionFiles } from './render/legacy-captions.ts';
import { isServableUploadPath } from './uploads/upload-files.ts';

/** Types the static server would guess wrong or not at all (HLS is the reason this list exists). */
const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
};

export const mediaRoutes: FastifyPluginAsyncTypebox<{ db: Db; mediaDir: string }> = async (app, { db, mediaDir }) => {
  app.get(
    '/api/tutorials/:tutorialId',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getTutorial',
        tags: ['media'],
        summary: 'A tutorial video: HLS, MP4, poster, captions and transcript URLs once rendered, else "preparing"',
        params: TutorialParams,
        querystring: LocaleQuery,
        response: { 200: TutorialMedia, ...errors(400, 404) },
      },
    },
    async (req) => getTutorialMedia(db, mediaDir, req.params.tutorialId, req.query.locale),
  );

  fs.mkdirSync(mediaDir, { recursive: true }); // renders arrive after start; the static root must exist now
  conformLegacyCaptionFiles(mediaDir);
  const realRoot = fs.realpathSync(mediaDir);
  /** The file, with every symlink resolved, is inside the media folder (a link pointing out is not served). */
  const staysInside = (pathname: string) => {
    try {
      const real = fs.realpathSync(path.join(realRoot, pathname));
      return real.startsWith(realRoot + path.sep);
    } catch {
      return false; // missing or unreadable: not found
    }
  };
  await app.register(fastifyStatic, {
    root: mediaDir,
    prefix: MEDIA_URL_PREFIX,
    decorateReply: false,
    wildcard: true,
    index: false,
    list: false,
    cacheControl: false,
    // Only files inside a finished, hash-named render folder or a finished upload output folder:
    // no pointers, no half-written temp folders, no uploaded originals.
    // Symlinks are followed by the static server: the resolved path must stay in the media folder.
    allowedPath: (pathname: string) => {
      const parts = pathname.replace(/^\/+/, '').split('/');
      const servable =
        isServableUploadPath(parts) ||
        (() => {
          const [tutorialId, dir, ...rest] = parts;
          return (
            !!tutorialId &&
            tutorialId !== 'uploads' &&
            RENDER_DIR.test(dir ?? '') &&
            rest.length > 0 &&
            !rest.includes('..')
          );
        })();
      return servable && staysInside(pathname);
    },
    // @fastify/static 10 passes the Fastify reply here.
    setHeaders: ((reply: { header: (k: string, v: string) => void }, filePath: string) => {
      const type = CONTENT_TYPES[path.extname(filePath).toLowerCase()];
      if (type) reply.header('content-type', type);
      // A render folder is named by its content hash, an upload output folder is new for each transcode:
      // what is in either never changes.
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    }) as never,
  });
};
