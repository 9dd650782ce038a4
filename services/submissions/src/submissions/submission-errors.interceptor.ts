import { VersionConflictError } from '@naperj/messaging';
import { ProblemException } from '@naperj/service-kit';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ActionForbiddenError, IllegalTransitionError, SubmissionNotFoundError } from './submission.lifecycle';

/** The domain's refusals as problem+json: 404, 403, 409 with `currentStatus`, 412. */
@Injectable()
export class SubmissionErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => asProblem(error))));
  }
}

function asProblem(error: unknown): unknown {
  if (error instanceof SubmissionNotFoundError) return new ProblemException(HttpStatus.NOT_FOUND, error.message);
  if (error instanceof ActionForbiddenError) return new ProblemException(HttpStatus.FORBIDDEN, error.message);
  if (error instanceof IllegalTransitionError) return new ProblemException(HttpStatus.CONFLICT, error.message, { currentStatus: error.currentStatus });
  // Another request recorded this version first: what the caller read is stale.
  if (error instanceof VersionConflictError) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'The submission changed while this request was handled; read it again');
  }
  return error;
}
