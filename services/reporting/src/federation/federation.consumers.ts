import { dlqTopic, SERVICE_NAMES, SHARED_STREAMS } from '@naperj/contracts';
import { ConsumerRunner, EventConsumerGroups, type StartedConsumerGroup } from '@naperj/messaging';
import { KAFKA_CLIENT, type ServiceConfig } from '@naperj/service-kit';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { DeadLetterTally } from './dead-letter.tally';
import { DeadLettersStore } from './dead-letters.store';
import { FederationTelemetryProjection } from './federation-telemetry.projection';

const RETRY_MS = 2000;

/**
 * The consumer groups of the federation's telemetry: partners' shared streams as they arrive,
 * and the node's DLQ topics. They measure from the database's first start on (`countedSince`):
 * a new group starts at the end of its topics, since replaying a day of heartbeats would only
 * record replay times as latencies. Their names carry the installation id, so a new database
 * never takes over another database's offsets.
 */
@Injectable()
export class FederationConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FederationConsumers.name);
  private readonly stopping = new AbortController();
  private starting?: Promise<void>;
  private telemetry?: StartedConsumerGroup;
  private deadLetters?: ConsumerRunner;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly groups: EventConsumerGroups,
    private readonly projection: FederationTelemetryProjection,
    private readonly deadLettersStore: DeadLettersStore,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.starting = this.start();
  }

  /** Resolves once both groups have joined Kafka: what partners send from then on is counted. */
  async whenRunning(): Promise<void> {
    await this.started;
    await Promise.all([this.telemetry!.whenRunning(), this.deadLetters!.whenRunning()]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await Promise.all([this.telemetry?.stop(), this.deadLetters?.stop()]);
  }

  private async start(): Promise<void> {
    const installation = await this.installationId();
    if (!installation) return;
    this.telemetry = this.groups.start({
      group: `federation-${installation}`,
      subscriptions: SHARED_STREAMS.map((stream) => ({ shared: stream })),
      handlers: [this.projection],
      startAt: 'latest',
    });
    const country = this.config.get('country', { infer: true });
    const logger = new Logger(`DeadLetterTally ${country}`);
    this.deadLetters = new ConsumerRunner({
      kafka: this.kafka,
      groupId: this.groups.groupId(`dead-letters-${installation}`),
      topics: SERVICE_NAMES.map((service) => ({ name: dlqTopic(country, service), origin: country, visibility: 'private', stream: service })),
      processor: new DeadLetterTally(this.deadLettersStore, this.config.get('peers', { infer: true }), logger),
      partitionsConsumedConcurrently: 4,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3_000,
      logger,
      startAt: 'latest',
    });
    this.deadLetters.start();
    this.markStarted();
  }

  /** Waits for the database, which names the groups; undefined when the app stops first. */
  private async installationId(): Promise<string | undefined> {
    for (let failures = 0; !this.stopping.signal.aborted; failures++) {
      try {
        return await this.registry.installationId();
      } catch (error) {
        if (failures === 0) this.logger.warn(`Federation telemetry waits for the database: ${(error as Error).message}`);
        await sleep(RETRY_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
    return undefined;
  }
}
