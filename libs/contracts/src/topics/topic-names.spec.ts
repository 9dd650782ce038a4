import { dlqTopic, privateEventsTopic, sharedTopic } from './topic-names';

describe('topic names', () => {
  it('names a service private event topic', () => {
    expect(privateEventsTopic('mx', 'submissions')).toBe('mx.submissions.events.v1');
    expect(privateEventsTopic('ca', 'community-engagement')).toBe('ca.community-engagement.events.v1');
  });

  it('names a shared topic', () => {
    expect(sharedTopic('mx', 'experts')).toBe('mx.shared.experts.v1');
    expect(sharedTopic('us', 'heartbeats')).toBe('us.shared.heartbeats.v1');
  });

  it('names a dead-letter topic', () => {
    expect(dlqTopic('us', 'expert-network')).toBe('us.expert-network.dlq.v1');
  });
});
