import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError } from '../fhir/errors.js';
import { ServiceError } from '../services/errors.js';
import { UserError } from '../store/users.js';

/** An app-API error: `{ error: { code, message, field } }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function statusOf(error: unknown): { status: number; code: string; message: string; field?: string; expression?: string[] } {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message, field: error.field };
  if (error instanceof ServiceError) return { status: error.status, code: error.code, message: error.message, field: error.field };
  if (error instanceof UserError) return { status: error.status, code: error.code, message: error.message };
  const fe = error as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const known: Record<string, string> = {
      FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than this server accepts',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type: send application/fhir+json or application/json',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; it must be JSON',
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
    };
    return { status: fe.statusCode, code: fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too-large' : 'invalid', message: known[fe.code] ?? fe.message };
  }
  return { status: 500, code: 'internal', message: 'Something went wrong on the server; it has been logged' };
}

/** One error handler for the whole server: FHIR paths answer OperationOutcome, the app API answers JSON. */
export function handleError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const isFhir = req.url.startsWith('/fhir/');
  if (error instanceof FhirError) {
    const outcome = error.toOperationOutcome();
    if (isFhir) return reply.code(error.status).type('application/fhir+json; charset=utf-8').send(outcome);
    const first = error.issues[0];
    return reply.code(error.status).send({ error: { code: first?.code ?? 'invalid', message: error.message, field: first?.expression?.[0] } });
  }
  const s = statusOf(error);
  if (s.status >= 500) req.log.error({ err: { type: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'request failed');
  if (isFhir) {
    const code = s.status === 401 ? 'login' : s.status === 403 ? 'forbidden' : s.status === 404 ? 'not-found' : s.status === 409 || s.status === 412 ? 'conflict' : s.status === 413 ? 'too-long' : s.status >= 500 ? 'exception' : s.status === 422 ? 'business-rule' : 'invalid';
    return reply
      .code(s.status)
      .type('application/fhir+json; charset=utf-8')
      .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: s.message, ...(s.field ? { expression: [s.field] } : {}) }] });
  }
  return reply.code(s.status).send({ error: { code: s.code, message: s.message, ...(s.field ? { field: s.field } : {}) } });
}
