import { type DataClassification, SHARED_STREAMS, sharedTopic } from '@naperj/contracts';
import { type ConsumedTopic, TrustStore } from '@naperj/messaging';
import { KAFKA_CLIENT, ProblemException, type ServiceConfig } from '@naperj/service-kit';
import { type BeforeApplicationShutdown, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import type { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntegratorConnection } from './integrator-connection';
import { type PartitionRange, startPositions } from './start-positions';
import type { StreamPositions } from './stream-cursor';
import { StreamMetrics } from './stream.metrics';

export interface StreamRequest {
  /** Who asks (the token's `sub`): each caller holds at most MAX_STREAMS_PER_CALLER streams. */
  caller: string;
  /** Where the client left off (its Last-Event-ID); from now on when absent. */
  cursor?: StreamPositions;
  types?: ReadonlySet<string>;
  /** The classifications the caller is cleared for. */
  classifications: ReadonlySet<DataClassification>;
  expiresAt?: Date;
}

/** Each connection holds a Kafka consumer (a few sockets and up to 1 MiB of records). */
export const MAX_STREAMS = 100;
/** So that one caller never takes every slot: a few tabs or integrations, each resuming on its own. */
export const MAX_STREAMS_PER_CALLER = 5;
const KEEP_ALIVE_MS = 15_000;
/** A client that takes nothing for this long is let go; it resumes with its last event id. */
const DRAIN_TIMEOUT_MS = 60_000;
const RETRY_MS = 5_000;
/** A stream that cannot reach Kafka answers 503 after this long instead of hanging. */
const KAFKA_TIMEOUT_MS = 5_000;

/**
 * The integrator streams of this process. Integrators see what crosses borders: the shared
 * topics of this node and of every partner, as the node's cluster holds them. The node's
 * private topics carry internal views (accounts, reviews, contact details) and stay out.
 */
@Injectable()
export class IntegratorStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('IntegratorStream');
  private readonly streams = new Set<IntegratorConnection>();
  /** How many streams each caller holds, until their readers have left Kafka. */
  private readonly perCaller = new Map<string, number>();
  private readonly topics: ConsumedTopic[];
  private readonly country: ServiceConfig['country'];
  private admin?: Promise<Admin>;
  private shuttingDown = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    config: ConfigService<ServiceConfig, true>,
    private readonly trust: TrustStore,
    private readonly metrics: StreamMetrics,
  ) {
    this.country = config.get('country', { infer: true });
    const countries = [this.country, ...config.get('peers', { infer: true })];
    this.topics = SHARED_STREAMS.flatMap((stream) =>
      countries.map((origin) => ({ name: sharedTopic(origin, stream), origin, from: 'shared' as const, stream })),
    );
  }

  /** The topics a stream reads. */
  get topicNames(): string[] {
    return this.topics.map(({ name }) => name);
  }

  /**
   * Starts streaming to `response`, or throws a problem before anything is written: 429 when the
   * caller holds as many streams as one caller may, 503 when the process serves as many streams
   * as it may, is shutting down, or cannot reach Kafka.
   */
  async open(response: Response, { caller, cursor, types, classifications, expiresAt }: StreamRequest): Promise<void> {
    if (this.shuttingDown) throw unavailable('The service is shutting down; reconnect with your Last-Event-ID');
    const held = this.perCaller.get(caller) ?? 0;
    if (held >= MAX_STREAMS_PER_CALLER) {
      response.setHeader('Retry-After', String(RETRY_MS / 1000));
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        `A caller holds at most ${MAX_STREAMS_PER_CALLER} streams at once; close one, or retry once one has ended`,
      );
    }
    if (this.streams.size >= MAX_STREAMS) throw unavailable(`This node serves at most ${MAX_STREAMS} streams at once; try again shortly`);
    // Counted before the first wait, so concurrent requests of one caller cannot pass the check together.
    this.perCaller.set(caller, held + 1);
    let positions: Map<string, number[]>;
    try {
      positions = startPositions(await this.within(this.partitionRanges()), cursor);
      // A shutdown that began meanwhile has closed the streams it knew: this one must not start.
      if (this.shuttingDown) throw unavailable('The service is shutting down; reconnect with your Last-Event-ID');
    } catch (error) {
      this.release(caller);
      throw error;
    }
    const stream: IntegratorConnection = new IntegratorConnection({
      reader: {
        kafka: this.kafka,
        groupId: `${this.country}.reporting.stream.${randomUUID()}`,
        topics: this.topics,
        positions,
      },
      response,
      trust: this.trust,
      types,
      classifications,
      expiresAt,
      keepAliveMs: KEEP_ALIVE_MS,
      drainTimeoutMs: DRAIN_TIMEOUT_MS,
      retryMs: RETRY_MS,
      metrics: this.metrics,
      logger: this.logger,
      onClosed: () => {
        this.streams.delete(stream);
        this.release(caller);
        this.metrics.closed();
      },
    });
    this.streams.add(stream);
    this.metrics.opened();
    response.on('close', () => void stream.close());
    try {
      await this.within(stream.startReading());
    } catch (error) {
      await stream.close();
      throw error;
    }
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // Proxies such as nginx would otherwise hold events back to fill their buffers.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    await stream.begin().catch(() => stream.close());
  }

  /** Ends every stream (clients reconnect with their Last-Event-ID) before the HTTP server closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.streams].map((stream) => stream.close()));
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private release(caller: string): void {
    const held = (this.perCaller.get(caller) ?? 1) - 1;
    if (held > 0) this.perCaller.set(caller, held);
    else this.perCaller.delete(caller);
  }

  /** The offsets each partition of every streamed topic holds now. */
  private async partitionRanges(): Promise<Map<string, PartitionRange[]>> {
    try {
      const admin = await (this.admin ??= this.connectAdmin());
      const ranges = await Promise.all(
        this.topicNames.map(async (topic) => {
          const offsets = await admin.fetchTopicOffsets(topic);
          const byPartition: PartitionRange[] = [];
          for (const { partition, low, high } of offsets) byPartition[partition] = { low: Number(low), high: Number(high) };
          return [topic, byPartition] as const;
        }),
      );
      return new Map(ranges);
    } catch (error) {
      // The next stream connects afresh instead of reusing a client that failed.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.then((failed) => failed.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  private async connectAdmin(): Promise<Admin> {
    const admin = this.kafka.admin();
    await admin.connect();
    return admin;
  }

  private async within<T>(work: Promise<T>): Promise<T> {
    const timeout = new AbortController();
    try {
      return await Promise.race([
        work,
        sleep(KAFKA_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error('Kafka did not answer in time'))),
      ]);
    } catch (error) {
      this.logger.warn(`Cannot start an integrator stream: ${(error as Error).message}`);
      throw unavailable('Kafka is unavailable; try again shortly');
    } finally {
      timeout.abort();
    }
  }
}

function unavailable(detail: string): ProblemException {
  return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, detail);
}
