import type { LoggerService } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumedTopic } from './consumed-topic';
import type { ConsumerMetrics } from './consumer.metrics';
import type { MessageProcessor, ProcessOutcome } from './message.processor';
import { type BackoffPolicy, backoffDelay } from '../retry/backoff';

export interface ConsumerRunnerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly ConsumedTopic[];
  processor: Pick<MessageProcessor, 'process'>;
  /** Partitions processed at once, so a slow one does not hold up the others. */
  partitionsConsumedConcurrently: number;
  /** How long the group waits for a silent member before giving its partitions away. */
  sessionTimeoutMs: number;
  /** How often a member heartbeats, between messages and while a handler runs. */
  heartbeatIntervalMs: number;
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>;
  /** Where a group without committed offsets starts: the first offset kept (the default) or the end. */
  startAt?: 'earliest' | 'latest';
  /** Makes sure the topics exist before the group subscribes; tried again with the start. */
  provision?: () => Promise<void>;
  /** Where the lag of each partition this member holds is reported. */
  metrics?: Pick<ConsumerMetrics, 'lag' | 'assigned'>;
}

/** Pauses between start-up attempts: a topic the node just created may not be visible yet. */
const START_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000 };

/**
 * kafkajs fetches from a broker again only once every batch of its last fetch is done, so a
 * partition with a backlog would hold up all the others; it yields after this long instead.
 */
const BATCH_SLICE_MS = 1000;

/**
 * Runs one consumer group on kafkajs: subscribes to an explicit topic list, processes each
 * partition's messages in order, several partitions at once and in slices, commits
 * `offset + 1` only after a message's effect or its DLQ record is stored, and leaves the
 * group once the messages in flight are done.
 */
export class ConsumerRunner {
  private readonly stopping = new AbortController();
  private readonly topics: ReadonlyMap<string, ConsumedTopic>;
  private readonly inFlight = new Set<Promise<void>>();
  private markJoined!: () => void;
  private readonly joined = new Promise<void>((resolve) => (this.markJoined = resolve));
  private consumer?: Consumer;
  private starting: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.topics = new Map(options.topics.map((topic) => [topic.name, topic]));
  }

  /** Starts in the background, retrying until Kafka and every topic answer. */
  start(): void {
    this.starting = this.runUntilStarted();
  }

  /** Resolves once the group has first been joined and partitions assigned. */
  whenRunning(): Promise<void> {
    return this.joined;
  }

  /** Stops taking messages, lets those in flight finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    consumer.pause([...this.topics.keys()].map((topic) => ({ topic })));
    await Promise.allSettled(this.inFlight);
    // Disconnecting leaves the group at once, so its partitions move without waiting for the session to time out.
    await consumer.disconnect();
  }

  private async runUntilStarted(): Promise<void> {
    for (let failures = 1; !this.stopping.signal.aborted; failures++) {
      const consumer = this.createConsumer();
      // Set before run(): kafkajs reports a failed first join as a crash, not as an error.
      this.consumer = consumer;
      try {
        if (this.options.provision) await unlessStopped(this.options.provision(), this.stopping.signal);
        await consumer.connect();
        await consumer.subscribe({ topics: [...this.topics.keys()], fromBeginning: this.options.startAt !== 'latest' });
        await consumer.run({
          autoCommit: false,
          // What a slice leaves unprocessed stays unresolved, so it is fetched again.
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
          eachBatch: (payload) => this.track(this.onBatch(consumer, payload)),
        });
        return;
      } catch (error) {
        this.consumer = undefined;
        await consumer.disconnect().catch(() => undefined);
        const delayMs = backoffDelay(failures, START_BACKOFF);
        this.options.logger.warn(`${this.options.groupId} could not start: ${(error as Error).message}; trying again in ${delayMs} ms`);
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  private createConsumer(): Consumer {
    const { kafka, groupId, sessionTimeoutMs, heartbeatIntervalMs } = this.options;
    // A fetch waits at most this long for new messages; leaving the group waits for the fetch under way.
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: heartbeatIntervalMs,
      maxWaitTimeInMs: 1000,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.options.metrics?.assigned(groupId, payload.memberAssignment);
      this.markJoined();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.restartAfterCrash(consumer, payload.error);
    });
    return consumer;
  }

  /** kafkajs gives up on errors it deems fatal; a consumer group must not silently stop. */
  private restartAfterCrash(consumer: Consumer, error: Error): void {
    if (this.stopping.signal.aborted || this.consumer !== consumer) return;
    this.options.logger.error(`${this.options.groupId} crashed: ${error.message}; restarting`);
    this.consumer = undefined;
    this.starting = this.runUntilStarted();
  }

  private async track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /** Processes a partition's batch in order, for one slice at most; unprocessed messages are left uncommitted. */
  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const sliceEnds = Date.now() + BATCH_SLICE_MS;
    const lastMessage = batch.messages.at(-1);
    const reportLag = (next: bigint) =>
      this.options.metrics?.lag(this.options.groupId, batch.topic, batch.partition, Number(BigInt(batch.highWatermark) - next));
    const first = batch.firstOffset();
    if (first !== null) reportLag(BigInt(first));
    for (const message of batch.messages) {
      if (this.stopping.signal.aborted || !payload.isRunning() || payload.isStale()) return;
      const outcome = await this.process(batch.topic, batch.partition, message, () => payload.heartbeat());
      if (outcome === 'abandoned') return;
      // What follows a batch's last message in it (a transactional producer's commit marker) is no
      // event: committing past it lets the group's lag reach zero, which catch-up checks wait for.
      const done = message === lastMessage ? batch.lastOffset() : message.offset;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(done) + 1n).toString() }]);
      payload.resolveOffset(done);
      reportLag(BigInt(done) + 1n);
      if (Date.now() >= sliceEnds) return;
    }
  }

  private async process(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<ProcessOutcome> {
    // kafkajs heartbeats only between batches; a long handler must not cost the group its partitions.
    const beat = setInterval(() => void heartbeat().catch(() => undefined), this.options.heartbeatIntervalMs);
    try {
      return await this.options.processor.process({ topic: this.topics.get(topic)!, partition, message }, this.stopping.signal);
    } finally {
      clearInterval(beat);
    }
  }
}

/** `work`, or a rejection as soon as `stopping` aborts: a group that stops must not wait for Kafka to answer. */
function unlessStopped<T>(work: Promise<T>, stopping: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Error('the consumer group stopped'));
    if (stopping.aborted) return stop();
    stopping.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => stopping.removeEventListener('abort', stop));
  });
}
