import type { StreamPositions } from './stream-cursor';

/** The offsets a partition holds: `low` is its first, `high` the one its next record gets. */
export interface PartitionRange {
  low: number;
  high: number;
}

/**
 * Where a stream starts reading each partition. Without a cursor: at the end, so the client
 * gets what happens from now on. With one: where it left off, clamped to what the partition
 * still holds (retention may have deleted the start). A partition the cursor does not name
 * (a partner or a partition added since) is read from its beginning, so nothing is skipped.
 */
export function startPositions(ranges: ReadonlyMap<string, readonly PartitionRange[]>, cursor?: StreamPositions): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (const [topic, partitions] of ranges) {
    const left = cursor?.get(topic);
    positions.set(
      topic,
      partitions.map(({ low, high }, partition) => {
        if (!cursor) return high;
        const offset = left?.[partition];
        return offset === undefined ? low : Math.min(Math.max(offset, low), high);
      }),
    );
  }
  return positions;
}
