import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConsumedTopic } from './consumed-topic';
import type { DeadLetterKind } from './dead-letter.publisher';

/**
 * The consumer runtime's Prometheus counters (reporting's federation status reads them) and lag.
 * Registering is idempotent, so several groups, or a module built twice, share the series.
 */
export class ConsumerMetrics {
  private readonly receivedTotal: Counter<'origin' | 'stream'>;
  private readonly processedTotal: Counter<'topic' | 'type'>;
  private readonly dlqTotal: Counter<'topic' | 'reason_kind'>;
  private readonly signatureFailuresTotal: Counter<'origin'>;
  private readonly lagGauge: Gauge<'group' | 'topic' | 'partition'>;
  /** The partitions each group reports a lag for, as `topic/partition`. */
  private readonly lagSeries = new Map<string, Map<string, { topic: string; partition: string }>>();

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
    this.lagGauge = gauge(
      registry,
      'naperj_consumer_lag',
      "Messages of a partition its group has not yet processed: the broker's high watermark at this member's last fetch minus the next offset to process",
      ['group', 'topic', 'partition'],
    );
  }

  /** The lag of a partition this member consumes. */
  lag(group: string, topic: string, partition: number, lag: number): void {
    const series = { topic, partition: String(partition) };
    this.lagGauge.set({ group, ...series }, Math.max(0, lag));
    let held = this.lagSeries.get(group);
    if (!held) this.lagSeries.set(group, (held = new Map<string, { topic: string; partition: string }>()));
    held.set(`${topic}/${partition}`, series);
  }

  /**
   * The group's partitions this member now holds: the series of the others are dropped, so the
   * figure a member reported before a rebalance does not outlive its assignment.
   */
  assigned(group: string, assignment: Readonly<Record<string, readonly number[]>>): void {
    const kept = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => `${topic}/${partition}`)));
    const held = this.lagSeries.get(group);
    for (const [key, series] of held ?? []) {
      if (kept.has(key)) continue;
      this.lagGauge.remove({ group, ...series });
      held?.delete(key);
    }
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

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  if (existing) throw new Error(`Metric ${name} is already registered with another type`);
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  if (existing) throw new Error(`Metric ${name} is already registered with another type`);
  return new Counter({ name, help, labelNames, registers: [registry] });
}
