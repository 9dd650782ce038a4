import type { CountryCode } from '@naperj/contracts';
import { Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { type Kafka, Partitioners, type Producer, type RetryOptions, type TopicMessages } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import { eventSource } from '../envelope/cloud-event';
import type { EventSigner } from '../envelope/event-signature';
import { createKafka, type KafkaSecurity } from '../kafka/create-kafka';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../retry/backoff';
import type { EventStore } from './event-store';
import type { EventDocument } from './event.schema';
import { OutboxQueue } from './outbox-queue';
import { OutboxSweep, type SweepTiming } from './outbox-sweep';
import { OutboxMetrics } from './outbox.metrics';
import { type OutgoingEvent, planSends, topicMessagesOfSend } from './publication-batches';
import { outgoingOf } from './publication-order';
import { PublishSpans } from './publish.spans';
import { claimDeadline, DEFAULT_LEASE_TIMING, handoverDeadline, type LeaseTiming, msUntilNextSlot, RelayLease, slotAt } from './relay-lease';
import { type RelayLogger, RelayOutage } from './relay-outage';
import { isFenced, sendRefusal } from './send-refusal';
import { TopicLimits } from './topic-limits';
import { Wakeup } from './wakeup';

export interface RelayTuning extends LeaseTiming, SweepTiming {
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
  sweepIntervalMs: 60_000,
  sweepLookbackMs: 10 * 60_000,
  backoff: DEFAULT_BACKOFF,
};

export interface OutboxRelayOptions {
  store: EventStore;
  country: CountryCode;
  brokers: string[];
  kafkaSecurity?: KafkaSecurity;
  signer: EventSigner;
  registry: Registry;
  /** `<events collection>_leases` by default. */
  leaseCollection?: string;
  /** Names this relay in the lease documents; host, pid and a random part by default. */
  owner?: string;
  /**
   * The Kafka transactional id every replica of this outbox shares, so that each new leader
   * fences the producers of the earlier ones; by default from the country, service,
   * database and events collection.
   */
  transactionalId?: string;
  logger?: RelayLogger;
  tuning?: Partial<RelayTuning>;
}

/** A few quick tries inside kafkajs; after them the relay's own backoff takes over. */
const KAFKA_RETRY: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 };
const HANDOVER_POLL_MS = 50;

/**
 * Publishes the event store's pending deliveries to Kafka, each subject's in version order,
 * then marks them published: at-least-once, with a `ce_id` that never changes. Any number
 * of replicas may run; per time slot one leads (see RelayLease), and its producer, once
 * it starts leading, fences every earlier leader's: all share one transactional id, each
 * send is a transaction, and a leader that wakes up late finds its sends refused. It never
 * throws: while Kafka or MongoDB is unreachable it backs off and logs once per change.
 */
export class OutboxRelay {
  private readonly store: EventStore;
  private readonly signer: EventSigner;
  private readonly source: string;
  private readonly tuning: RelayTuning;
  private readonly logger: RelayLogger;
  private readonly queue: OutboxQueue;
  private readonly sweep: OutboxSweep;
  private readonly lease: RelayLease;
  private readonly kafka: Kafka;
  private readonly limits: TopicLimits;
  private readonly transactionalId: string;
  private readonly metrics: OutboxMetrics;
  private readonly outage: RelayOutage;
  private readonly wakeup = new Wakeup();
  private producer?: Producer;
  /** The last slot this relay led with its current producer. */
  private ledSlot?: number;
  private running = false;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;
  private statsDueAt = 0;
  private statsTimer?: NodeJS.Timeout;
  /** How long the last batch took, from reading it to marking it published. */
  private lastBatchMs = 0;

  constructor(options: OutboxRelayOptions) {
    const { store, country, signer, registry } = options;
    this.store = store;
    this.signer = signer;
    this.source = eventSource(country, store.service);
    this.tuning = { ...DEFAULT_RELAY_TUNING, ...options.tuning };
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    this.queue = new OutboxQueue(store, this.tuning.voidAfterMs);
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const leaseCollection = options.leaseCollection ?? `${store.collection}_leases`;
    this.lease = new RelayLease(store.connection, leaseCollection, store.service, owner);
    this.sweep = new OutboxSweep(this.queue, store.connection, leaseCollection, `${store.service}:sweep`, this.tuning);
    this.transactionalId = options.transactionalId ?? `${country}.${store.service}.outbox.${store.connection.name}.${store.collection}`;
    this.kafka = createKafka({
      brokers: options.brokers,
      ...options.kafkaSecurity,
      clientId: `${country}-${store.service}-outbox`,
      // The relay logs outages itself, once per change; kafkajs would log every try.
      log: ({ level, namespace, message }) => this.logger.debug(`kafkajs ${level} [${namespace}] ${message}`),
      connectionTimeout: 1000,
      retry: KAFKA_RETRY,
    });
    this.limits = new TopicLimits(this.kafka);
    this.metrics = new OutboxMetrics(registry);
    this.outage = new RelayOutage(this.logger, this.tuning.backoff);
  }

  /** Starts publishing in the background. */
  start(): void {
    if (this.loop) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.nudge());
    // The gauges keep their own clock too: a relay held up by Kafka (a connect, a fence) must
    // still show its backlog growing. A failing read is the loop's to report.
    this.statsTimer = setInterval(() => void this.refreshStats().catch(() => undefined), this.tuning.statsIntervalMs).unref();
    // Without tracing, polls make no spans, and the kafkajs instrumentation leaves each
    // message the traceparent the relay gives it (its send span's) instead of its own.
    this.loop = context.with(suppressTracing(context.active()), () => this.run());
  }

  /** Lets the batch in flight finish and be marked, then disconnects from Kafka. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearInterval(this.statsTimer);
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
      // Led the slot before with this producer: it still holds the newest epoch.
      if (this.running && (!this.producer || this.ledSlot !== slot - 1)) await this.fence();
      this.ledSlot = slot;
      const deadline = claimDeadline(slot, this.tuning);
      for (let first = true; this.running && Date.now() + (first ? 0 : this.lastBatchMs) < deadline; first = false) {
        const pause = await this.step(slot);
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
  private async step(slot: number): Promise<number> {
    const retryIn = this.outage.msUntilRetry();
    if (retryIn > 0) return retryIn;
    try {
      await this.refreshStats();
      const requeued = await this.sweep.runIfDue();
      if (requeued > 0) this.logger.warn(`The sweep found ${requeued} recorded events without an outbox entry or publication record: publishing them`);
      return (await this.publishBatch(slot)) === this.tuning.batchSize ? 0 : this.tuning.idleMs;
    } catch (error) {
      return this.fail(error);
    }
  }

  /**
   * Publishes one batch in sends that each topic's `max.message.bytes` takes, one after the
   * other, so the batch's order holds; what Kafka can never take is parked.
   */
  private async publishBatch(slot: number): Promise<number> {
    const started = Date.now();
    const events = await this.queue.nextBatch(this.tuning.batchSize);
    this.outage.recovered('MongoDB');
    if (events.length === 0) return 0;
    const spans = new PublishSpans(events);
    try {
      const outgoing = outgoingOf(events, this.source, this.signer, spans.traceparents);
      const { sends, tooLarge } = planSends(outgoing, await this.limits.of(outgoing.flatMap(({ topicMessages }) => topicMessages.map(({ topic }) => topic))));
      for (const { outgoing: event, reason } of tooLarge) await this.park(event.event, reason, spans);
      for (const send of sends) await this.publishOrPark(send, slot, spans);
    } catch (error) {
      spans.end(error);
      throw error;
    }
    this.outage.recovered();
    this.lastBatchMs = Date.now() - started;
    return events.length;
  }

  /**
   * Sends the events in one transaction, then marks them published. When the broker
   * refuses the records themselves, the send is halved until the refused event stands
   * alone, and that one is parked.
   */
  private async publishOrPark(send: readonly OutgoingEvent<EventDocument>[], slot: number, spans: PublishSpans): Promise<void> {
    const topicMessages = topicMessagesOfSend(send);
    try {
      await this.produce(topicMessages, slot);
    } catch (error) {
      const refusal = sendRefusal(error);
      if (refusal === undefined) throw error;
      this.limits.forget(topicMessages.map(({ topic }) => topic));
      // Its sequence numbers may be off after a partly refused send: a fresh producer.
      await this.disconnect();
      if (send.length === 1) return this.park(send[0]!.event, refusal, spans);
      const half = Math.ceil(send.length / 2);
      await this.publishOrPark(send.slice(0, half), slot, spans);
      return this.publishOrPark(send.slice(half), slot, spans);
    }
    spans.endOf(send.map(({ event }) => event._id));
    this.metrics.published(topicMessages);
    // A crash before this line re-publishes the send: at-least-once, same ce_ids.
    await this.queue.markPublished(send.map(({ event }) => event));
  }

  /** All or nothing: a fenced producer's transaction never commits, so nothing of it is read. */
  private async produce(topicMessages: TopicMessages[], slot: number): Promise<void> {
    const producer = this.producer ?? (await this.fenceWithin(slot));
    const transaction = await producer.transaction();
    try {
      await transaction.sendBatch({ topicMessages, acks: -1 });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  private async park(event: EventDocument, reason: string, spans: PublishSpans): Promise<void> {
    spans.endOf([event._id], new Error(`Parked: ${reason}`));
    await this.queue.park(event, reason);
    this.metrics.parkedOne();
    this.logger.error(`Event ${event._id} (${event.subject} version ${event.version}) is parked, Kafka can never take it: ${reason}`);
  }

  /**
   * A new producer after a failure, only while the slot is still this relay's to claim: a
   * leader that woke up late must not fence the one that replaced it.
   */
  private async fenceWithin(slot: number): Promise<Producer> {
    if (Date.now() >= claimDeadline(slot, this.tuning)) throw new SlotEndedError(slot);
    return this.fence();
  }

  /**
   * A new transactional producer: its first transaction makes the coordinator bump the
   * id's epoch, which aborts an earlier leader's open transaction and refuses its sends.
   */
  private async fence(): Promise<Producer> {
    await this.disconnect();
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: KAFKA_RETRY,
    });
    this.producer = producer;
    await producer.connect();
    await (await producer.transaction()).commit();
    return producer;
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
    if (error instanceof SlotEndedError || isFenced(error)) {
      // No outage: another relay leads now, and the rest is its to publish.
      this.logger.warn(`The outbox relay stopped sending: ${error instanceof Error ? error.message : String(error)}`);
      return msUntilNextSlot(Date.now(), this.tuning);
    }
    return this.outage.failed(error);
  }

  private async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.ledSlot = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

/** The slot ended while its leader was recovering from a failed send. */
class SlotEndedError extends Error {
  override readonly name = 'SlotEndedError';

  constructor(slot: number) {
    super(`slot ${slot} ended before its leader could send again`);
  }
}
