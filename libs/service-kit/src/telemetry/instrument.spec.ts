import { SpanKind } from '@opentelemetry/api';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_SPAN_ID = 'b7ad6b7169203331';
const REQUEST_ID = 'req-traced';

interface ObservedSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  instrumentation: string;
}

interface Observed {
  handler: { traceId: string; spanId: string };
  spans: ObservedSpan[];
  resource: Record<string, unknown>;
  patched: { kafkajs: boolean; mongoose: boolean };
}

type Line = Record<string, unknown>;

/**
 * jest loads modules its own way, which neither require-in-the-middle nor import-in-the-middle
 * can hook: only a real Node process shows whether `instrument` works as a service's first
 * import. This one runs TypeScript compiled to CommonJS, as production does.
 */
describe('instrument, first import of a service process', () => {
  let lines: Line[];
  let observed: Observed;
  let serverSpan: ObservedSpan | undefined;

  beforeAll(() => {
    const stdout = execFileSync(
      process.execPath,
      [
        '--import',
        join(__dirname, 'testing/typescript-hooks.mts'),
        join(__dirname, 'testing/traced-service.fixture.ts'),
        `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`,
        REQUEST_ID,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line);
    observed = lines.find((line) => 'observed' in line)?.['observed'] as Observed;
    serverSpan = observed.spans.find((span) => span.kind === SpanKind.SERVER);
  }, 60_000);

  it('continues the incoming trace in an http server span named by the route template', () => {
    expect(serverSpan).toMatchObject({
      name: 'GET /api/v1/things/:id',
      traceId: TRACE_ID,
      parentSpanId: PARENT_SPAN_ID,
      instrumentation: '@opentelemetry/instrumentation-http',
    });
  });

  it('traces express, which NestJS imports as ESM', () => {
    const express = observed.spans.filter((span) => span.instrumentation === '@opentelemetry/instrumentation-express');
    expect(express.length).toBeGreaterThan(0);
    expect(express.every((span) => span.traceId === TRACE_ID && span.parentSpanId === serverSpan?.spanId)).toBe(true);
  });

  it('keeps the trace active in the Nest handler', () => {
    expect(observed.handler.traceId).toBe(TRACE_ID);
    expect(observed.spans.map((span) => span.spanId)).toContain(observed.handler.spanId);
  });

  it("writes the request's trace and request id on the handler's log line", () => {
    expect(lines.find((line) => line['msg'] === 'handling a thing')).toMatchObject({
      trace_id: TRACE_ID,
      span_id: observed.handler.spanId,
      request_id: REQUEST_ID,
    });
  });

  it('describes the service in the resource', () => {
    expect(observed.resource).toMatchObject({
      'service.name': 'naperj-reporting',
      'service.namespace': 'naperj',
      'naperj.country': 'ca',
    });
  });

  it('patches kafkajs, and mongoose even when only @nestjs/mongoose imports it', () => {
    expect(observed.patched).toEqual({ kafkajs: true, mongoose: true });
  });
});
