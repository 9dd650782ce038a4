import { RequestValidationException } from '@naperj/service-kit';

/** Where a page ends: the last item's sort key (newest first: its timestamp, then its id). */
export interface PagePosition {
  at: string;
  id: string;
}

/** Opaque to clients: base64url JSON of the position. */
export function encodeCursor({ at, id }: PagePosition): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The position a cursor names; a cursor this service never issued is a 400. */
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

/** A page of `limit` from `limit + 1` items read, with the cursor of the next one. */
export function pageOf<T>(items: T[], limit: number, positionOf: (item: T) => PagePosition): { items: T[]; nextCursor: string | null } {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
