import type { Connection } from 'mongoose';
import type { EventContext } from './event-context';
import type { ConsumedRecord } from './dead-letter.publisher';

interface LedgerEntry {
  /** `<groupId>:<ce_id>`; a dead-letter record's id is its position. */
  _id: string;
  groupId: string;
  eventId: string;
  type: string;
  subject: string;
  topic: string;
  partition: number;
  offset: string;
  appliedAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * The events each consumer group has applied, so a redelivered event is skipped. An entry is
 * written after the handler's effect: a crash in between re-runs the (idempotent) handler,
 * never loses the event. `_id` is the unique key, the one race-free decision on FerretDB.
 */
export class ConsumedEventLedger {
  constructor(
    private readonly connection: Connection,
    private readonly collectionName = 'consumed_events',
  ) {}

  async has(groupId: string, eventId: string): Promise<boolean> {
    const entry = await this.entries().findOne({ _id: entryId(groupId, eventId) }, { projection: { _id: 1 } });
    return entry !== null;
  }

  /** Records `event` as applied by `groupId`; recording it twice is harmless. */
  async record(groupId: string, event: Pick<EventContext, 'id' | 'type' | 'subject'>, { topic, partition, message }: ConsumedRecord): Promise<void> {
    const entry: LedgerEntry = {
      _id: entryId(groupId, event.id),
      groupId,
      eventId: event.id,
      type: event.type,
      subject: event.subject,
      topic: topic.name,
      partition,
      offset: message.offset,
      appliedAt: new Date(),
    };
    try {
      await this.entries().insertOne(entry);
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** Drops every entry of a group that will never run again, e.g. a retired read-model generation's. */
  async forget(groupId: string): Promise<number> {
    const { deletedCount } = await this.entries().deleteMany({ groupId });
    return deletedCount;
  }

  private entries() {
    return this.connection.collection<LedgerEntry>(this.collectionName);
  }
}

function entryId(groupId: string, eventId: string): string {
  return `${groupId}:${eventId}`;
}
