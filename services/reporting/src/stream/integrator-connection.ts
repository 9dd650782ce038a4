import type { DataClassification } from '@naperj/contracts';
import type { ConsumedTopic, TrustStore } from '@naperj/messaging';
import type { LoggerService } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { examine } from './integrator-event';
import { PartitionReader } from './partition-reader';
import { ClientGoneError, type SseSink, SseWriter } from './sse-writer';
import { encodeStreamCursor } from './stream-cursor';
import type { StreamMetrics } from './stream.metrics';

export interface IntegratorConnectionOptions {
  reader: Omit<ConstructorParameters<typeof PartitionReader>[0], 'handle' | 'onFailure'>;
  response: SseSink;
  trust: TrustStore;
  /** The types the client asked for; every type when absent. */
  types?: ReadonlySet<string>;
  /** The classifications the caller is cleared for; events of any other are not sent. */
  classifications: ReadonlySet<DataClassification>;
  /** When the caller's token expires: the stream ends then, and the client reconnects with a fresh one. */
  expiresAt?: Date;
  keepAliveMs: number;
  drainTimeoutMs: number;
  /** How long a client waits before reconnecting. */
  retryMs: number;
  metrics: StreamMetrics;
  logger: Pick<LoggerService, 'warn'>;
  /** Called once, when the stream has ended and its reader has left Kafka. */
  onClosed(): void;
}

/**
 * One integrator's connection: reads the shared topics from its positions, sends what the
 * integrator may see as Server-Sent Events, each with the cursor of the positions after it.
 */
export class IntegratorConnection {
  private readonly writer: SseWriter;
  private readonly reader: PartitionReader;
  private readonly positions: Map<string, number[]>;
  private expiry?: NodeJS.Timeout;
  private lastId?: string;
  private closing?: Promise<void>;

  constructor(private readonly options: IntegratorConnectionOptions) {
    this.positions = options.reader.positions;
    this.writer = new SseWriter(options.response, options.drainTimeoutMs);
    this.reader = new PartitionReader({
      ...options.reader,
      handle: (topic, message) => this.forward(topic, message),
      onFailure: (error) => void this.close(`Kafka failed: ${error.message}`),
    });
  }

  /** Joins Kafka; rejects when it cannot, before anything was written. */
  startReading(): Promise<void> {
    return this.reader.start();
  }

  /**
   * Begins the event stream with where it starts: a client that sees no event before it
   * reconnects still resumes from here, not from whatever is newest then.
   */
  async begin(): Promise<void> {
    const { keepAliveMs, retryMs, expiresAt } = this.options;
    await this.writeId({ retry: retryMs });
    this.writer.keepAliveEvery(keepAliveMs, () => this.keepAlive());
    if (expiresAt) {
      this.expiry = setTimeout(() => void this.close('the bearer token expired'), Math.max(0, expiresAt.getTime() - Date.now()));
      this.expiry.unref();
    }
  }

  /** Ends the response, then leaves Kafka; safe to call more than once. */
  close(reason?: string, abort = false): Promise<void> {
    this.closing ??= (async () => {
      clearTimeout(this.expiry);
      if (reason) this.options.logger.warn(`Integrator stream ${this.options.reader.groupId} ended: ${reason}`);
      this.writer.close(abort);
      await this.reader.stop().catch(() => undefined);
      this.options.onClosed();
    })();
    return this.closing;
  }

  private async forward(topic: ConsumedTopic, message: KafkaMessage): Promise<void> {
    const { trust, types, classifications, metrics, logger } = this.options;
    const examination = examine(topic, message, trust, types);
    if (examination.verdict === 'skip') return;
    if (examination.verdict === 'deliver' && !classifications.has(examination.event.dataclassification)) return;
    if (examination.verdict === 'withhold') {
      metrics.withheld(examination.reason);
      logger.warn(`Withheld ${topic.name}[${message.offset}] from integrators (${examination.reason}): ${examination.detail}`);
      return;
    }
    try {
      await this.writeId({ data: JSON.stringify(examination.event) });
      metrics.sent(examination.event.type);
    } catch (error) {
      // A client that left ends its stream; one too slow to read is let go and resumes later.
      void this.close(error instanceof ClientGoneError ? undefined : (error as Error).message, true);
    }
  }

  /** A keep-alive also carries the cursor when records the client did not want moved it on. */
  private keepAlive(): { comment: string; id?: string } {
    const id = encodeStreamCursor(this.positions);
    if (id === this.lastId) return { comment: 'keep-alive' };
    this.lastId = id;
    return { comment: 'keep-alive', id };
  }

  private writeId(block: { data?: string; retry?: number }): Promise<void> {
    this.lastId = encodeStreamCursor(this.positions);
    return this.writer.send({ ...block, id: this.lastId });
  }
}
