// A minimal SvelteKit adapter for mounting the app inside our Fastify server.
// adapter-node bundles the app behind its own HTTP handler; we need SvelteKit's `Server` class instead,
// so Fastify keeps compression, security headers, logging and error handling for pages too.
// Uses only the public adapter Builder API (the same steps adapter-node takes before bundling).
import { writeFileSync } from 'node:fs';

/** @returns {import('@sveltejs/kit').Adapter} */
export default function fastifyAdapter({ out = 'build' } = {}) {
  return {
    name: 'learning-cities-academy-fastify',
    async adapt(builder) {
      builder.rimraf(out);
      builder.mkdirp(out);
      builder.writeClient(`${out}/client${builder.config.kit.paths.base}`);
      builder.writePrerendered(`${out}/client${builder.config.kit.paths.base}`);
      builder.writeServer(`${out}/server`);
      writeFileSync(
        `${out}/server/manifest.js`,
        `export const manifest = ${builder.generateManifest({ relativePath: './' })};\n`,
      );
      await builder.compress(`${out}/client`);
    },
  };
}
