import { dlqTopicSpec, EVENTS_RETENTION_MS, nodeTopics, peerSharedTopics, privateEventsTopicSpec, sharedTopicSpec, type TopicSpec } from './topic-specs';

const DAY_MS = 86_400_000;

describe('topic specs', () => {
  it('keeps private events 30 days', () => {
    expect(privateEventsTopicSpec('mx', 'submissions')).toEqual({
      name: 'mx.submissions.events.v1',
      partitions: 3,
      cleanupPolicy: 'delete',
      retentionMs: 30 * DAY_MS,
    });
  });

  it('accepts another retention for private events', () => {
    expect(privateEventsTopicSpec('mx', 'reporting', 7 * DAY_MS)).toMatchObject({
      cleanupPolicy: 'delete',
      retentionMs: 7 * DAY_MS,
    });
  });

  it.each(['submissions', 'experts', 'exchanges', 'insights'] as const)('compacts the shared %s stream', (stream) => {
    expect(sharedTopicSpec('ca', stream)).toEqual({
      name: `ca.shared.${stream}.v1`,
      partitions: 3,
      cleanupPolicy: 'compact',
    });
  });

  it('keeps heartbeats one day on a single partition', () => {
    expect(sharedTopicSpec('us', 'heartbeats')).toEqual({
      name: 'us.shared.heartbeats.v1',
      partitions: 1,
      cleanupPolicy: 'delete',
      retentionMs: DAY_MS,
    });
  });

  it('keeps dead letters 30 days', () => {
    expect(dlqTopicSpec('us', 'expert-network')).toEqual({
      name: 'us.expert-network.dlq.v1',
      partitions: 3,
      cleanupPolicy: 'delete',
      retentionMs: 30 * DAY_MS,
    });
  });
});

describe('nodeTopics', () => {
  const names = (specs: TopicSpec[]) => specs.map((spec) => spec.name);

  it('lists the events and DLQ topic of every service and the shared streams', () => {
    expect(names(nodeTopics('mx')).sort()).toEqual(
      [
        'mx.submissions.events.v1',
        'mx.expert-network.events.v1',
        'mx.community-engagement.events.v1',
        'mx.reporting.events.v1',
        'mx.submissions.dlq.v1',
        'mx.expert-network.dlq.v1',
        'mx.submissions.redrive.v1',
        'mx.expert-network.redrive.v1',
        'mx.community-engagement.redrive.v1',
        'mx.reporting.redrive.v1',
        'mx.community-engagement.dlq.v1',
        'mx.reporting.dlq.v1',
        'mx.shared.submissions.v1',
        'mx.shared.experts.v1',
        'mx.shared.exchanges.v1',
        'mx.shared.insights.v1',
        'mx.shared.heartbeats.v1',
      ].sort(),
    );
  });

  it('applies a configured events retention to the events topics only', () => {
    const specs = nodeTopics('us', { eventsRetentionMs: DAY_MS });
    const retention = (name: string) => {
      const spec = specs.find((candidate) => candidate.name === name);
      return spec?.cleanupPolicy === 'delete' ? spec.retentionMs : undefined;
    };
    expect(retention('us.submissions.events.v1')).toBe(DAY_MS);
    expect(retention('us.submissions.dlq.v1')).toBe(30 * DAY_MS);
    expect(retention('us.shared.heartbeats.v1')).toBe(DAY_MS);
  });

  it('defaults to 30 days of events', () => {
    const spec = nodeTopics('ca').find((candidate) => candidate.name === 'ca.reporting.events.v1');
    expect(spec).toMatchObject({ retentionMs: EVENTS_RETENTION_MS });
  });
});

describe('peerSharedTopics', () => {
  it("lists every peer's shared topics and nothing private", () => {
    const specs = peerSharedTopics(['us', 'ca']);
    expect(specs.map((spec) => spec.name)).toEqual([
      'us.shared.submissions.v1',
      'us.shared.experts.v1',
      'us.shared.exchanges.v1',
      'us.shared.insights.v1',
      'us.shared.heartbeats.v1',
      'ca.shared.submissions.v1',
      'ca.shared.experts.v1',
      'ca.shared.exchanges.v1',
      'ca.shared.insights.v1',
      'ca.shared.heartbeats.v1',
    ]);
  });

  it('specifies peer topics exactly like the peer does', () => {
    expect(peerSharedTopics(['us'])).toEqual(nodeTopics('us').filter((spec) => spec.name.startsWith('us.shared.')));
  });

  it('is empty without peers', () => {
    expect(peerSharedTopics([])).toEqual([]);
  });
});
