import { Catch, HttpException, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';
import type { EventRejection } from './event-context';

/**
 * The exception filter of event handlers. A rejection — `RejectEvent`, any `RpcException`,
 * or a 4xx `HttpException` such as a pipe's validation error — goes back to the transport
 * as an `EventRejection`, which dead-letters the event at once. Anything else goes back
 * unchanged, so the transport retries it and still recognises a database outage.
 */
@Catch()
export class EventExceptionFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => eventFailure(exception));
  }
}

/** What the transport receives for an exception an event handler threw. */
function eventFailure(exception: unknown): unknown {
  if (exception instanceof RpcException) {
    const error = exception.getError();
    return rejection(typeof error === 'string' ? error : ((error as Partial<EventRejection>).reason ?? exception.message));
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) return rejection(httpReason(exception));
  return exception;
}

function rejection(reason: string): EventRejection {
  return { rejected: true, reason };
}

/** A validation error's message lists what is wrong; `exception.message` alone may say only "Bad Request". */
function httpReason(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
