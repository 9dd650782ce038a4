import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../errors/problem.exception';
import { assertPrecondition, entityTag, parseIfMatch } from './entity-tag';

function statusOf(action: () => unknown): number | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ProblemException ? error.getStatus() : undefined;
  }
  return undefined;
}

describe('entity tags and If-Match', () => {
  it('tags a version as a strong ETag', () => {
    expect(entityTag(3)).toBe('"3"');
  });

  it('requires If-Match: 428 when missing or blank', () => {
    expect(statusOf(() => parseIfMatch(undefined))).toBe(HttpStatus.PRECONDITION_REQUIRED);
    expect(statusOf(() => parseIfMatch('  '))).toBe(HttpStatus.PRECONDITION_REQUIRED);
  });

  it('reads one or several strong tags, and *', () => {
    expect(parseIfMatch('"3"')).toEqual([3]);
    expect(parseIfMatch('"2", "4"')).toEqual([2, 4]);
    expect(parseIfMatch('*')).toBe('*');
  });

  it('lets a weak or foreign tag match nothing: 412', () => {
    for (const header of ['W/"3"', '3', '"abc"']) {
      expect(statusOf(() => assertPrecondition(parseIfMatch(header), 3))).toBe(HttpStatus.PRECONDITION_FAILED);
    }
  });

  it('holds for the current version or *, fails with the current ETag otherwise', () => {
    expect(() => assertPrecondition([3], 3)).not.toThrow();
    expect(() => assertPrecondition('*', 7)).not.toThrow();
    try {
      assertPrecondition([2], 3);
      throw new Error('expected a 412');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).extensions).toEqual({ currentETag: '"3"' });
    }
  });
});
