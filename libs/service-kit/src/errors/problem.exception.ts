import { HttpException, type HttpStatus } from '@nestjs/common';

/**
 * An HTTP error with RFC 9457 extension members, e.g. a 409 that names the resource's
 * `currentStatus`. The problem+json filter renders `detail` and every extension.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly type = 'about:blank',
  ) {
    super(detail, status);
  }
}
