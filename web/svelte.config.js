import adapter from './adapter.js';
import { CSP_DIRECTIVES } from './csp.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    csp: { mode: 'auto', directives: CSP_DIRECTIVES },
    alias: { $server: '../server' },
  },
};
