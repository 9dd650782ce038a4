import type { TopicSpec } from '@naperj/contracts';
import {
  createKafka,
  type EventSigner,
  EventStore,
  loadOrCreateEventSigner,
  type NewEvent,
  OutboxRelay,
  type OutboxRelayOptions,
  provisionTopics,
  type RelayLogger,
} from '@naperj/messaging';
import type { Admin, Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { readTopics, type TopicRecord } from '@naperj/service-kit/testing';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

export const BED_SERVICE = 'expert-network';
export const BED_EVENT_TYPE = 'org.naperj.expert.updated.v1';

/** A relay logger that keeps what the relay logs, for assertions and quiet test output. */
export class RecordingLogger implements RelayLogger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
  debug(): void {}
}

export type ReadMessage = TopicRecord;

/**
 * One test file's own database, events collection and topics (a private events topic and a
 * compacted shared one) on the shared mx engines, and the node's event signer.
 */
export class OutboxBed {
  readonly id = randomUUID().slice(0, 8);
  readonly collection = `events_${this.id}`;
  readonly privateTopic = `mx.outbox-${this.id}.events.v1`;
  readonly sharedTopic = `mx.shared.outbox-${this.id}.v1`;
  readonly secretsDir = mkdtempSync(join(tmpdir(), 'naperj-outbox-'));
  readonly databaseUri = `${TEST_MONGODB_URI}/outbox-${this.id}`;
  readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `outbox-test-${this.id}`, log: () => undefined });
  private readonly connections: Connection[] = [];
  private readonly relays: OutboxRelay[] = [];
  private admin!: Admin;
  signer!: EventSigner;

  async open(): Promise<this> {
    this.signer = await loadOrCreateEventSigner(this.secretsDir, 'mx');
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const specs: TopicSpec[] = [
      { name: this.privateTopic, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 },
      { name: this.sharedTopic, partitions: 3, cleanupPolicy: 'compact' },
    ];
    await provisionTopics(this.admin, specs);
    return this;
  }

  /** A connection of its own, as another service replica would have. */
  async connect(): Promise<Connection> {
    const connection = await mongoose.createConnection(this.databaseUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    this.connections.push(connection);
    return connection;
  }

  async store(): Promise<EventStore> {
    return new EventStore({ connection: await this.connect(), service: BED_SERVICE, collection: this.collection });
  }

  relay(store: EventStore, options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const relay = new OutboxRelay({
      store,
      country: 'mx',
      brokers: TEST_KAFKA_BROKERS,
      signer: this.signer,
      registry: new Registry(),
      logger: new RecordingLogger(),
      ...options,
    });
    this.relays.push(relay);
    return relay;
  }

  /** An expert's update: its private view and, when `shared`, its public view (then a tombstone, if asked). */
  event(subject: string, version: number, { shared = false, tombstone = false } = {}): NewEvent {
    const data = { id: subject, country: 'mx', version };
    return {
      subject,
      version,
      type: BED_EVENT_TYPE,
      deliveries: [
        { topic: this.privateTopic, dataclassification: 'restricted', data: { ...data, email: `${subject}@example.org` } },
        ...(shared ? [{ topic: this.sharedTopic, dataclassification: 'public' as const, data, tombstone }] : []),
      ],
    };
  }

  /** Outbox entries not yet published, read straight from the collection. */
  async pendingCount(): Promise<number> {
    const connection = this.connections[0] ?? (await this.connect());
    return connection.collection(`${this.collection}_outbox`).countDocuments();
  }

  async untilNothingPending(timeoutMs: number): Promise<void> {
    await until(async () => (await this.pendingCount()) === 0, timeoutMs, 'the outbox to empty');
  }

  /** Every message in the topics, up to their current ends. */
  read(...topics: string[]): Promise<ReadMessage[]> {
    return readTopics(this.kafka, topics);
  }

  async close(): Promise<void> {
    await Promise.all(this.relays.map((relay) => relay.stop()));
    await this.connections[0]?.dropDatabase();
    await Promise.all(this.connections.map((connection) => connection.close()));
    await this.admin?.disconnect();
  }
}

export async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** How many times each ce_id was published; tombstones carry none. */
export function countById(messages: readonly ReadMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { headers } of messages) {
    const id = headers['ce_id'];
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
