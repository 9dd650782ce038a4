import type { CountryCode } from '@naperj/contracts';
import { Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { type Kafka, Partitioners, type Producer, type RetryOptions } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import { eventSource } from '../envelope/cloud-event';
import type { EventSigner } from '../envelope/event-signature';
import { createKafka } from '../kafka/create-kafka';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../retry/backoff';
import type { EventStore } from './event-store';
import { eventModel } from './event.schema';
import { outboxEntryModel } from './outbox-entry.schema';
import { OutboxQueue } from './outbox-queue';
import { OutboxMetrics } from './outbox.metrics';
import { topicMessagesOf } from './publication-order';
import { PublishSpans } from './publish.spans';
import { claimDeadline, DEFAULT_LEASE_TIMING, handoverDeadline, type LeaseTiming, msUntilNextSlot, RelayLease, slotAt } from './relay-lease';
import { type RelayLogger, RelayOutage } from './relay-outage';
import { Wakeup } from './wakeup';

export interface RelayTuning extends LeaseTiming {
  /** Events per batch; a full batch is followed by the next at once. */
  batchSize: number;
  /** Pause between polls while the outbox is empty (an append in this process cuts it short). */
  idleMs: number;
  /** Least time between two refreshes of the pending gauges. */
  statsIntervalMs: number;
  /** How old an outbox entry whose event was never recorded gets before it is deleted. */
  voidAfterMs: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_RELAY_TUNING: RelayTuning = {
  ...DEFAULT_LEASE_TIMING,
  batchSize: 100,
  idleMs: 150,
  statsIntervalMs: 5000,
  voidAfterMs: 5 * 60_000,
  backoff: DEFAULT_BACKOFF,
};

export interface OutboxRelayOptions {
  store: EventStore;
  country: CountryCode;
  brokers: string[];
  signer: EventSigner;
  registry: Registry;
  /** `<events collection>_leases` by default. */
  leaseCollection?: string;
  /** Names this relay in the lease documents; host, pid and a random part by default. */
  owner?: string;
  logger?: RelayLogger;
  tuning?: Partial<RelayTuning>;
}

/** A few quick tries inside kafkajs; after them the relay's own backoff takes over. */
const KAFKA_RETRY: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 };
const HANDOVER_POLL_MS = 50;

/**
 * Publishes the event store's pending deliveries to Kafka, each subject's in version order,
 * then marks them published: at-least-once, with a `ce_id` that never changes. Any number
 * of replicas may run; per time slot one leads (see RelayLease). It never throws: while
 * Kafka or MongoDB is unreachable it backs off and logs once per change.
 */
export class OutboxRelay {
  private readonly store: EventStore;
  private readonly signer: EventSigner;
  private readonly source: string;
  private readonly tuning: RelayTuning;
  private readonly logger: RelayLogger;
  private readonly queue: OutboxQueue;
  private readonly lease: RelayLease;
  private readonly kafka: Kafka;
  private readonly metrics: OutboxMetrics;
  private readonly outage: RelayOutage;
  private readonly wakeup = new Wakeup();
  private producer?: Producer;
  private running = false;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;
  private statsDueAt = 0;
  /** How long the last batch took, from reading it to marking it published. */
  private lastBatchMs = 0;

  constructor(options: OutboxRelayOptions) {
    const { store, country, signer, registry } = options;
    this.store = store;
    this.signer = signer;
    this.source = eventSource(country, store.service);
    this.tuning = { ...DEFAULT_RELAY_TUNING, ...options.tuning };
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    this.queue = new OutboxQueue(
      outboxEntryModel(store.connection, store.outboxCollection),
      eventModel(store.connection, store.collection),
      this.tuning.voidAfterMs,
    );
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new RelayLease(store.connection, options.leaseCollection ?? `${store.collection}_leases`, store.service, owner);
    this.kafka = createKafka({
      brokers: options.brokers,
      clientId: `${country}-${store.service}-outbox`,
      // The relay logs outages itself, once per change; kafkajs would log every try.
      log: ({ level, namespace, message }) => this.logger.debug(`kafkajs ${level} [${namespace}] ${message}`),
      connectionTimeout: 1000,
      retry: KAFKA_RETRY,
    });
    this.metrics = new OutboxMetrics(registry);
    this.outage = new RelayOutage(this.logger, this.tuning.backoff);
  }

  /** Starts publishing in the background. */
  start(): void {
    if (this.loop) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.nudge());
    // Without tracing, polls make no spans, and the kafkajs instrumentation leaves each
    // message the traceparent the relay gives it (its send span's) instead of its own.
    this.loop = context.with(suppressTracing(context.active()), () => this.run());
  }

  /** Lets the batch in flight finish and be marked, then disconnects from Kafka. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeup.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Publish soon: something was just appended. */
  nudge(): void {
    this.wakeup.wake();
  }

  private async run(): Promise<void> {
    while (this.running) await this.wakeup.wait(await this.turn());
    await this.disconnect();
  }

  /** One try at leading the current slot; the pause before the next try. */
  private async turn(): Promise<number> {
    const retryIn = this.outage.msUntilRetry();
    if (retryIn > 0) return retryIn;
    try {
      await this.refreshStats();
      const slot = slotAt(Date.now(), this.tuning);
      if (await this.lease.acquire(slot)) await this.lead(slot);
      return Math.max(msUntilNextSlot(Date.now(), this.tuning), this.outage.msUntilRetry());
    } catch (error) {
      return this.fail(error);
    }
  }

  /**
   * Publishes batches until the slot's claim deadline, then releases the slot. After the
   * first, a batch starts only if one as long as the last fits before the deadline, so
   * even on a slow database the leaders of two slots rarely overlap.
   */
  private async lead(slot: number): Promise<void> {
    try {
      await this.awaitHandover(slot);
      const deadline = claimDeadline(slot, this.tuning);
      for (let first = true; this.running && Date.now() + (first ? 0 : this.lastBatchMs) < deadline; first = false) {
        const pause = await this.step();
        await this.wakeup.wait(Math.min(pause, deadline - Date.now()));
      }
    } finally {
      // Best effort: unreleased, the next leader only waits out the handover.
      await this.lease.release(slot).catch(() => undefined);
    }
  }

  /**
   * Until the previous leader has marked its last batch (or cannot still be sending it),
   * this one sends nothing: each subject's messages stay in version order across leaders.
   */
  private async awaitHandover(slot: number): Promise<void> {
    const deadline = handoverDeadline(slot, this.tuning);
    while (this.running && Date.now() < deadline && !(await this.lease.previousReleased(slot))) {
      await this.wakeup.wait(HANDOVER_POLL_MS);
    }
  }

  /** Publishes one batch; the pause before the next. */
  private async step(): Promise<number> {
    const retryIn = this.outage.msUntilRetry();
    if (retryIn > 0) return retryIn;
    try {
      await this.refreshStats();
      return (await this.publishBatch()) === this.tuning.batchSize ? 0 : this.tuning.idleMs;
    } catch (error) {
      return this.fail(error);
    }
  }

  private async publishBatch(): Promise<number> {
    const started = Date.now();
    const events = await this.queue.nextBatch(this.tuning.batchSize);
    this.outage.recovered('MongoDB');
    if (events.length === 0) return 0;
    const spans = new PublishSpans(events);
    const topicMessages = topicMessagesOf(events, this.source, this.signer, spans.traceparents);
    try {
      const producer = await this.connectedProducer();
      await producer.sendBatch({ topicMessages, acks: -1 });
      spans.end();
    } catch (error) {
      spans.end(error);
      throw error;
    }
    this.metrics.published(topicMessages);
    // A crash before this line re-publishes the batch: at-least-once, same ce_ids.
    await this.queue.markPublished(events.map(({ _id }) => _id));
    this.outage.recovered();
    this.lastBatchMs = Date.now() - started;
    return events.length;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: KAFKA_RETRY,
    });
    await this.producer.connect();
    return this.producer;
  }

  private async refreshStats(): Promise<void> {
    if (Date.now() < this.statsDueAt) return;
    this.metrics.observe(await this.queue.stats());
    this.statsDueAt = Date.now() + this.tuning.statsIntervalMs;
    this.outage.recovered('MongoDB');
  }

  /** A failed batch starts over with a fresh producer, after the backoff. */
  private async fail(error: unknown): Promise<number> {
    await this.disconnect();
    return this.outage.failed(error);
  }

  private async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
