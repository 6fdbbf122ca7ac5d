// Errors Fastify raises before a request reaches any route or hook (an address that cannot be decoded, a path
// segment too long): answered in the usual error shape and with the same security headers as every response.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApplySecurityHeaders } from './security-headers.ts';

const ROUTING_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'request.bad_url',
    message:
      'This address is not valid: it has a "%" that is not followed by two hexadecimal digits, or encodes broken text. Check the link or type the address again.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'request.url_too_long',
    message: 'A part of this address is too long. Check the link or type the address again.',
  },
};

/** The `frameworkErrors` option: these requests skip the onRequest hooks, so helmet's headers are applied here. */
export function frameworkErrorHandler(applySecurityHeaders: ApplySecurityHeaders) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    applySecurityHeaders(request.raw, reply.raw, () => {});
    const known = ROUTING_ERRORS[err.code];
    if (!known) request.log.error({ err, reqId: request.id }, 'framework error');
    const { status, code, message } = known ?? {
      status: 500,
      code: 'server.error',
      message: `Something went wrong on our side. Please try again; if it keeps happening, report reference ${request.id}.`,
    };
    reply.status(status).send({ error: { code, message } });
  };
}
