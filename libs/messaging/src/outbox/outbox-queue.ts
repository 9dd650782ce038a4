import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';
import { type EventDocument, eventModel } from './event.schema';
import { type OutboxEntryDocument, outboxEntryModel } from './outbox-entry.schema';
import { parkedEventModel, type ParkedEventDocument } from './parked-event.schema';
import { selectPublishable } from './publication-order';
import { publicationRecordModel, type PublicationRecordDocument } from './publication-record.schema';

export interface OutboxStats {
  pending: number;
  /** 0 when nothing is pending. */
  oldestPendingAgeSeconds: number;
  /** Events Kafka could never take, set aside with their reason. */
  parked: number;
}

/** Where an event store keeps its events and their publication state. */
export interface OutboxCollections {
  connection: Connection;
  collection: string;
  outboxCollection: string;
  publishedCollection: string;
  parkedCollection: string;
}

/** What the queue needs of an event to record what became of it. */
export type EventKey = Pick<EventDocument, '_id' | 'subject' | 'version' | 'recordedAt'>;

const SWEEP_PAGE = 500;

/**
 * The relay's side of the event store. Its polls read only the small outbox collection,
 * and publication deletes entries there: on FerretDB every query but one by `_id` scans the
 * whole collection, and every update costs as much, so the events collection, which only
 * grows, is read once per batch and never updated.
 */
export class OutboxQueue {
  private readonly entries: Model<OutboxEntryDocument>;
  private readonly events: Model<EventDocument>;
  private readonly records: Model<PublicationRecordDocument>;
  private readonly parked: Model<ParkedEventDocument>;

  constructor(
    store: OutboxCollections,
    private readonly voidAfterMs: number,
  ) {
    this.entries = outboxEntryModel(store.connection, store.outboxCollection);
    this.events = eventModel(store.connection, store.collection);
    this.records = publicationRecordModel(store.connection, store.publishedCollection);
    this.parked = parkedEventModel(store.connection, store.parkedCollection);
  }

  /**
   * Up to `limit` events to publish next, from the entries in (subject, version) order:
   * whatever the limit cuts, each subject's lowest versions come first.
   */
  async nextBatch(limit: number): Promise<EventDocument[]> {
    const entries = await this.entries.find().sort({ subject: 1, version: 1 }).limit(limit).lean();
    if (entries.length === 0) return [];
    const events = await this.events.find({ _id: { $in: entries.map(({ _id }) => _id) } }).lean();
    const { ready, voided } = selectPublishable(entries, events, new Date(Date.now() - this.voidAfterMs));
    if (voided.length > 0) await this.entries.deleteMany({ _id: { $in: voided } });
    return ready;
  }

  /** The events are in Kafka: recorded as published, then out of the outbox. */
  async markPublished(events: readonly EventKey[]): Promise<void> {
    await insertIgnoringDuplicates(this.records, events.map(recordOf));
    await this.entries.deleteMany({ _id: { $in: events.map(({ _id }) => _id) } });
  }

  /** Sets aside an event Kafka can never take, with the reason; the outbox goes on without it. */
  async park(event: EventKey, reason: string): Promise<void> {
    await insertIgnoringDuplicates(this.parked, [{ ...recordOf(event), parkedAt: new Date(), reason }]);
    await this.markPublished([event]);
  }

  /**
   * Queues again every event recorded from `since` to `until` that has neither an outbox
   * entry nor a publication record: its entry was lost (an append's entry voided before its
   * slow insert landed, or an append before publication records existed). Entries are read
   * before records, and publication writes the record before deleting the entry, so an
   * event being published meanwhile is always seen with one of them. The subject's later
   * versions are queued again with it: they follow it, and on a compacted topic the latest
   * version stays the subject's value. Returns how many lost events it found.
   */
  async requeueUnpublished(since: Date, until: Date): Promise<number> {
    let found = 0;
    for (let after = ''; ;) {
      const page = await this.events
        .find({ recordedAt: { $gte: since, $lt: until }, _id: { $gt: after } }, { subject: 1, version: 1, recordedAt: 1 })
        .sort({ _id: 1 })
        .limit(SWEEP_PAGE)
        .lean<EventKey[]>();
      if (page.length === 0) return found;
      const ids = page.map(({ _id }) => _id);
      const pending = new Set((await this.entries.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map(({ _id }) => _id));
      const done = new Set((await this.records.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map(({ _id }) => _id));
      const lost = page.filter(({ _id }) => !pending.has(_id) && !done.has(_id));
      await this.requeueFrom(lost);
      found += lost.length;
      after = page.at(-1)!._id;
    }
  }

  /** Publication records of events recorded before `before`: no sweep looks at them again. */
  async pruneRecords(before: Date): Promise<void> {
    await this.records.deleteMany({ recordedAt: { $lt: before } });
  }

  async stats(now = Date.now()): Promise<OutboxStats> {
    const [pending, oldest, parked] = await Promise.all([
      this.entries.countDocuments(),
      this.entries.findOne({}, { recordedAt: 1 }).sort({ recordedAt: 1 }).lean(),
      this.parked.countDocuments(),
    ]);
    return { pending, oldestPendingAgeSeconds: oldest ? Math.max(0, (now - oldest.recordedAt.getTime()) / 1000) : 0, parked };
  }

  /** Queues the events, and every later version of their subjects. */
  private async requeueFrom(lost: readonly EventKey[]): Promise<void> {
    const lowest = new Map<string, number>();
    for (const { subject, version } of lost) lowest.set(subject, Math.min(version, lowest.get(subject) ?? version));
    for (const [subject, version] of lowest) {
      await this.enqueue(await this.events.find({ subject, version: { $gte: version } }, { subject: 1, version: 1, recordedAt: 1 }).lean<EventKey[]>());
    }
  }

  /** Outbox entries for recorded events; one that is already pending stays as it is. */
  private async enqueue(events: readonly EventKey[]): Promise<void> {
    await insertIgnoringDuplicates(this.entries, events.map(recordOf));
  }
}

function recordOf({ _id, subject, version, recordedAt }: EventKey): EventKey {
  return { _id, subject, version, recordedAt };
}

/** Inserts what is not there yet: a document whose `_id` exists is left as it is. */
async function insertIgnoringDuplicates<T extends { _id: string }>(model: Model<T>, documents: readonly T[]): Promise<void> {
  if (documents.length === 0) return;
  try {
    await model.collection.insertMany(documents as never[], { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const failures: unknown[] = Array.isArray(writeErrors) ? writeErrors : [error];
    if (!failures.every(isDuplicateKey)) throw error;
  }
}
