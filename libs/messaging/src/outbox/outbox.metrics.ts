import type { TopicMessages } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxStats } from './outbox-queue';

/**
 * The relay's Prometheus metrics. Registering is idempotent, so a module built twice, or
 * two relays of one process, share the series. Every replica reports the same outbox.
 */
export class OutboxMetrics {
  private readonly pending: Gauge;
  private readonly oldestPendingAge: Gauge;
  private readonly publishedTotal: Counter<'topic'>;

  constructor(registry: Registry) {
    this.pending =
      existing(registry, 'naperj_outbox_pending', Gauge) ??
      new Gauge({ name: 'naperj_outbox_pending', help: 'Events in the outbox not yet published to Kafka', registers: [registry] });
    this.oldestPendingAge =
      existing(registry, 'naperj_outbox_oldest_pending_age_seconds', Gauge) ??
      new Gauge({
        name: 'naperj_outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest event not yet published; 0 when none is pending',
        registers: [registry],
      });
    this.publishedTotal =
      existing(registry, 'naperj_outbox_published_total', Counter<'topic'>) ??
      new Counter({
        name: 'naperj_outbox_published_total',
        help: 'Messages the outbox relay published (re-publications after a crash included), by topic',
        labelNames: ['topic'],
        registers: [registry],
      });
  }

  observe({ pending, oldestPendingAgeSeconds }: OutboxStats): void {
    this.pending.set(pending);
    this.oldestPendingAge.set(oldestPendingAgeSeconds);
  }

  published(topicMessages: readonly TopicMessages[]): void {
    for (const { topic, messages } of topicMessages) this.publishedTotal.inc({ topic }, messages.length);
  }
}

function existing<M>(registry: Registry, name: string, type: abstract new (...args: never[]) => M): M | undefined {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof type)) throw new Error(`Metric ${name} is already registered with another type`);
  return metric;
}
