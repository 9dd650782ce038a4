import { shutdownTelemetry, startTelemetry } from '@naperj/service-kit';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import { groupIdOf } from './consumer-test-app';
import { ConsumerTestBed, newSubject, waitFor } from './consumer-test-bed';

jest.setTimeout(60_000);

describe('consumer runtime: trace propagation (real Kafka and FerretDB)', () => {
  const exporter = new InMemorySpanExporter();
  let bed: ConsumerTestBed;

  beforeAll(async () => {
    startTelemetry({ service: 'submissions', country: 'mx', telemetry: {} }, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
    bed = await ConsumerTestBed.create();
    await bed.startApp();
  });

  afterAll(async () => {
    await bed?.close();
    await shutdownTelemetry();
  });

  async function finishedSpan(spanId: string | undefined): Promise<ReadableSpan> {
    await waitFor(() => exporter.getFinishedSpans().some((span) => span.spanContext().spanId === spanId), `span ${spanId}`);
    return exporter.getFinishedSpans().find((span) => span.spanContext().spanId === spanId)!;
  }

  function traceparent(): { traceId: string; parentSpanId: string; header: string } {
    const [traceId, parentSpanId] = [randomBytes(16).toString('hex'), randomBytes(8).toString('hex')];
    return { traceId, parentSpanId, header: `00-${traceId}-${parentSpanId}-01` };
  }

  it("runs the handler in a CONSUMER span that is a child of the producer's span", async () => {
    const { traceId, parentSpanId, header } = traceparent();
    const subject = newSubject();
    const event = bed.withdrawal(subject, 1, { traceparent: header });
    await bed.send(bed.topics.shared.name, bed.signed(event));
    await bed.waitForVersion(subject, 1);

    const [invocation] = await bed.invocations(event.id);
    expect(invocation?.traceId).toBe(traceId);
    const span = await finishedSpan(invocation?.spanId);
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.name).toBe(`process ${bed.topics.shared.name}`);
    expect(span.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': bed.topics.shared.name,
      'messaging.consumer.group.name': groupIdOf(`bed-${bed.id}`),
      'cloudevents.event_id': event.id,
      'naperj.consumer.outcome': 'applied',
    });
  });

  it('continues the trace of a dead-lettered event too, marking its span as an error', async () => {
    const { traceId, parentSpanId, header } = traceparent();
    const event = bed.withdrawal(newSubject(), 1, { traceparent: header, source: 'urn:naperj:ca:submissions' });
    await bed.send(bed.topics.shared.name, bed.signed(event, bed.signers.ca));

    await waitFor(() => exporter.getFinishedSpans().some((span) => span.spanContext().traceId === traceId), 'the consumer span');
    const span = exporter.getFinishedSpans().find((candidate) => candidate.spanContext().traceId === traceId)!;
    expect(span.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span.attributes['naperj.consumer.outcome']).toBe('dead-lettered');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringContaining('untrusted: ce_source') as unknown });
  });
});
