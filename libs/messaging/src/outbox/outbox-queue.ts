import type { Model } from 'mongoose';
import type { EventDocument } from './event.schema';
import type { OutboxEntryDocument } from './outbox-entry.schema';
import { selectPublishable } from './publication-order';

export interface OutboxStats {
  pending: number;
  /** 0 when nothing is pending. */
  oldestPendingAgeSeconds: number;
}

/**
 * The relay's side of the event store. Its polls read only the small outbox collection,
 * and publication deletes entries there: on FerretDB every query but one by `_id` scans the
 * whole collection, and every update costs as much, so the events collection, which only
 * grows, is read once per batch and never updated.
 */
export class OutboxQueue {
  constructor(
    private readonly entries: Model<OutboxEntryDocument>,
    private readonly events: Model<EventDocument>,
    private readonly voidAfterMs: number,
  ) {}

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

  async markPublished(ids: readonly string[]): Promise<void> {
    await this.entries.deleteMany({ _id: { $in: ids } });
  }

  async stats(now = Date.now()): Promise<OutboxStats> {
    const [pending, oldest] = await Promise.all([this.entries.countDocuments(), this.entries.findOne({}, { recordedAt: 1 }).sort({ recordedAt: 1 }).lean()]);
    return { pending, oldestPendingAgeSeconds: oldest ? Math.max(0, (now - oldest.recordedAt.getTime()) / 1000) : 0 };
  }
}
