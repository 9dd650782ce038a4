import { VersionConflictError } from '@naperj/messaging';
import { ProblemException, RequestValidationException } from '@naperj/service-kit';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ActionForbiddenError, ExchangeConflictError, ExchangeNotFoundError, InvalidExchangeFieldError } from './exchange.lifecycle';

/**
 * The domain's refusals as problem+json: 404; 403 for who the caller is (not the asking
 * agency, a country not invited, no shared expert profile); 409 with `currentStatus` for the
 * exchange's state (closed, past due, answered already by this expert); 412.
 */
@Injectable()
export class ExchangeErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => asProblem(error))));
  }
}

function asProblem(error: unknown): unknown {
  if (error instanceof ExchangeNotFoundError) return new ProblemException(HttpStatus.NOT_FOUND, error.message);
  if (error instanceof ActionForbiddenError) return new ProblemException(HttpStatus.FORBIDDEN, error.message);
  if (error instanceof ExchangeConflictError) return new ProblemException(HttpStatus.CONFLICT, error.message, { currentStatus: error.currentStatus });
  if (error instanceof InvalidExchangeFieldError) return new RequestValidationException([{ pointer: error.pointer, detail: error.message }]);
  // Another request recorded this version first: what the caller read is stale.
  if (error instanceof VersionConflictError) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'The exchange changed while this request was handled; read it again');
  }
  return error;
}
