import { nodeTopics, peerSharedTopics } from '@naperj/contracts';
import { backoffDelay, provisionTopics } from '@naperj/messaging';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceConfig } from '../config/service-config';
import { KAFKA_CLIENT } from './kafka.tokens';

const SHUTDOWN_WAIT_MS = 2000;

/**
 * Creates the node's own topics and every peer's shared topics (docs/architecture.md,
 * Topics), so no client relies on auto-creation. Runs once, when the first publisher or
 * consumer group of the service asks, and retries while Kafka is unreachable: the service
 * serves anyway and its readiness reports Kafka. A service or CLI that neither publishes
 * nor consumes never asks.
 */
@Injectable()
export class TopicProvisioner implements OnApplicationShutdown {
  private readonly logger = new Logger(TopicProvisioner.name);
  private readonly stopping = new AbortController();
  private admin?: Admin;
  private provisioned?: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceConfig, true>,
  ) {}

  /** Resolves once every topic exists; the first call starts the work, later ones wait for it. */
  provision(): Promise<void> {
    this.provisioned ??= this.provisionUntilDone();
    return this.provisioned;
  }

  /** Ends a provisioning still in progress, so nothing runs on after the app closed. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.admin?.disconnect().catch(() => undefined);
    if (this.provisioned) await Promise.race([this.provisioned.catch(() => undefined), sleep(SHUTDOWN_WAIT_MS)]);
  }

  private async provisionUntilDone(): Promise<void> {
    const specs = [...nodeTopics(this.config.get('country', { infer: true })), ...peerSharedTopics(this.config.get('peers', { infer: true }))];
    for (let failures = 1; ; failures++) {
      if (this.stopping.signal.aborted) throw new Error('The service stopped before its topics were provisioned');
      const admin = (this.admin = this.kafka.admin());
      try {
        await admin.connect();
        const { created } = await provisionTopics(admin, specs, { minInsyncReplicas: this.config.get('kafka', { infer: true }).minInsyncReplicas });
        this.logger.log(`${specs.length} topics present${created.length ? `, ${created.length} created` : ''}`);
        return;
      } catch (error) {
        if (failures === 1 && !this.stopping.signal.aborted) this.logger.warn(`Kafka topics not provisioned yet, retrying: ${(error as Error).message}`);
        await sleep(backoffDelay(failures, { initialMs: 250, maxMs: 5000 }), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }
}
