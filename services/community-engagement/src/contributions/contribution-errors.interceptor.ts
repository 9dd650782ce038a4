import { VersionConflictError } from '@naperj/messaging';
import { ProblemException, RequestValidationException } from '@naperj/service-kit';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { consultationProblem } from '../consultations/consultation-errors.interceptor';
import { ContributionNotFoundError, IllegalContributionTransitionError, InvalidContributionError } from './contribution.rules';

/** The contributions' refusals as problem+json, and the consultation's when it refuses one. */
@Injectable()
export class ContributionErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => contributionProblem(error))));
  }
}

function contributionProblem(error: unknown): unknown {
  if (error instanceof InvalidContributionError) return new RequestValidationException(error.problems);
  if (error instanceof ContributionNotFoundError) return new ProblemException(HttpStatus.NOT_FOUND, error.message);
  if (error instanceof IllegalContributionTransitionError)
    return new ProblemException(HttpStatus.CONFLICT, error.message, { currentStatus: error.currentStatus });
  if (error instanceof VersionConflictError) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, 'The contribution changed while this request was handled; read it again');
  }
  return consultationProblem(error);
}
