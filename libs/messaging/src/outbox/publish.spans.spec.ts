import { propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { PendingEvent } from './publication-order';
import { PublishSpans } from './publish.spans';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REQUEST_SPAN_ID = 'b7ad6b7169203331';

function pending(traceparent: string | null): PendingEvent {
  const delivery = (id: string, topic: string) => ({
    id,
    topic,
    type: 'org.naperj.expert.withdrawn.v1',
    dataclassification: 'internal' as const,
    data: '{}',
    tombstone: false,
  });
  return {
    _id: 'event-1',
    subject: 'expert-1',
    version: 3,
    recordedAt: new Date(),
    traceparent,
    deliveries: [delivery('private-1', 'mx.expert-network.events.v1'), delivery('shared-1', 'mx.shared.experts.v1')],
  };
}

describe('PublishSpans', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });

  afterAll(() => {
    trace.disable();
    propagation.disable();
  });

  beforeEach(() => exporter.reset());

  it('opens one PRODUCER span per delivery, a child of the recording request, whose traceparent each message carries', () => {
    const spans = new PublishSpans([pending(`00-${TRACE_ID}-${REQUEST_SPAN_ID}-01`)]);
    spans.end();

    const finished = exporter.getFinishedSpans();
    expect(finished.map((span) => span.name)).toEqual(['send mx.expert-network.events.v1', 'send mx.shared.experts.v1']);
    for (const span of finished) {
      expect(span.kind).toBe(SpanKind.PRODUCER);
      expect(span.spanContext().traceId).toBe(TRACE_ID);
      expect(span.parentSpanContext?.spanId).toBe(REQUEST_SPAN_ID);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    }
    expect(finished[1]!.attributes).toMatchObject({
      'messaging.destination.name': 'mx.shared.experts.v1',
      'messaging.kafka.message.key': 'expert-1',
      'cloudevents.event_id': 'shared-1',
    });
    expect(spans.traceparents.get('shared-1')).toBe(`00-${TRACE_ID}-${finished[1]!.spanContext().spanId}-01`);
  });

  it('marks every span of a batch that failed to send as an error', () => {
    new PublishSpans([pending(`00-${TRACE_ID}-${REQUEST_SPAN_ID}-01`)]).end(new Error('broker unreachable'));
    expect(exporter.getFinishedSpans().map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
    expect(exporter.getFinishedSpans()[0]!.events[0]!.name).toBe('exception');
  });

  it('opens no span for an event recorded outside a trace, and gives its messages no traceparent', () => {
    const spans = new PublishSpans([pending(null)]);
    spans.end();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(spans.traceparents.size).toBe(0);
  });
});
