import type { CountryCode } from '@naperj/contracts';
import type { Connection } from 'mongoose';
import type { EventContext } from './event-context';
import type { ConsumedRecord } from './dead-letter.publisher';

interface LedgerEntry {
  /**
   * `<groupId>:<origin>:<ce_id>`, the origin being the country whose topic carried the event
   * (on shared topics, the one whose signature it bears): a partner that re-uses another
   * country's event id cannot make a group skip the genuine event. A dead-letter record's id is
   * its position. Entries of the earlier form, `<groupId>:<ce_id>`, are never read: an event
   * they recorded that is delivered again is applied again, which idempotent handlers absorb.
   */
  _id: string;
  groupId: string;
  origin: CountryCode;
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

  /** Whether `groupId` has applied the event `id` of `source`. */
  async has(groupId: string, event: Pick<EventContext, 'id' | 'source'>): Promise<boolean> {
    const entry = await this.entries().findOne({ _id: entryId(groupId, event) }, { projection: { _id: 1 } });
    return entry !== null;
  }

  /** Records `event` as applied by `groupId`; recording it twice is harmless. */
  async record(groupId: string, event: Pick<EventContext, 'id' | 'source' | 'type' | 'subject'>, { topic, partition, message }: ConsumedRecord): Promise<void> {
    const entry: LedgerEntry = {
      _id: entryId(groupId, event),
      groupId,
      origin: event.source,
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

function entryId(groupId: string, { id, source }: Pick<EventContext, 'id' | 'source'>): string {
  return `${groupId}:${source}:${id}`;
}
