import { fromKafkaMessage, loadLocalTrustStore, type RecordedEvent, sharedEventRejection } from '@naperj/messaging';
import { shutdownTelemetry, startTelemetry } from '@naperj/service-kit';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { isWrapped } from '@opentelemetry/instrumentation';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as kafkajs from 'kafkajs';
import { BED_EVENT_TYPE, OutboxBed, type ReadMessage } from './outbox.fixture';

const CONTROL_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('what the relay publishes', () => {
  const bed = new OutboxBed();
  const exporter = new InMemorySpanExporter();
  // jest's module loader escapes require-in-the-middle: patch the loaded kafkajs directly.
  const kafkajsInstrumentation = new KafkaJsInstrumentation();
  let recorded: RecordedEvent;
  let messages: ReadMessage[];
  let publishedAfterMs: number;

  beforeAll(async () => {
    startTelemetry({ service: 'expert-network', country: 'mx', telemetry: {} }, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
    for (const definition of kafkajsInstrumentation.getModuleDefinitions()) definition.patch?.(kafkajs);
    await bed.open();
    const store = await bed.store();
    const relay = bed.relay(store);
    relay.start();

    const request = trace.getTracer('test').startSpan('DELETE /api/v1/experts/:id');
    recorded = await context.with(trace.setSpan(context.active(), request), () =>
      store.append(bed.event('expert-withdrawn', 1, { shared: true, tombstone: true })),
    );
    request.end();
    await bed.untilNothingPending(10_000);
    publishedAfterMs = Date.now() - recorded.recordedAt.getTime();
    await relay.stop();

    // A message sent outside the relay, as the instrumentation treats it.
    const producer = bed.kafka.producer({ createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: bed.privateTopic, messages: [{ key: 'control', value: '{}', headers: { traceparent: CONTROL_TRACEPARENT } }] });
    await producer.disconnect();
    messages = await bed.read(bed.privateTopic, bed.sharedTopic);
  }, 45_000);

  afterAll(async () => {
    for (const definition of kafkajsInstrumentation.getModuleDefinitions()) definition.unpatch?.(kafkajs);
    await shutdownTelemetry();
    await bed.close();
  });

  function decoded(topic: string) {
    const message = messages.find((m) => m.topic === topic && m.key === 'expert-withdrawn' && m.value !== null)!;
    const result = fromKafkaMessage({ key: message.key, headers: message.headers, value: message.value });
    if (!result.ok) throw new Error(result.reason);
    return { message, decoded: result.decoded };
  }

  it("continues the request's trace in a send span per message, which the message's traceparent names", () => {
    const request = exporter
      .getFinishedSpans()
      .find((span) => span.name === 'DELETE /api/v1/experts/:id')!
      .spanContext();
    expect(recorded.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);
    for (const topic of [bed.privateTopic, bed.sharedTopic]) {
      const send = exporter.getFinishedSpans().find((span) => span.name === `send ${topic}`)!;
      expect(send.parentSpanContext?.spanId).toBe(request.spanId);
      expect(decoded(topic).message.headers['traceparent']).toBe(`00-${request.traceId}-${send.spanContext().spanId}-01`);
    }
  });

  it('keeps the kafkajs instrumentation from tracing the relay, which still traces other producers', () => {
    // The method as a value (isWrapped reads its marker, never calls it).
    expect(isWrapped(Reflect.get(kafkajs.Kafka.prototype, 'producer'))).toBe(true);
    expect(messages.find((m) => m.key === 'control')!.headers['traceparent']).not.toBe(CONTROL_TRACEPARENT);
    const kafkajsSpans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.PRODUCER && span.instrumentationScope.name.includes('kafkajs'));
    expect(kafkajsSpans.map((span) => span.name)).toEqual([`send ${bed.privateTopic}`]);
  });

  it('is signed by the node, each view with its own ce_id, type, time and classification', async () => {
    const trust = await loadLocalTrustStore(bed.secretsDir, ['mx']);
    const [privateView, sharedView] = recorded.deliveries;
    for (const [topic, delivery] of [
      [bed.privateTopic, privateView!],
      [bed.sharedTopic, sharedView!],
    ] as const) {
      const { message, decoded: event } = decoded(topic);
      expect(sharedEventRejection(event, 'mx', trust)).toBeUndefined();
      expect(message.headers).toMatchObject({ ce_sigkid: bed.signer.kid, 'content-type': 'application/json' });
      expect(event.event).toEqual({
        id: delivery.id,
        source: 'urn:naperj:mx:expert-network',
        type: BED_EVENT_TYPE,
        time: recorded.recordedAt.toISOString(),
        subject: 'expert-withdrawn',
        dataclassification: delivery.dataclassification,
        traceparent: message.headers['traceparent'],
        data: delivery.data,
      });
    }
  });

  it('follows the shared view with a tombstone under the same key, in the same partition', () => {
    const shared = messages.filter((m) => m.topic === bed.sharedTopic);
    expect(shared.map(({ key, value, headers }) => [key, value === null ? null : headers['ce_id']])).toEqual([
      ['expert-withdrawn', recorded.deliveries[1]!.id],
      ['expert-withdrawn', null],
    ]);
    expect(new Set(shared.map((m) => m.partition)).size).toBe(1);
    console.log(`append to published (relay nudged in the same process): ${publishedAfterMs} ms`);
  });
});
