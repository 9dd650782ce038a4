import type { ConsumedTopic } from '@naperj/messaging';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface PartitionReaderOptions {
  kafka: Kafka;
  /** Unique to this reader: the group only gives it every partition, it never commits. */
  groupId: string;
  topics: readonly ConsumedTopic[];
  /** The next offset of each partition; the reader moves it past every record it hands over. */
  positions: Map<string, number[]>;
  /** Takes one record, after its position has moved past it; must not throw. */
  handle(topic: ConsumedTopic, message: KafkaMessage): Promise<void>;
  /** kafkajs gave up for good. */
  onFailure(error: Error): void;
}

/** A fetch waits this long for records: it bounds how long stopping a reader takes. */
const MAX_WAIT_MS = 1000;
/** Memory per reader: what one fetch may bring (a record is at most 1 MiB). */
const MAX_FETCH_BYTES = 1024 * 1024;
const HEARTBEAT_INTERVAL_MS = 3000;

/**
 * Reads topics from positions the reader is given, in order per partition, without
 * committing anything. kafkajs reads only as a member of a consumer group, so each reader
 * is the sole member of a group of its own, and on every join it seeks each partition to
 * its own position: whatever the group would resume from (nothing was committed, so the
 * beginning) is never used. A record below a partition's position was handed over already
 * and is dropped, so a rebalance re-reads but never repeats or skips.
 */
export class PartitionReader {
  private readonly topics: ReadonlyMap<string, ConsumedTopic>;
  private consumer?: Consumer;
  /** The join under way or done; a stop waits for it, so no consumer connects after its reader stopped. */
  private joining?: Promise<void>;
  /** kafkajs's run, which settles once the consumer has joined its group (or failed to). */
  private running?: Promise<void>;

  constructor(private readonly options: PartitionReaderOptions) {
    this.topics = new Map(options.topics.map((topic) => [topic.name, topic]));
  }

  start(): Promise<void> {
    const { kafka, groupId } = this.options;
    const consumer = (this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: MAX_WAIT_MS,
      maxBytes: MAX_FETCH_BYTES,
      maxBytesPerPartition: MAX_FETCH_BYTES,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
    }));
    // Emitted after each join and before the next fetch, which then starts at the seeked offsets.
    consumer.on(consumer.events.GROUP_JOIN, () => this.seekAll(consumer));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.options.onFailure(payload.error);
    });
    this.joining = this.join(consumer);
    return this.joining;
  }

  /**
   * Leaves the group, also while still joining it (a start that timed out): kafkajs finishes a
   * connection under way even after a disconnect, so the consumer is disconnected again once the
   * join has settled. The record being handled must finish first, so close what it writes to before.
   */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    await consumer.disconnect();
    await this.joining?.catch(() => undefined);
    // A disconnect does not stop a group join under way: once it has settled, leave again.
    await this.running;
    await consumer.disconnect();
  }

  private async join(consumer: Consumer): Promise<void> {
    await consumer.connect();
    this.throwIfStopped(consumer);
    await consumer.subscribe({ topics: [...this.topics.keys()], fromBeginning: true });
    this.throwIfStopped(consumer);
    // Not awaited: joining may take the broker's initial rebalance delay, and the positions are
    // fixed already, so nothing produced meanwhile is missed.
    this.running = consumer
      .run({ autoCommit: false, eachMessage: (payload) => this.take(payload.topic, payload.partition, payload.message, () => payload.heartbeat()) })
      .catch((error: Error) => this.options.onFailure(error));
  }

  private throwIfStopped(consumer: Consumer): void {
    if (this.consumer !== consumer) throw new Error('The reader was stopped before it joined Kafka');
  }

  private seekAll(consumer: Consumer): void {
    for (const [topic, offsets] of this.options.positions) {
      offsets.forEach((offset, partition) => consumer.seek({ topic, partition, offset: String(offset) }));
    }
  }

  private async take(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const offsets = this.options.positions.get(topic);
    if (!offsets || !this.consumer) return;
    const offset = Number(message.offset);
    // A partition added since the stream started is read from its beginning.
    if (offset < (offsets[partition] ?? 0)) return;
    for (let missing = offsets.length; missing < partition; missing++) offsets[missing] = 0;
    offsets[partition] = offset + 1;
    // A client slow to read holds this record; the group must not think the reader died.
    const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
    try {
      await this.options.handle(this.topics.get(topic)!, message);
    } finally {
      clearInterval(beat);
    }
  }
}
