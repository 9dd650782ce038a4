import type { DataClassification, ServiceName } from '@naperj/contracts';
import { context, propagation } from '@opentelemetry/api';
import type { Connection, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { isDuplicateKey } from './duplicate-key';
import { EventTooLargeError, MAX_EVENT_DATA_BYTES } from './event-too-large.error';
import { type DeliveryDocument, type EventDocument, eventModel } from './event.schema';
import { type OutboxEntryDocument, outboxEntryModel } from './outbox-entry.schema';
import { OutboxQueue, type OutboxStats } from './outbox-queue';
import { VersionConflictError } from './version-conflict.error';

/** A Kafka message the event is to produce, e.g. its private view and its shareable view. */
export interface NewDelivery<T = unknown> {
  topic: string;
  /** The CloudEvents type; the event's own when omitted. */
  type?: string;
  dataclassification: DataClassification;
  data: T;
  /** Follow the message with a tombstone: withdrawals and erasures on compacted topics. */
  tombstone?: boolean;
}

export interface NewEvent {
  /** The entity id: the Kafka key of every delivery. */
  subject: string;
  /** 1 for a new subject, else its latest version + 1 (versions are published in this order). */
  version: number;
  type: string;
  deliveries: NewDelivery[];
}

export interface Delivery<T = unknown> extends Required<NewDelivery<T>> {
  /** The `ce_id` (UUIDv7) every publication of this delivery carries. */
  id: string;
}

export interface RecordedEvent {
  /** UUIDv7. */
  id: string;
  subject: string;
  version: number;
  type: string;
  recordedAt: Date;
  traceparent?: string;
  deliveries: Delivery[];
}

export interface EventStoreOptions {
  connection: Connection;
  service: ServiceName;
  /**
   * `<service>_events` by default; the outbox is `<collection>_outbox`, the publication
   * records `<collection>_published` and the parked events `<collection>_parked`.
   */
  collection?: string;
}

/**
 * A service's domain events, one document each, and its outbox of those not yet
 * published. Works on MongoDB and FerretDB 1.24 alike: plain inserts, deletes and queries,
 * no transactions, sessions, change streams or TTL indexes.
 */
export class EventStore {
  readonly connection: Connection;
  readonly service: ServiceName;
  readonly collection: string;
  readonly outboxCollection: string;
  readonly publishedCollection: string;
  readonly parkedCollection: string;
  private readonly events: Model<EventDocument>;
  private readonly outbox: Model<OutboxEntryDocument>;
  private readonly appendListeners = new Set<() => void>();
  private indexes?: Promise<void>;

  constructor({ connection, service, collection = `${service}_events` }: EventStoreOptions) {
    this.connection = connection;
    this.service = service;
    this.collection = collection;
    this.outboxCollection = `${collection}_outbox`;
    this.publishedCollection = `${collection}_published`;
    this.parkedCollection = `${collection}_parked`;
    this.events = eventModel(connection, collection);
    this.outbox = outboxEntryModel(connection, this.outboxCollection);
  }

  /**
   * Records the event and its deliveries in one insert: the use case's atomic decision.
   * Its outbox entry is written just before, so no recorded event lacks one. Throws
   * VersionConflictError when another writer recorded this version first, and
   * EventTooLargeError, recording nothing, when Kafka could never take a delivery. Any
   * other error leaves it open whether the event was recorded (a timeout after the insert
   * landed): the entry stays, and the relay publishes the event if it is there. Needs
   * MongoDB only, never Kafka.
   */
  async append(event: NewEvent): Promise<RecordedEvent> {
    assertWellFormed(event);
    const document = toDocument(event, activeTraceparent());
    assertPublishable(document);
    await this.ensureIndexes();
    await this.outbox.create({ _id: document._id, subject: document.subject, version: document.version, recordedAt: document.recordedAt });
    try {
      await this.events.create(document);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A retried insert that had landed meets its own document: recorded after all.
      if (!(await this.events.exists({ _id: document._id }))) {
        // Best effort: the relay skips an entry without its event, and voids it later.
        await this.outbox.deleteOne({ _id: document._id }).catch(() => undefined);
        throw new VersionConflictError(event.subject, event.version);
      }
    }
    for (const listener of this.appendListeners) listener();
    return toRecordedEvent(document);
  }

  /** The subject's events after `afterVersion`, oldest first. */
  async eventsOf(subject: string, afterVersion = 0): Promise<RecordedEvent[]> {
    const documents = await this.events
      .find({ subject, version: { $gt: afterVersion } })
      .sort({ version: 1 })
      .lean();
    return documents.map(toRecordedEvent);
  }

  /** The subject's latest `count` events, newest first: what an entity's current state is read from. */
  async latest(subject: string, count = 1): Promise<RecordedEvent[]> {
    const documents = await this.events.find({ subject }).sort({ version: -1 }).limit(count).lean();
    return documents.map(toRecordedEvent);
  }

  /** The subject's latest version; 0 when it has no events. */
  async latestVersion(subject: string): Promise<number> {
    const latest = await this.events.findOne({ subject }, { version: 1 }).sort({ version: -1 }).lean();
    return latest?.version ?? 0;
  }

  /** What the relay has still to publish, and what it parked; readable without a relay. */
  outboxStats(now = Date.now()): Promise<OutboxStats> {
    return new OutboxQueue(this, 0).stats(now);
  }

  /** Calls `listener` after every append in this process; returns the unsubscribe. */
  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** The unique (subject, version) index must exist before an insert can decide anything. */
  private ensureIndexes(): Promise<void> {
    this.indexes ??= Promise.all([this.events.createIndexes(), this.outbox.createIndexes()]).then(
      () => undefined,
      (error: unknown) => {
        this.indexes = undefined;
        throw error;
      },
    );
    return this.indexes;
  }
}

function assertPublishable({ subject, deliveries }: EventDocument): void {
  const largest = Math.max(...deliveries.map(({ data }) => Buffer.byteLength(data)));
  if (largest > MAX_EVENT_DATA_BYTES) throw new EventTooLargeError(subject, largest);
}

function assertWellFormed({ subject, version, deliveries }: NewEvent): void {
  if (!subject) throw new TypeError('An event needs a subject');
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`Event versions are integers from 1, got ${version}`);
  if (deliveries.length === 0) throw new TypeError(`The event of ${subject} has no delivery`);
}

/** The active span's `traceparent`, as the registered propagator writes it; none outside a trace. */
function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

function toDocument({ subject, version, type, deliveries }: NewEvent, traceparent: string | undefined): EventDocument {
  return {
    _id: uuidv7(),
    subject,
    version,
    type,
    recordedAt: new Date(),
    traceparent: traceparent ?? null,
    deliveries: deliveries.map((delivery): DeliveryDocument => ({
      id: uuidv7(),
      topic: delivery.topic,
      type: delivery.type ?? type,
      dataclassification: delivery.dataclassification,
      data: JSON.stringify(delivery.data),
      tombstone: delivery.tombstone ?? false,
    })),
  };
}

function toRecordedEvent({ _id, traceparent, deliveries, ...event }: EventDocument): RecordedEvent {
  return {
    id: _id,
    ...event,
    ...(traceparent === null ? {} : { traceparent }),
    deliveries: deliveries.map((delivery) => ({ ...delivery, data: JSON.parse(delivery.data) as unknown })),
  };
}
