import type { Connection, mongo } from 'mongoose';
import { writeForward } from './write-forward';

/** Where in Kafka the event that changes counters was read. */
export interface CounterPosition {
  topic: string;
  partition: number;
  /** Kafka's offset, as kafkajs gives it. */
  offset: string;
}

/** A counter's key: field names without dots, values of any text ("10.2" included). */
export type CounterKey = Readonly<Record<string, string>>;

export interface CounterChange<K extends CounterKey> {
  key: K;
  delta: number;
}

interface CounterShard {
  _id: string;
  count: number;
  /** The offset of the last event applied to this shard, on its topic and partition. */
  offset: number;
}

/**
 * Counters a projection keeps with `$inc`, safe on FerretDB 1.24 and exact under redelivery.
 *
 * FerretDB applies an update by reading the document and writing it back, so two concurrent
 * `$inc` on one document lose increments. Each counter is therefore kept as one shard per
 * Kafka partition: a partition is applied by one consumer at a time, in order, so a shard
 * has one writer. A shard also holds the offset of the last event applied to it, and takes a
 * change only from a later offset: an event delivered again (after a crash between its effect
 * and the ledger entry) changes nothing. Reads sum the shards with `$group`/`$sum`.
 */
export class PartitionCounters<K extends CounterKey> {
  private readonly shards: mongo.Collection<CounterShard>;
  /**
   * The offset each shard held when this instance last read or wrote it: the next write's
   * compare-and-set starts from it instead of reading the shard first. A shard's writer is the
   * consumer of its partition, so it is nearly always right; when another replica has moved the
   * shard on since, the compare-and-set misses and reads, and no change is lost or doubled.
   */
  private readonly heldOffsets = new Map<string, number>();

  constructor(
    connection: Connection,
    readonly collectionName: string,
    private readonly keyFields: readonly (keyof K & string)[],
  ) {
    this.shards = connection.collection<CounterShard>(collectionName);
  }

  /** Applies the changes of the event at `position`, once; changes of one key are netted first. */
  async apply(position: CounterPosition, changes: readonly CounterChange<K>[]): Promise<void> {
    const offset = Number(position.offset);
    const netted = new Map<string, CounterChange<K>>();
    for (const { key, delta } of changes) {
      const id = this.shardId(key, position);
      netted.set(id, { key, delta: (netted.get(id)?.delta ?? 0) + delta });
    }
    await Promise.all(
      [...netted]
        .filter(([, { delta }]) => delta !== 0)
        .map(async ([_id, { key, delta }]) => {
          const place = { ...this.keyOf(key), topic: position.topic, partition: position.partition, offset };
          const known = this.heldOffsets.get(_id);
          // Not written, when the shard holds this offset or a later one: the change is already counted.
          const result = await writeForward<Pick<CounterShard, 'offset'>>(
            {
              read: () => this.shards.findOne({ _id }, { projection: { offset: 1 } }),
              isAhead: (held) => held.offset < offset,
              insert: () => this.shards.insertOne({ _id, count: delta, ...place }),
              swap: async (held) => (await this.shards.updateOne({ _id, offset: held.offset }, { $inc: { count: delta }, $set: place })).matchedCount === 1,
            },
            known === undefined ? undefined : { offset: known },
          );
          this.heldOffsets.set(_id, result.written ? offset : result.held.offset);
        }),
    );
  }

  /** Each key's total over every shard, for the keys whose fields equal `filter`'s; zeros included. */
  async totals(filter: Partial<K> = {}): Promise<(K & { count: number })[]> {
    const group = Object.fromEntries(this.keyFields.map((field) => [field, `$${field}`]));
    const rows = await this.shards.aggregate<{ _id: K; count: number }>([{ $match: filter }, { $group: { _id: group, count: { $sum: '$count' } } }]).toArray();
    return rows.map(({ _id, count }) => ({ ..._id, count }));
  }

  private keyOf(key: K): K {
    return Object.fromEntries(this.keyFields.map((field) => [field, key[field]])) as unknown as K;
  }

  /** JSON, so no value can run into the next one whatever characters it holds. */
  private shardId(key: K, { topic, partition }: CounterPosition): string {
    return JSON.stringify([...this.keyFields.map((field) => key[field]), topic, partition]);
  }
}
