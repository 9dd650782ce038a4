import { CurrentPrincipal, type Principal, ProblemException, Roles } from '@naperj/service-kit';
import { Controller, Get, Headers, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { decodeJwt } from 'jose';
import { readableClassifications } from './integrator-event';
import { IntegratorStreams, MAX_STREAMS_PER_CALLER } from './integrator-streams';
import { decodeStreamCursor } from './stream-cursor';
import { StreamQuery } from './stream.query';

const EXAMPLE = `retry: 5000
id: eyJ2IjoxLCJwIjp7Im14LnNoYXJlZC5zdWJtaXNzaW9ucy52MSI6WzEyLDAsN119fQ

: keep-alive

id: eyJ2IjoxLCJwIjp7Im14LnNoYXJlZC5zdWJtaXNzaW9ucy52MSI6WzEzLDAsN119fQ
data: {"specversion":"1.0","id":"01a225da-5000-7000-8000-000000000001","source":"urn:naperj:mx:submissions","type":"org.naperj.submission.published.v1","time":"2026-10-22T14:00:00.000Z","subject":"01a225da-4c05-72c1-95c7-7614e4a3066b","datacontenttype":"application/json","dataclassification":"public","data":{"id":"01a225da-4c05-72c1-95c7-7614e4a3066b","country":"mx","version":5,"…":"…"}}

`;

/** Integrators follow what crosses borders as it happens (docs/architecture.md, REST: reporting). */
@ApiTags('stream')
@ApiBearerAuth()
@Controller('stream')
export class StreamController {
  constructor(private readonly streams: IntegratorStreams) {}

  @Get()
  @Roles('integrator', 'operator')
  @ApiOperation({
    summary: 'Server-Sent Events of the events shared by this node and its partners, as CloudEvents in structured JSON mode',
    description:
      'Each event is one `data:` line holding a CloudEvent (`specversion`, `id`, `source`, `type`, `time`, `subject`, `datacontenttype`, `dataclassification`, `traceparent`, `data`); the data is the shareable view the AsyncAPI document at /api/asyncapi.json describes. ' +
      'Only events signed by their node are sent. Events of one entity arrive in order. ' +
      'Events classified `public` go to every caller; those classified `confidential` only to a caller whose token holds the claim `"trilateral": true`. ' +
      `A caller holds at most ${MAX_STREAMS_PER_CALLER} streams at once. ` +
      'Each `id:` is an opaque cursor: reconnect with it in `Last-Event-ID` to continue right after that event, also after a restart of the service. ' +
      'The stream begins with an `id:` of its starting point, and a `: keep-alive` comment comes every 15 s (with an `id:` when filtered-out events moved the cursor on). ' +
      'The stream ends when the bearer token expires; reconnect with a fresh token and the last id.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last `id:` received: the stream continues right after it. From now on when absent.' })
  @ApiOkResponse({ description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE } } })
  @ApiResponse({ status: 400, description: 'An unknown type, or a Last-Event-ID this stream did not send' })
  @ApiResponse({ status: 429, description: `The caller holds ${MAX_STREAMS_PER_CALLER} streams already; Retry-After says when to try again` })
  @ApiResponse({ status: 503, description: 'Kafka is unavailable, or the node serves as many streams as it may' })
  async stream(
    @Query() { type }: StreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Headers('authorization') authorization: string,
    @CurrentPrincipal() caller: Principal,
    @Res() response: Response,
  ): Promise<void> {
    // EventSource sends no Last-Event-ID before its first id, and an empty one after `id:` with no value.
    const cursor = lastEventId ? decodeStreamCursor(lastEventId) : undefined;
    if (lastEventId && !cursor) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Last-Event-ID is not an id this stream sent; reconnect without it to start from now');
    }
    await this.streams.open(response, {
      caller: caller.sub,
      cursor,
      types: type && new Set(type),
      classifications: readableClassifications(caller.trilateral),
      expiresAt: tokenExpiry(authorization),
    });
  }
}

/** When the caller's token expires; the guard has verified it and its `exp`. */
function tokenExpiry(authorization: string): Date | undefined {
  const { exp } = decodeJwt(authorization.replace(/^Bearer +/i, ''));
  return exp === undefined ? undefined : new Date(exp * 1000);
}
