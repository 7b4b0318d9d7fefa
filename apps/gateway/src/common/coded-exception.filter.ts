import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';

const STATUS_BY_CODE_PREFIX: ReadonlyArray<[RegExp, number]> = [
  [/^PAYLOAD\./, 400],
  [/^EVENT\.CONFLICT$/, 409],
  [/^EVENT\.BAD_ID$/, 400],
  [/\.NOT_FOUND$/, 404],
  [/^AUTH\.SCOPE_REQUIRED$/, 403],
  [/^AUTH\./, 401],
  [/^REVIEW\.NOT_PENDING$/, 409],
  [/^REVIEW\.REASON_REQUIRED$/, 400],
  [/^HTTP\.BODY_TOO_LARGE$/, 413],
  [/^HTTP\.UNSUPPORTED_/, 415],
  [/^LEDGER\.UNAVAILABLE$/, 503],
];

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'PAYLOAD.NOT_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PAYLOAD.EMPTY_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'HTTP.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'HTTP.BAD_CONTENT_LENGTH',
};

/** Every error leaves as `{ code, message, problems? }` with a stable code; nothing leaks a stack. */
@Catch()
export class CodedExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof CodedError) {
      const status = STATUS_BY_CODE_PREFIX.find(([re]) => re.test(error.code))?.[1] ?? 500;
      if (status >= 500) this.log.error({ code: error.code, err: error.message }, 'request failed');
      void reply.status(status).send({ code: error.code, message: error.message, ...error.details, ...(error.problems.length ? { problems: error.problems } : {}) });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Fastify's own errors arrive mapped to an HttpException whose cause keeps Fastify's code.
      const cause = (error.cause as { code?: string } | undefined)?.code;
      const code = cause && FASTIFY_CODES[cause] ? FASTIFY_CODES[cause] : status === 404 ? 'HTTP.NOT_FOUND' : status === 413 ? 'HTTP.BODY_TOO_LARGE' : status === 415 ? 'HTTP.UNSUPPORTED_MEDIA_TYPE' : `HTTP.${status}`;
      void reply.status(status).send({ code, message: error.message });
      return;
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (typeof e.statusCode === 'number' && e.statusCode < 500) {
      // Fastify's own parse errors (bad JSON, body too large) arrive here.
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'HTTP.BODY_TOO_LARGE' : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'HTTP.UNSUPPORTED_MEDIA_TYPE' : 'PAYLOAD.NOT_JSON';
      void reply.status(e.statusCode).send({ code, message: e.message ?? 'bad request' });
      return;
    }
    this.log.error({ err: e.message, code: e.code }, 'unexpected error');
    void reply.status(500).send({ code: 'INTERNAL.UNEXPECTED', message: 'unexpected error; see logs' });
  }
}
