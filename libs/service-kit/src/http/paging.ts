import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { RequestValidationException } from '../errors/request-validation.exception';

/** Where a page ends: the last item's sort key (newest first: its time, then its id). */
export interface PagePosition {
  at: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque to clients: base64url JSON of the position. */
export function encodeCursor({ at, id }: PagePosition): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The position a cursor names; a cursor this service never issued is a 400 naming `/cursor`. */
export function decodeCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      const [at, id] = decoded as [string, string];
      return { at, id };
    }
  } catch {
    // Not JSON: refused as any other foreign cursor.
  }
  throw new RequestValidationException([{ pointer: '/cursor', detail: 'cursor must be the nextCursor of a previous page' }]);
}

/**
 * The filter of what comes after `after` in newest-first order of `field`, then `_id`: both
 * orders are strict, so a page never repeats or skips an item that ties on `field`.
 */
export function newestFirstAfter<T extends string | Date>(field: string, after: PagePosition, at: (value: string) => T): Record<string, unknown> {
  return { $or: [{ [field]: { $lt: at(after.at) } }, { [field]: at(after.at), _id: { $lt: after.id } }] };
}

/** A page of `limit` from `limit + 1` items read, with the cursor of the next one. */
export function pageOf<T>(items: T[], limit: number, positionOf: (item: T) => PagePosition): Page<T> {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

/** `limit` and `cursor` of every list (docs/architecture.md, REST conventions); a list's query extends it. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
