import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface Violation {
  /** JSON pointer to the offending member, e.g. `/title/es`. */
  pointer: string;
  detail: string;
}

/** A 400 listing every invalid member of the request; built by the global ValidationPipe. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.detail).join('; '));
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(errors.flatMap((error) => flatten(error, '')));
  }
}

function flatten(error: ValidationError, parent: string): Violation[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({
    pointer: `/${path.split('.').join('/')}`,
    detail: message.startsWith(error.property) && parent ? `${parent}.${message}` : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, path))];
}
