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
  private readonly parked: Gauge;
  private readonly parkedTotal: Counter;

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
    this.parked =
      existing(registry, 'naperj_outbox_parked', Gauge) ??
      new Gauge({
        name: 'naperj_outbox_parked',
        help: 'Events set aside because Kafka can never take them (see the parked collection for why)',
        registers: [registry],
      });
    this.parkedTotal =
      existing(registry, 'naperj_outbox_parked_total', Counter) ??
      new Counter({ name: 'naperj_outbox_parked_total', help: 'Events the outbox relay parked', registers: [registry] });
  }

  observe({ pending, oldestPendingAgeSeconds, parked }: OutboxStats): void {
    this.pending.set(pending);
    this.oldestPendingAge.set(oldestPendingAgeSeconds);
    this.parked.set(parked);
  }

  /** This relay parked an event; the gauge follows on the next observation. */
  parkedOne(): void {
    this.parkedTotal.inc();
    this.parked.inc();
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
