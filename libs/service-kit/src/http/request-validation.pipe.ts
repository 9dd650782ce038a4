import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from '../errors/request-validation.exception';

/**
 * Validates request bodies, queries and parameters against their DTO classes, refusing
 * unknown members. An event payload reaches its handler as an instance of its payload class,
 * validated by the event transport, so an instance of the parameter's class is left as it is;
 * so is a parameter whose class the compiler left out (`import type` gives Nest `Function`).
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
    });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metatype === Function || (metatype && value instanceof metatype)) return Promise.resolve(value);
    return super.transform(value, metadata) as Promise<unknown>;
  }
}
