import { VersionConflictError } from '@naperj/messaging';
import { ProblemException, RequestValidationException } from '@naperj/service-kit';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ConsultationForbiddenError, ConsultationNotFoundError, IllegalConsultationTransitionError, InvalidConsultationError } from './consultation.lifecycle';

/** The consultations' refusals as problem+json: 400, 403, 404, 409 with `currentStatus`, 412. */
@Injectable()
export class ConsultationErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => consultationProblem(error))));
  }
}

export function consultationProblem(error: unknown): unknown {
  if (error instanceof InvalidConsultationError) return new RequestValidationException(error.problems);
  if (error instanceof ConsultationNotFoundError) return new ProblemException(HttpStatus.NOT_FOUND, error.message);
  if (error instanceof ConsultationForbiddenError) return new ProblemException(HttpStatus.FORBIDDEN, error.message);
  if (error instanceof IllegalConsultationTransitionError)
    return new ProblemException(HttpStatus.CONFLICT, error.message, { currentStatus: error.currentStatus });
  // Another request recorded this version first: what the caller read is stale.
  if (error instanceof VersionConflictError) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'The consultation changed while this request was handled; read it again');
  }
  return error;
}
