import { dlqTopicSpec, sharedTopicSpec } from '@naperj/contracts';
import { topicConfigEntries, toTopicConfig } from './topic-config';

const DAY_MS = 86_400_000;
const valueOf = (entries: { name: string; value: string }[], name: string): number | undefined => {
  const entry = entries.find((e) => e.name === name);
  return entry === undefined ? undefined : Number(entry.value);
};

describe('topic config', () => {
  it('sets cleanup and retention of a delete topic', () => {
    expect(topicConfigEntries(dlqTopicSpec('mx', 'reporting'))).toEqual([
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: '2592000000' },
    ]);
  });

  it.each(['submissions', 'experts', 'exchanges', 'insights'] as const)(
    'keeps a withdrawal and its tombstone on the compacted shared %s topic through a replication outage of 7 days',
    (stream) => {
      const entries = topicConfigEntries(sharedTopicSpec('mx', stream));
      expect(entries[0]).toEqual({ name: 'cleanup.policy', value: 'compact' });
      // The withdrawal event is superseded by its tombstone at once: compaction must not reach it
      // before a peer cut off for the whole outage has copied it.
      expect(valueOf(entries, 'min.compaction.lag.ms')).toBeGreaterThanOrEqual(7 * DAY_MS);
      // The tombstone itself outlives the same outage once compaction has reached it.
      expect(valueOf(entries, 'delete.retention.ms')).toBeGreaterThanOrEqual(7 * DAY_MS);
      // Withdrawn data is compacted away within a bound, never before the lag above (Kafka refuses min > max).
      expect(valueOf(entries, 'max.compaction.lag.ms')).toBeGreaterThanOrEqual(valueOf(entries, 'min.compaction.lag.ms')!);
      expect(valueOf(entries, 'max.compaction.lag.ms')).toBeLessThanOrEqual(30 * DAY_MS);
    },
  );

  it('leaves min.insync.replicas to the cluster unless configured, and sets it on every topic when it is', () => {
    expect(topicConfigEntries(sharedTopicSpec('mx', 'experts')).map((e) => e.name)).not.toContain('min.insync.replicas');
    for (const spec of [sharedTopicSpec('mx', 'experts'), dlqTopicSpec('mx', 'reporting')]) {
      expect(topicConfigEntries(spec, { minInsyncReplicas: 2 })).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    }
  });

  it('builds the createTopics entry without a replication factor', () => {
    expect(toTopicConfig(sharedTopicSpec('ca', 'heartbeats'))).toEqual({
      topic: 'ca.shared.heartbeats.v1',
      numPartitions: 1,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: '86400000' },
      ],
    });
  });
});
