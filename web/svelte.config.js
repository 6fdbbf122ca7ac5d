import adapter from './adapter.js';
import { CSP_DIRECTIVES } from './csp.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    csp: { mode: 'auto', directives: CSP_DIRECTIVES },
    // Registered by /verify-offline.js on the verify pages only (pages ship no framework script).
    serviceWorker: { register: false },
    alias: { $server: '../server' },
  },
};
