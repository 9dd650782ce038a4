import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Safe to log and echo verbatim: no spaces, quotes, control characters or log-forging newlines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is safe, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Gives the request its id (`req.id`, which pino-http then logs) and echoes it on the response. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): void {
  const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  request.id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
}
