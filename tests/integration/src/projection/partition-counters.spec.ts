import { PartitionCounters } from '@naperj/messaging';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { TEST_MONGODB_URI } from '../engines/engines-cli';

type Key = { country: string; measure: string; value: string };

describe('partition counters on FerretDB', () => {
  let connection: Connection;
  let counters: PartitionCounters<Key>;
  const at = (partition: number, offset: number) => ({ topic: 'mx.submissions.events.v1', partition, offset: String(offset) });
  const draft: Key = { country: 'mx', measure: 'status', value: 'draft' };
  const sdg: Key = { country: 'mx', measure: 'sdgTarget', value: '10.2' };

  beforeAll(async () => {
    connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/counters-${randomUUID().slice(0, 8)}`).asPromise();
    counters = new PartitionCounters<Key>(connection, 'counters', ['country', 'measure', 'value']);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('counts every partition once, keeps values with dots, and sums the shards', async () => {
    await counters.apply(at(0, 1), [
      { key: draft, delta: 1 },
      { key: sdg, delta: 1 },
    ]);
    await counters.apply(at(1, 1), [{ key: draft, delta: 1 }]);
    await counters.apply(at(0, 2), [{ key: draft, delta: 1 }]);

    expect(await counters.totals({ measure: 'status' })).toEqual([{ country: 'mx', measure: 'status', value: 'draft', count: 3 }]);
    expect(await counters.totals({ value: '10.2' })).toEqual([{ country: 'mx', measure: 'sdgTarget', value: '10.2', count: 1 }]);
  });

  it('ignores an event delivered again at the same or an earlier offset', async () => {
    await counters.apply(at(0, 2), [{ key: draft, delta: 1 }]);
    await counters.apply(at(0, 1), [{ key: sdg, delta: 1 }]);

    expect(await counters.totals({ value: 'draft' })).toEqual([expect.objectContaining({ count: 3 })]);
    expect(await counters.totals({ value: '10.2' })).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('nets the changes of one key within an event', async () => {
    await counters.apply(at(0, 3), [
      { key: draft, delta: -1 },
      { key: draft, delta: 1 },
    ]);
    await counters.apply(at(0, 4), [
      { key: draft, delta: -1 },
      { key: draft, delta: -1 },
    ]);

    expect(await counters.totals({ value: 'draft' })).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('stays exact when another replica moved a shard on since this one last wrote it, as after a rebalance', async () => {
    const moved: Key = { country: 'us', measure: 'status', value: 'submitted' };
    const replica = new PartitionCounters<Key>(connection, 'counters', ['country', 'measure', 'value']);
    await counters.apply(at(5, 1), [{ key: moved, delta: 1 }]);
    await replica.apply(at(5, 2), [{ key: moved, delta: 1 }]);
    await replica.apply(at(5, 3), [{ key: moved, delta: 1 }]);
    // This instance last saw offset 1: its first guess misses, it reads, and counts 4 once.
    await counters.apply(at(5, 4), [{ key: moved, delta: 1 }]);
    await counters.apply(at(5, 3), [{ key: moved, delta: 1 }]);
    await replica.apply(at(5, 4), [{ key: moved, delta: 1 }]);

    expect(await counters.totals({ country: 'us' })).toEqual([{ ...moved, count: 4 }]);
  });

  it('loses no count when many partitions change one counter at once (one writer per shard)', async () => {
    const hot: Key = { country: 'ca', measure: 'kind', value: 'practice' };
    await Promise.all(
      Array.from({ length: 12 }, (_, partition) =>
        (async () => {
          for (let offset = 0; offset < 10; offset++) await counters.apply(at(partition, offset), [{ key: hot, delta: 1 }]);
        })(),
      ),
    );

    expect(await counters.totals({ country: 'ca' })).toEqual([{ ...hot, count: 120 }]);
  });
});
