import { dlqTopicSpec, sharedTopicSpec } from '@naperj/contracts';
import { topicConfigEntries, toTopicConfig } from './topic-config';

describe('topic config', () => {
  it('sets cleanup and retention of a delete topic', () => {
    expect(topicConfigEntries(dlqTopicSpec('mx', 'reporting'))).toEqual([
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: '2592000000' },
    ]);
  });

  it('sets only the cleanup of a compacted topic', () => {
    expect(topicConfigEntries(sharedTopicSpec('mx', 'experts'))).toEqual([{ name: 'cleanup.policy', value: 'compact' }]);
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
