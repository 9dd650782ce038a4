import { KafkaEventServer, type RunningConsumerGroup } from '@naperj/messaging';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { DEAD_LETTERS, FEDERATION_TELEMETRY } from './federation-groups';

const RETRY_MS = 2000;

/**
 * Starts the federation's telemetry groups (partners' shared streams, and the node's DLQ
 * topics) at the end of their topics, named after the database's installation id, once the
 * database has told it.
 */
@Injectable()
export class FederationConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FederationConsumers.name);
  private readonly stopping = new AbortController();
  private starting?: Promise<RunningConsumerGroup[]>;

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly events: KafkaEventServer,
  ) {}

  onApplicationBootstrap(): void {
    this.starting = this.start();
  }

  /** Resolves once both groups have joined Kafka: what partners send from then on is counted; rejects if the app stopped first. */
  async whenRunning(): Promise<void> {
    const groups = await this.starting;
    if (!groups?.length) throw new Error('The federation telemetry did not start: the app stopped first');
    await Promise.all(groups.map((group) => group.whenRunning()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.all((await this.starting)?.map((group) => group.stop()) ?? []);
  }

  private async start(): Promise<RunningConsumerGroup[]> {
    const installation = await this.installationId();
    if (!installation) return [];
    return Promise.all(
      [FEDERATION_TELEMETRY.group, DEAD_LETTERS.group].map((group) => this.events.startGroup(group, { instance: installation, startAt: 'latest' })),
    );
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
