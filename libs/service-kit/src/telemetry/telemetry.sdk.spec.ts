import { context, propagation, trace } from '@opentelemetry/api';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { shutdownTelemetry, startTelemetry } from './telemetry.sdk';
import { currentTraceContext } from './trace-context';

const config = { service: 'submissions', country: 'us', telemetry: {} } as const;

describe('startTelemetry', () => {
  afterEach(() => shutdownTelemetry());

  it('records and propagates W3C trace context without a collector', () => {
    startTelemetry(config);
    expect(currentTraceContext()).toBeUndefined();

    trace.getTracer('test').startActiveSpan('work', (span) => {
      expect(span.isRecording()).toBe(true);
      const { traceId, spanId } = span.spanContext();
      expect(currentTraceContext()).toEqual({ traceId, spanId });
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      expect(carrier).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
      span.end();
    });
  });

  it('continues an incoming traceparent', () => {
    startTelemetry(config);
    const incoming = propagation.extract(context.active(), { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    trace.getTracer('test').startActiveSpan('child', {}, incoming, (span) => {
      expect(currentTraceContext()?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      span.end();
    });
  });

  it('exports to the OTLP endpoint over HTTP, flushing at shutdown', async () => {
    const received: { url?: string; body: string }[] = [];
    const collector = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ url: request.url, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const { port } = collector.address() as AddressInfo;

    try {
      startTelemetry({ ...config, telemetry: { otlpEndpoint: `http://127.0.0.1:${port}/` } });
      trace.getTracer('test').startSpan('exported work').end();
      expect(received).toEqual([]);
      await shutdownTelemetry();
    } finally {
      collector.close();
    }

    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe('/v1/traces');
    expect(received[0]?.body).toContain('exported work');
    expect(received[0]?.body).toContain('naperj-submissions');
  });

  it('names the service itself, whatever OTEL_SERVICE_NAME says, and takes other attributes from OTEL_RESOURCE_ATTRIBUTES', async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new SimpleSpanProcessor(exporter);
    const saved = { name: process.env.OTEL_SERVICE_NAME, attributes: process.env.OTEL_RESOURCE_ATTRIBUTES };
    process.env.OTEL_SERVICE_NAME = 'renamed';
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'service.name=renamed-too,deployment.environment.name=staging';
    try {
      startTelemetry(config, { spanProcessors: [processor] });
    } finally {
      restore('OTEL_SERVICE_NAME', saved.name);
      restore('OTEL_RESOURCE_ATTRIBUTES', saved.attributes);
    }
    trace.getTracer('test').startSpan('work').end();
    await processor.forceFlush();
    expect(exporter.getFinishedSpans()[0]?.resource.attributes).toMatchObject({
      'service.name': 'naperj-submissions',
      'service.namespace': 'naperj',
      'naperj.country': 'us',
      'deployment.environment.name': 'staging',
      'process.pid': process.pid,
    });
  });

  it('refuses to start twice', () => {
    startTelemetry(config);
    expect(() => startTelemetry(config)).toThrow('Telemetry is already started');
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
