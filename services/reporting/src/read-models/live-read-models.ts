import { KafkaEventServer, type RunningConsumerGroup } from '@naperj/messaging';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGeneration } from './read-model-generations';
import { ReadModelRegistry } from './read-model.registry';

/** How soon a replica follows a rebuild's switch-over; the API switches at once. */
const SWITCH_POLL_MS = 2000;

/**
 * Keeps the active generation of the read models up to date: runs its consumer group, and
 * when a rebuild activates another generation, stops this one and takes over the rebuild's
 * group, which resumes where the rebuild stopped. One writer per generation at any time, so
 * its per-partition counters never race.
 */
@Injectable()
export class LiveReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveReadModels.name);
  private readonly stopping = new AbortController();
  private following?: Promise<void>;
  private current?: { generation: string; group: RunningConsumerGroup };

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly events: KafkaEventServer,
  ) {}

  onApplicationBootstrap(): void {
    this.following = this.follow();
  }

  /** The generation this replica writes and its consumer group; none until the database has answered. */
  writing(): { generation: string; groupId: string } | undefined {
    return this.current && { generation: this.current.generation, groupId: this.current.group.groupId };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.following;
    await this.current?.group.stop();
  }

  private async follow(): Promise<void> {
    let failing = false;
    while (!this.stopping.signal.aborted) {
      try {
        const active = await this.registry.activeGeneration();
        if (active !== this.current?.generation) await this.switchTo(active);
        failing = false;
      } catch (error) {
        // Once per outage: the database may be down for a while; the consumer keeps its generation.
        if (!failing) this.logger.warn(`Cannot read the active read-model generation: ${(error as Error).message}`);
        failing = true;
      }
      await sleep(SWITCH_POLL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async switchTo(generation: string): Promise<void> {
    const previous = this.current;
    if (previous) {
      this.logger.log(`The read models switch from generation ${previous.generation} to ${generation}`);
      await previous.group.stop();
    }
    this.current = { generation, group: await startGeneration(this.events, generation) };
  }
}
