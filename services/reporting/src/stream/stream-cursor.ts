/**
 * Where an integrator's stream stands: for every topic, the next offset of each partition
 * (the array index is the partition). It travels as the SSE `id:` of every event, so a
 * reconnect with `Last-Event-ID` continues right after that event, whichever process of
 * whichever restart serves it: the place lives in the client's cursor, not in the service.
 */
export type StreamPositions = ReadonlyMap<string, readonly number[]>;

const VERSION = 1;
/** Ample for every shared topic of a federation; longer ones were not issued by this stream. */
export const MAX_CURSOR_LENGTH = 8192;
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Opaque to clients: base64url of `{"v":1,"p":{"<topic>":[<next offset>…]}}`. */
export function encodeStreamCursor(positions: StreamPositions): string {
  const p = Object.fromEntries([...positions].sort(([a], [b]) => a.localeCompare(b)));
  return Buffer.from(JSON.stringify({ v: VERSION, p })).toString('base64url');
}

/** The positions a cursor names; undefined when it is not one this stream issued. */
export function decodeStreamCursor(cursor: string): StreamPositions | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(decoded) || decoded['v'] !== VERSION || !isRecord(decoded['p'])) return undefined;
  const positions = new Map<string, number[]>();
  for (const [topic, offsets] of Object.entries(decoded['p'])) {
    if (!TOPIC_NAME.test(topic) || !Array.isArray(offsets) || offsets.length === 0) return undefined;
    if (!offsets.every((offset) => Number.isSafeInteger(offset) && offset >= 0)) return undefined;
    positions.set(topic, offsets as number[]);
  }
  return positions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
