/** Where a page of the directory ends: the last entry's sort key (newest first: createdAt, then id). */
export interface DirectoryPosition {
  createdAt: string;
  id: string;
}

/** Opaque to clients: base64url JSON of the position. */
export function encodeCursor({ createdAt, id }: DirectoryPosition): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** The position a cursor names; undefined when it is not one this service issued. */
export function decodeCursor(cursor: string): DirectoryPosition | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      const [createdAt, id] = decoded as [string, string];
      return { createdAt, id };
    }
  } catch {
    // Not JSON: handled as any other foreign cursor.
  }
  return undefined;
}
