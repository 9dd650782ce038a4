import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { ReadinessCheck } from './readiness.check';

/**
 * `naperj_ready`, checked when Prometheus scrapes: a process that answers but cannot reach its
 * database or Kafka is up for Prometheus and yet serves nothing, which `up` alone cannot tell.
 */
@Injectable()
export class ReadinessMetrics {
  constructor(readiness: ReadinessCheck, metrics: MetricsRegistry) {
    const gauge = metrics.gauge({ name: 'naperj_ready', help: '1 when MongoDB and Kafka answer the readiness checks (GET /health/ready), else 0' });
    // Set here rather than at registration: the registry is the process's and hands back a gauge registered before.
    Object.assign(gauge, {
      collect: () =>
        readiness.run().then(
          () => gauge.set(1),
          () => gauge.set(0),
        ),
    });
  }
}
