import { ConsumedEventLedger, KafkaEventServer } from '@naperj/messaging';
import { KAFKA_CLIENT } from '@naperj/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Admin, Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumerLag } from './consumer-lag';
import { generationGroupId, generationTopics, startGeneration } from './read-model-generations';
import { ReadModelRegistry } from './read-model.registry';

export interface RebuildOptions {
  /** Take the lock of a rebuild that died holding it. */
  force?: boolean;
  timeoutMs: number;
  /** Ends the rebuild early, keeping the active generation. */
  signal?: AbortSignal;
  /** Called at every check of the new generation's progress. */
  onProgress?: (progress: { generation: string; left: bigint; kept: bigint }) => void;
}

export interface RebuildReport {
  generation: string;
  /** The generation it replaced, kept until the next rebuild. */
  previous: string;
  /** The messages the topics kept when the rebuild caught up. */
  messages: bigint;
  /** Older generations dropped. */
  retired: string[];
  tookMs: number;
}

const PROGRESS_CHECK_MS = 500;

/**
 * Rebuilds the read models from Kafka: a new generation (fresh collections) filled by a new
 * consumer group that reads every topic from its start, until it has read what the topics
 * hold; then the pointer names it, the API reads it at once and the live consumers take over
 * its group. What the old group applied in the meantime is read again by the new one, which
 * resumes at its own offsets. Generations older than the one replaced are dropped.
 */
@Injectable()
export class ReadModelRebuild {
  private readonly logger = new Logger(ReadModelRebuild.name);
  private readonly ledger: ConsumedEventLedger;

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly events: KafkaEventServer,
    @InjectConnection() private readonly connection: Connection,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
  ) {
    this.ledger = new ConsumedEventLedger(connection);
  }

  async run({ force = false, timeoutMs, signal, onProgress }: RebuildOptions): Promise<RebuildReport> {
    const startedAt = Date.now();
    await this.registry.lockRebuild(force);
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const previous = await this.registry.activeGeneration();
      const generation = await this.registry.createGeneration();
      try {
        const messages = await this.fill(admin, generation, startedAt + timeoutMs, signal, onProgress);
        await this.registry.activate(generation, previous);
        const retired = await this.retireAllBut(admin, [generation, previous]);
        return { generation, previous, messages, retired, tookMs: Date.now() - startedAt };
      } catch (error) {
        await this.retire(admin, generation);
        throw error;
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
      await this.registry.unlockRebuild();
    }
  }

  /** Runs the generation's group until it has read everything; stops it, its offsets committed. */
  private async fill(
    admin: Admin,
    generation: string,
    deadline: number,
    signal: AbortSignal | undefined,
    onProgress: RebuildOptions['onProgress'],
  ): Promise<bigint> {
    const topics = generationTopics(this.events);
    const group = await startGeneration(this.events, generation);
    try {
      let left = 'an unknown number of';
      for (;;) {
        try {
          const { lag, kept } = await consumerLag(admin, group.groupId, topics);
          onProgress?.({ generation, left: lag, kept });
          if (lag === 0n) return kept;
          left = String(lag);
        } catch (error) {
          // Leadership moves and brokers restart: the group carries on, so the check is tried again.
          this.logger.warn(`Progress of generation ${generation} unknown for now: ${(error as Error).message}`);
        }
        if (signal?.aborted) throw new Error(`Rebuild of generation ${generation} stopped with ${left} messages left; the active generation stays`);
        if (Date.now() > deadline) throw new Error(`Rebuild of generation ${generation} timed out with ${left} messages left; the active generation stays`);
        await sleep(PROGRESS_CHECK_MS, undefined, { signal }).catch(() => undefined);
      }
    } finally {
      await group.stop();
    }
  }

  private async retireAllBut(admin: Admin, kept: readonly string[]): Promise<string[]> {
    const retired = (await this.registry.generations()).filter((generation) => !kept.includes(generation));
    for (const generation of retired) await this.retire(admin, generation);
    return retired;
  }

  /** Drops a generation: its collections (every indicator's, all named after it), its consumer group and the group's ledger entries. */
  private async retire(admin: Admin, generation: string): Promise<void> {
    for (const collection of await generationCollections(this.connection, generation)) {
      await this.connection.db!.dropCollection(collection).catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
      });
    }
    const groupId = generationGroupId(this.events, generation);
    // A group that never committed does not exist, which is as good as deleted.
    await admin.deleteGroups([groupId]).catch((error: unknown) => this.logger.debug(`Consumer group ${groupId} not deleted: ${(error as Error).message}`));
    await this.ledger.forget(groupId);
    await this.registry.forgetGeneration(generation);
  }
}

/** The collections a generation owns: `reporting_<generation>_*`, whichever indicators made them. */
async function generationCollections(connection: Connection, generation: string): Promise<string[]> {
  const prefix = `reporting_${generation}_`;
  const collections = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
  return collections.map(({ name }) => name).filter((name) => name.startsWith(prefix));
}
