import { MetricsRegistry } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import type { WithholdReason } from './integrator-event';

/** What the integrator stream serves, for Prometheus. */
@Injectable()
export class StreamMetrics {
  private readonly connections: Gauge;
  private readonly sentTotal: Counter<'type'>;
  private readonly withheldTotal: Counter<'reason'>;

  constructor(metrics: MetricsRegistry) {
    this.connections = metrics.gauge({ name: 'naperj_stream_connections', help: 'Integrators connected to GET /api/v1/stream' });
    this.sentTotal = metrics.counter({ name: 'naperj_stream_events_sent_total', help: 'Events sent to integrators, by type', labelNames: ['type'] });
    this.withheldTotal = metrics.counter({
      name: 'naperj_stream_events_withheld_total',
      help: 'Records of shared topics kept from integrators, by why: undecodable, untrusted (source or signature), unknown-type, invalid',
      labelNames: ['reason'],
    });
  }

  opened(): void {
    this.connections.inc();
  }

  closed(): void {
    this.connections.dec();
  }

  sent(type: string): void {
    this.sentTotal.inc({ type });
  }

  withheld(reason: WithholdReason): void {
    this.withheldTotal.inc({ reason });
  }
}
