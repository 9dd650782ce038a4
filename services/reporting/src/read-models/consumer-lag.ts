import type { Admin } from 'kafkajs';

/** A partition's ends and where a group stands on it. */
export interface PartitionPosition {
  /** The offset the next message will get. */
  high: string;
  /** The first offset still kept. */
  low: string;
  /** The next offset the group will read; -1 when it has committed none. */
  committed: string;
}

/** Messages of a partition the group has yet to read. */
export function partitionLag({ high, low, committed }: PartitionPosition): bigint {
  // A group that has committed nothing reads from the first offset still kept.
  const next = BigInt(committed) < 0n ? BigInt(low) : BigInt(committed);
  const lag = BigInt(high) - (next > BigInt(low) ? next : BigInt(low));
  return lag > 0n ? lag : 0n;
}

/** How many messages of `topics` the group has not read yet, and how many those topics keep. */
export async function consumerLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<{ lag: bigint; kept: bigint }> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0n;
  let kept = 0n;
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const positions = new Map(committed.find((entry) => entry.topic === topic)?.partitions.map(({ partition, offset }) => [partition, offset]));
    for (const { partition, high, low } of ends) {
      lag += partitionLag({ high, low, committed: positions.get(partition) ?? '-1' });
      kept += BigInt(high) - BigInt(low);
    }
  }
  return { lag, kept };
}
