import { VersionConflictError } from '@naperj/messaging';
import { ProblemException } from '@naperj/service-kit';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ActionForbiddenError, ExpertConflictError, ExpertNotFoundError } from './expert.lifecycle';

/** The domain's refusals as problem+json: 404, 403, 409 (with `expertId` when an account holds a profile), 412. */
@Injectable()
export class ExpertErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => asProblem(error))));
  }
}

function asProblem(error: unknown): unknown {
  if (error instanceof ExpertNotFoundError) return new ProblemException(HttpStatus.NOT_FOUND, error.message);
  if (error instanceof ActionForbiddenError) return new ProblemException(HttpStatus.FORBIDDEN, error.message);
  if (error instanceof ExpertConflictError) return new ProblemException(HttpStatus.CONFLICT, error.message, error.expertId ? { expertId: error.expertId } : {});
  // Another request recorded this version first: what the caller read is stale.
  if (error instanceof VersionConflictError) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'The expert changed while this request was handled; read it again');
  }
  return error;
}
