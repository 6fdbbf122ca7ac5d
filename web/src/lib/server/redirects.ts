export { safeRedirectPath } from '../safe-redirect.ts';
