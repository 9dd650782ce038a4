import { Counter, type Registry } from 'prom-client';
import type { ConsumedTopic } from './consumed-topic';
import type { DeadLetterKind } from './dead-letter.publisher';

/**
 * The consumer runtime's Prometheus counters (reporting's federation status reads them).
 * Registering is idempotent, so several groups, or a module built twice, share the series.
 */
export class ConsumerMetrics {
  private readonly receivedTotal: Counter<'origin' | 'stream'>;
  private readonly processedTotal: Counter<'topic' | 'type'>;
  private readonly dlqTotal: Counter<'topic' | 'reason_kind'>;
  private readonly signatureFailuresTotal: Counter<'origin'>;

  constructor(registry: Registry) {
    this.receivedTotal = counter(registry, 'naperj_consumer_received_total', 'Messages read, by origin country and stream', ['origin', 'stream']);
    this.processedTotal = counter(registry, 'naperj_consumer_processed_total', 'Events applied by a handler', ['topic', 'type']);
    this.dlqTotal = counter(registry, 'naperj_consumer_dlq_total', 'Messages sent to the DLQ, by why', ['topic', 'reason_kind']);
    this.signatureFailuresTotal = counter(
      registry,
      'naperj_consumer_signature_failures_total',
      'Shared events refused: wrong source country, unsigned, unknown key or bad signature',
      ['origin'],
    );
  }

  received(topic: ConsumedTopic): void {
    this.receivedTotal.inc({ origin: topic.origin, stream: topic.stream });
  }

  processed(topic: ConsumedTopic, type: string): void {
    this.processedTotal.inc({ topic: topic.name, type });
  }

  deadLettered(topic: ConsumedTopic, kind: DeadLetterKind): void {
    this.dlqTotal.inc({ topic: topic.name, reason_kind: kind });
  }

  signatureFailed(topic: ConsumedTopic): void {
    this.signatureFailuresTotal.inc({ origin: topic.origin });
  }
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  if (existing) throw new Error(`Metric ${name} is already registered with another type`);
  return new Counter({ name, help, labelNames, registers: [registry] });
}
