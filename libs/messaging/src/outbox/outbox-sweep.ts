import type { Collection, Connection } from 'mongoose';
import type { OutboxQueue } from './outbox-queue';

export interface SweepTiming {
  /** Least time between two sweeps. */
  sweepIntervalMs: number;
  /**
   * How far before its previous run a sweep looks: longer than an outbox entry may wait for
   * its event before it is voided, since such an event may still land after that.
   */
  sweepLookbackMs: number;
}

interface SweepCursor {
  _id: string;
  /** When the last sweep started. */
  sweptTo: Date;
}

/**
 * Finds recorded events that have neither an outbox entry nor a publication record, and
 * queues them again. Where the last sweep got to is kept in one document (in the relay's
 * lease collection), so a restart neither misses a window nor rescans history; the first
 * sweep of an event store looks back one lookback from its start. A plain read, upsert
 * and deletes: the same on MongoDB and FerretDB.
 */
export class OutboxSweep {
  private readonly cursors: Collection<SweepCursor>;
  private dueAt = 0;

  constructor(
    private readonly queue: OutboxQueue,
    connection: Connection,
    collection: string,
    private readonly id: string,
    private readonly timing: SweepTiming,
  ) {
    this.cursors = connection.collection<SweepCursor>(collection);
  }

  /** Sweeps when one is due; how many lost events it found. */
  async runIfDue(now = Date.now()): Promise<number> {
    if (now < this.dueAt) return 0;
    const started = new Date(now);
    const cursor = await this.cursors.findOne({ _id: this.id });
    const since = new Date((cursor?.sweptTo ?? started).getTime() - this.timing.sweepLookbackMs);
    // Events recorded since it started are the next sweep's: this one never chases appends.
    const queued = await this.queue.requeueUnpublished(since, started);
    await this.cursors.updateOne({ _id: this.id }, { $set: { sweptTo: started } }, { upsert: true });
    await this.queue.pruneRecords(new Date(since.getTime() - this.timing.sweepLookbackMs));
    this.dueAt = now + this.timing.sweepIntervalMs;
    return queued;
  }
}
