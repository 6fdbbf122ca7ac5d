import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  build: { reportCompressedSize: false },
  // Fastify's cookie@2 is hoisted to the root; SvelteKit needs its own cookie@0.6, so bundle it instead of importing at run time.
  ssr: { noExternal: ['cookie'] },
  server: { fs: { allow: ['..'] } },
});
