import { createKafka } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type HealthCheckAttempt, HealthIndicatorService } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { ServiceConfig } from '../config/service-config';

/** Kafka is reachable when a broker answers a metadata request and names its controller. */
@Injectable()
export class KafkaHealthIndicator {
  private readonly kafka: Kafka;

  constructor(
    private readonly health: HealthIndicatorService,
    config: ConfigService<ServiceConfig, true>,
  ) {
    // A probe client of its own: failing fast matters more here than retrying.
    this.kafka = createKafka({
      ...config.get('kafka', { infer: true }),
      clientId: `${config.get('service', { infer: true })}-health`,
      log: () => undefined,
      connectionTimeout: 1000,
      requestTimeout: 1500,
      retry: { retries: 0 },
    });
  }

  reachable(key: string, timeoutMs: number): HealthCheckAttempt {
    return this.health
      .check(key)
      .attempt(async ({ signal }) => {
        const admin = this.kafka.admin();
        signal.addEventListener('abort', () => void admin.disconnect(), { once: true });
        try {
          await admin.connect();
          const cluster = await admin.describeCluster();
          if (cluster.controller === null) throw new Error('the cluster has no active controller');
          return { brokers: cluster.brokers.length };
        } finally {
          await admin.disconnect();
        }
      })
      .withTimeout(timeoutMs);
  }
}
