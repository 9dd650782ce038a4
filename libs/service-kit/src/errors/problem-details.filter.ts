import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { EventExceptionFilter } from '@naperj/messaging';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Observable } from 'rxjs';
import { PROBLEM_JSON, type ProblemDetails } from './problem-details';
import { ProblemException } from './problem.exception';
import { RequestValidationException } from './request-validation.exception';

/** Names of the errors the MongoDB driver and mongoose raise when the database cannot be reached. */
const DATABASE_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** body-parser's errors carry a status and a type; their messages are safe to show. */
interface BodyParserError extends Error {
  status: number;
  type: string;
}

/**
 * Renders every HTTP error as application/problem+json. Details come only from errors we
 * raise on purpose; anything unexpected becomes a plain 500 and is logged, never echoed.
 * The app's filters apply to events too: an event handler's errors go to `EventExceptionFilter`.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);
  private readonly events = new EventExceptionFilter();

  /** Events have no one to answer: their failures go back to the event transport instead. */
  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() !== 'http') return this.events.catch(exception);
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, `${request.method} ${request.originalUrl} failed`);
    }
    if (problem.status === 503) response.setHeader('Retry-After', '5');
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    const base = { instance: request.originalUrl.split('?')[0] ?? '/', requestId: requestIdOf(request) };
    // Nest wraps body-parser's errors in an HttpException; their own type says more.
    const bodyError = exception instanceof HttpException ? exception.cause : exception;
    if (isBodyParserError(bodyError)) {
      return { type: 'about:blank', title: STATUS_CODES[bodyError.status] ?? 'Error', status: bodyError.status, detail: bodyParserDetail(bodyError), ...base };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const extensions =
        exception instanceof ProblemException ? exception.extensions : exception instanceof RequestValidationException ? { errors: exception.violations } : {};
      return {
        type: exception instanceof ProblemException ? exception.type : 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: detailOf(exception),
        ...base,
        ...extensions,
      };
    }
    if (exception instanceof Error && DATABASE_UNAVAILABLE.has(exception.name)) {
      return unavailable('The database is unavailable; try again shortly', base);
    }
    if (exception instanceof Error && exception.name === 'MongooseError' && /initial connection|buffering timed out/.test(exception.message)) {
      return unavailable('The database is unavailable; try again shortly', base);
    }
    return {
      type: 'about:blank',
      title: STATUS_CODES[500]!,
      status: 500,
      detail: 'An internal error occurred; it has been logged with this request id',
      ...base,
    };
  }
}

/** The logging middleware sets `req.id`; before it runs, the client's header is all there is. */
function requestIdOf(request: Request): string {
  const id = (request as Request & { id?: unknown }).id ?? request.headers['x-request-id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

function unavailable(detail: string, base: { instance: string; requestId: string }): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[503]!, status: 503, detail, ...base };
}

function detailOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as BodyParserError).status === 'number' && typeof (error as BodyParserError).type === 'string';
}

function bodyParserDetail(error: BodyParserError): string {
  switch (error.type) {
    case 'entity.too.large':
      return 'The request body is larger than this service accepts';
    case 'entity.parse.failed':
      return 'The request body is not valid JSON';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'The request body must be UTF-8 encoded JSON';
    default:
      return 'The request body could not be read';
  }
}
