import type { CountryCode, NodeHeartbeatData, SharedStream } from '@naperj/contracts';
import { type CounterPosition, type EventContext, isDuplicateKey, PartitionCounters, writeForward } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';

/** A partner's newest heartbeat: by its `ce_time`, from whichever of its processes sent it. */
export interface LatestHeartbeat {
  /** The partner's country. */
  _id: CountryCode;
  emitterId: string;
  sequence: number;
  sentAt: string;
  /** The heartbeat's `ce_time`, which its age is measured from. */
  time: string;
  receivedAt: Date;
}

/** One event received from a partner: its replication latency, and the proof it was counted. */
interface Receipt {
  /** `<peer>:<ce_id>`: another partner re-using the event's id cannot make it look counted. */
  _id: string;
  peer: CountryCode;
  stream: SharedStream;
  topic: string;
  partition: number;
  offset: string;
  receivedAt: Date;
  latencyMs: number;
}

type ReceivedKey = {
  peer: CountryCode;
  stream: SharedStream;
};

export interface ReceivedTotal {
  peer: CountryCode;
  stream: SharedStream;
  count: number;
}

/** Receipts older than this are dropped: latency uses minutes, duplicates of older events are the ledger's to catch. */
const RECEIPT_RETENTION_MS = 60 * 60 * 1000;

/**
 * What this node measures as partners' events arrive: counts per partner and stream, the
 * latency of each recent event, each partner's newest heartbeat. Measured at receipt, so a
 * replay could not recreate it: it belongs to the installation, and a read-model rebuild
 * leaves it as it is.
 */
@Injectable()
export class FederationTelemetryRepository {
  private readonly heartbeats: mongo.Collection<LatestHeartbeat>;
  private readonly receipts: mongo.Collection<Receipt>;
  private readonly received: PartitionCounters<ReceivedKey>;

  constructor(@InjectConnection() connection: Connection) {
    this.heartbeats = connection.collection<LatestHeartbeat>('reporting_federation_heartbeats');
    this.receipts = connection.collection<Receipt>('reporting_federation_receipts');
    this.received = new PartitionCounters<ReceivedKey>(connection, 'reporting_federation_received', ['peer', 'stream']);
  }

  /**
   * Counts an event from `peer` once: a redelivery at the same position is ignored by the
   * counter, and the same event at another position (e.g. copied twice by MirrorMaker) by its
   * receipt. The counter moves before the receipt is written, so a crash in between leaves
   * nothing uncounted or counted twice.
   */
  async record(peer: CountryCode, stream: SharedStream, event: Pick<EventContext, 'id' | 'time'>, position: CounterPosition, receivedAt: Date): Promise<void> {
    const _id = `${peer}:${event.id}`;
    const earlier = await this.receipts.findOne({ _id });
    if (earlier && (earlier.topic !== position.topic || earlier.partition !== position.partition || earlier.offset !== position.offset)) return;
    await this.received.apply(position, [{ key: { peer, stream }, delta: 1 }]);
    if (!earlier) await this.insertReceipt({ _id, peer, stream, ...position, receivedAt, latencyMs: receivedAt.getTime() - Date.parse(event.time) });
  }

  /** Keeps the heartbeat if it is the partner's newest; heartbeats of a partner share one partition, so this never races. */
  async recordHeartbeat(peer: CountryCode, time: string, data: NodeHeartbeatData, receivedAt: Date): Promise<void> {
    const heartbeat: LatestHeartbeat = { _id: peer, emitterId: data.id, sequence: data.version, sentAt: data.sentAt, time, receivedAt };
    // Not written, when a newer or the same heartbeat is held.
    await writeForward({
      read: () => this.heartbeats.findOne({ _id: peer }, { projection: { time: 1 } }),
      isAhead: (held) => held.time < time,
      insert: () => this.heartbeats.insertOne(heartbeat),
      swap: async (held) => (await this.heartbeats.replaceOne({ _id: peer, time: held.time }, heartbeat)).matchedCount === 1,
    });
  }

  async latestHeartbeats(): Promise<Map<CountryCode, LatestHeartbeat>> {
    return new Map((await this.heartbeats.find().toArray()).map((heartbeat) => [heartbeat._id, heartbeat]));
  }

  /** The latencies of the partner's most recent receipts since `since`, in milliseconds. */
  async latencies(peer: CountryCode, since: Date, limit: number): Promise<number[]> {
    const receipts = await this.receipts
      .find({ peer, receivedAt: { $gte: since } }, { projection: { latencyMs: 1 } })
      .sort({ receivedAt: -1 })
      .limit(limit)
      .toArray();
    return receipts.map(({ latencyMs }) => latencyMs);
  }

  async receivedTotals(): Promise<ReceivedTotal[]> {
    return this.received.totals();
  }

  /** Drops receipts that no window needs any more. */
  async prune(now: Date): Promise<void> {
    await this.receipts.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - RECEIPT_RETENTION_MS) } });
  }

  private async insertReceipt(receipt: Receipt): Promise<void> {
    try {
      await this.receipts.insertOne(receipt);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
