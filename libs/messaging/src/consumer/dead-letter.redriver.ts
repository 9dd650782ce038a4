import { CLOUD_EVENT_HEADERS } from '@naperj/contracts';
import type { LoggerService } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { sourceCountry } from '../envelope/cloud-event';
import type { TrustStore } from '../envelope/event-signature';
import { headerText } from '../envelope/kafka-headers';
import type { ConsumedTopic } from './consumed-topic';
import { deadLetterRef, readDeadLetters, redriveMessage, type StoredDeadLetter, withoutDeadLetterHeaders } from './dead-letter.reader';
import { type ConsumedRecord, type DeadLetterPublisher, readDeadLetterRecord } from './dead-letter.publisher';
import type { MessageProcessor, ProcessOutcome } from './message.processor';

/** A consumer group that runs here: what a re-driven record of it is processed with. */
export interface RedriveTarget {
  processor: Pick<MessageProcessor, 'process'>;
  /** The topics the group reads, by name: a re-driven record is processed as read from its own. */
  topics: ReadonlyMap<string, ConsumedTopic>;
}

/**
 * Processes a record of the service's re-drive topic: the dead letter goes back through the
 * processor of the group named in `dlq_group` (envelope, signature, catalogue, ledger,
 * handler), as if read again at its original topic, partition and offset. Nothing is written
 * to the original topic, which may be a partner's mirrored one. A record of a group that does
 * not run here, or of a topic it no longer reads, is skipped with a warning.
 */
export class RedriveProcessor {
  constructor(
    private readonly targets: (groupId: string) => RedriveTarget | undefined,
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {}

  process(record: ConsumedRecord, stopping: AbortSignal): Promise<ProcessOutcome> {
    const { message } = record;
    const dead = readDeadLetterRecord(record);
    const target = dead.group === undefined ? undefined : this.targets(dead.group);
    const topic = dead.sourceTopic === undefined ? undefined : target?.topics.get(dead.sourceTopic);
    if (!target || !topic || dead.sourcePartition === undefined || dead.sourceOffset === undefined) {
      this.logger.warn(
        `${record.topic.name}[${record.partition}]@${message.offset}: not re-driven: group ${dead.group ?? '?'} does not run here or does not read ${dead.sourceTopic ?? '?'}`,
      );
      return Promise.resolve('skipped');
    }
    const original: ConsumedRecord = {
      topic,
      partition: Number(dead.sourcePartition),
      message: { ...message, offset: dead.sourceOffset, headers: withoutDeadLetterHeaders(message.headers) } as ConsumedRecord['message'],
    };
    return target.processor.process(original, stopping);
  }
}

interface RedriveEntry {
  /** The dead letter's reference, `<dlq topic>:<partition>:<offset>`. */
  _id: string;
  reasonKind: string;
  group?: string;
  redrivenAt: Date;
}

const DUPLICATE_KEY = 11000;

export interface ParkedEventRedriverOptions {
  kafka: Kafka;
  /** Where the `dead_letter_redrives` ledger is kept. */
  connection: Connection;
  deadLetterTopic: string;
  /** Writes to the service's re-drive topic. */
  redrives: Pick<DeadLetterPublisher, 'publish'>;
  trust: TrustStore;
  /** Names the consumer groups that read the dead-letter topic once. */
  groupPrefix: string;
  logger: Pick<LoggerService, 'log' | 'error'>;
}

/**
 * Re-drives the events parked for an unknown signing key once the trust store knows the key:
 * each such dead letter is copied to the re-drive topic once. Which replica of the service
 * copies it is decided by inserting its reference into `dead_letter_redrives`.
 */
export class ParkedEventRedriver {
  private running?: Promise<number>;
  private again = false;

  constructor(private readonly options: ParkedEventRedriverOptions) {}

  /** Runs a pass, or one more after the pass under way; resolves with how many dead letters the last pass re-drove. */
  redrive(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let count = 0;
      do {
        this.again = false;
        count = await this.pass().catch((error: unknown) => {
          this.options.logger.error(`Parked events of ${this.options.deadLetterTopic} not re-driven: ${(error as Error).message}`);
          return 0;
        });
      } while (this.again);
      this.running = undefined;
      return count;
    })();
    return this.running;
  }

  /** Resolves once no pass is under way. */
  async settled(): Promise<void> {
    await this.running;
  }

  private async pass(): Promise<number> {
    const { kafka, deadLetterTopic, groupPrefix, logger } = this.options;
    const parked = (await readDeadLetters(kafka, [deadLetterTopic], { groupPrefix })).filter((record) => this.nowKnown(record));
    let count = 0;
    for (const record of parked) {
      if (await this.redriveOnce(record)) count++;
    }
    if (count > 0) logger.log(`Re-drove ${count} events of ${deadLetterTopic} parked for an unknown signing key`);
    return count;
  }

  /** A dead letter parked for an unknown key that the trust store now has. */
  private nowKnown({ message }: StoredDeadLetter): boolean {
    const { reasonKind } = readDeadLetterRecord({ message });
    const country = sourceCountry(headerText(message.headers, CLOUD_EVENT_HEADERS.source) ?? '');
    const kid = headerText(message.headers, CLOUD_EVENT_HEADERS.sigkid);
    return reasonKind === 'unknown-key' && country !== undefined && kid !== undefined && this.options.trust.knows(country, kid);
  }

  private async redriveOnce(record: StoredDeadLetter): Promise<boolean> {
    const entries = this.options.connection.collection<RedriveEntry>('dead_letter_redrives');
    const { reasonKind, group } = readDeadLetterRecord(record);
    const entry: RedriveEntry = { _id: deadLetterRef(record), reasonKind: reasonKind ?? 'unknown', ...(group ? { group } : {}), redrivenAt: new Date() };
    try {
      await entries.insertOne(entry);
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
      throw error;
    }
    try {
      await this.options.redrives.publish(redriveMessage(record));
      return true;
    } catch (error) {
      // Claimed but not sent: freed, so the next pass tries again.
      await entries.deleteOne({ _id: entry._id });
      throw error;
    }
  }
}
