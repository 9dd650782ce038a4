import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { readHeaders } from '../envelope/kafka-headers';
import type { ConsumedRecord } from './dead-letter.publisher';

/**
 * Runs `work` in a CONSUMER span whose parent is the message's `traceparent`, so the trace
 * of the request that caused the event continues here. The parent is taken from the
 * message alone, whatever span is active: kafkajs instrumentation may have opened one.
 */
export function inConsumerSpan<T>(record: ConsumedRecord, groupId: string, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, readHeaders(record.message.headers));
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': record.topic.name,
    'messaging.destination.partition.id': String(record.partition),
    'messaging.consumer.group.name': groupId,
    'messaging.kafka.offset': Number(record.message.offset),
  };
  const span = trace.getTracer('@naperj/messaging').startSpan(`process ${record.topic.name}`, { kind: SpanKind.CONSUMER, attributes }, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
