import { dlqTopic, privateEventsTopic, redriveTopic, redriveTopicOf, sharedTopic } from './topic-names';

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

  it("names the re-drive topic of a service's dead-letter topic", () => {
    expect(redriveTopic('mx', 'reporting')).toBe('mx.reporting.redrive.v1');
    expect(redriveTopicOf('it.abc.dlq.v1')).toBe('it.abc.redrive.v1');
    expect(() => redriveTopicOf('mx.submissions.events.v1')).toThrow('no dead-letter topic');
  });
});
