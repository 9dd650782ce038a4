import { createParamDecorator, type ExecutionContext, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../errors/problem.exception';

/** The strong ETag of a resource version, e.g. `"3"` (docs/architecture.md, REST conventions). */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/** What an If-Match header accepts: any current version (`*`), or these versions. */
export type VersionPrecondition = '*' | readonly number[];

/**
 * Parses If-Match. Missing → 428, so no change is ever made blind; a tag that names no
 * version (a weak or foreign one) can never match, so it is kept out and fails as stale.
 */
export function parseIfMatch(header: string | undefined): VersionPrecondition {
  if (header === undefined || header.trim() === '') {
    throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, 'This request changes a resource: send If-Match with the ETag you read, e.g. If-Match: "3"');
  }
  if (header.trim() === '*') return '*';
  return header
    .split(',')
    .map((tag) => /^"(\d{1,15})"$/.exec(tag.trim())?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number);
}

/** Throws 412, naming the current ETag, unless the precondition holds for `version`. */
export function assertPrecondition(precondition: VersionPrecondition, version: number): void {
  if (precondition === '*' || precondition.includes(version)) return;
  throw new ProblemException(HttpStatus.PRECONDITION_FAILED, `The resource changed since you read it: its current ETag is ${entityTag(version)}`, {
    currentETag: entityTag(version),
  });
}

/** The request's If-Match as a VersionPrecondition (428 when missing). */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): VersionPrecondition =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().header('if-match')),
);
