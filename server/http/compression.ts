// How responses are compressed, in one place for the live path (@fastify/compress, app.ts) and the shared render
// cache (shared-render-cache.ts): brotli at quality 4 (about zlib's level 6 in size, at a fraction of brotli's default
// cost) over a 256 KB window, gzip at its default; bodies under 1 KB as they are. The window: with brotli's default
// of 4 MB each call sets up buffers sized for it; for a 16 KB lesson page the smaller window took 0.15 ms against
// 0.21 ms, with the same output to the byte (issue 19's note). A page is far smaller than 256 KB.
import zlib from 'node:zlib';

export const COMPRESS_FROM_BYTES = 1024;

export const BROTLI_OPTIONS = {
  params: {
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
  },
};
