import { BadRequestException, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Keys that would reach MongoDB as operators, or pollute prototypes when merged. */
const FORBIDDEN_KEY = /^\$|^(?:__proto__|constructor|prototype)$/;

/**
 * Rejects request bodies and query strings that smuggle MongoDB operators (`{"$gt": ""}`,
 * `?status[$ne]=x`) before any handler sees them; DTO validation alone would let an
 * operator through wherever a field accepts an object.
 */
@Injectable()
export class OperatorInjectionMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const inQuery = Object.keys(request.query).find((key) => key.includes('$') || FORBIDDEN_KEY.test(key));
    if (inQuery !== undefined) {
      throw new BadRequestException(`Query parameter "${inQuery}" is not allowed: operators cannot be sent in a query`);
    }
    const inBody = findForbiddenKey(request.body, '');
    if (inBody !== undefined) {
      throw new BadRequestException(`Member "${inBody}" is not allowed: keys starting with "$" are reserved for database operators`);
    }
    next();
  }
}

function findForbiddenKey(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && FORBIDDEN_KEY.test(key)) return childPath;
    const found = findForbiddenKey(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
