import { nodeTopics, peerSharedTopics } from '@naperj/contracts';
import { provisionTopics } from '@naperj/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceConfig } from '../config/service-config';
import { KAFKA_CLIENT } from './kafka.tokens';

const MAX_BACKOFF_MS = 5000;
const SHUTDOWN_WAIT_MS = 2000;

/**
 * Creates the node's own topics and every peer's shared topics at start (ARCHITECTURE.md
 * §4), so no client relies on auto-creation. Runs in the background and retries while
 * Kafka is unreachable: the service starts anyway and its readiness reports Kafka.
 */
@Injectable()
export class TopicProvisioner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TopicProvisioner.name);
  private stopped = false;
  private admin?: Admin;
  private provisioned!: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.provisioned = this.provisionUntilDone();
  }

  /** Resolves once every topic exists (never, while Kafka stays unreachable). */
  whenProvisioned(): Promise<void> {
    return this.provisioned;
  }

  /** Ends a provisioning still in progress, so nothing runs on after the app closed. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.admin?.disconnect().catch(() => undefined);
    await Promise.race([this.provisioned, sleep(SHUTDOWN_WAIT_MS)]);
  }

  private async provisionUntilDone(): Promise<void> {
    const specs = [...nodeTopics(this.config.get('country', { infer: true })), ...peerSharedTopics(this.config.get('peers', { infer: true }))];
    for (let attempt = 0; !this.stopped; attempt++) {
      const admin = (this.admin = this.kafka.admin());
      try {
        await admin.connect();
        const { created } = await provisionTopics(admin, specs);
        this.logger.log(`${specs.length} topics present${created.length ? `, ${created.length} created` : ''}`);
        return;
      } catch (error) {
        if (this.stopped) return;
        if (attempt === 0) this.logger.warn(`Kafka topics not provisioned yet, retrying: ${(error as Error).message}`);
        await sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt));
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }
}
