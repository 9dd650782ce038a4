import { type ConsumedTopic, subscribedTopics } from './consumed-topic';

const MX = { country: 'mx', peers: ['us', 'ca'] } as const;

describe('subscribedTopics', () => {
  it("names every peer's shared topic, each with its country as origin", () => {
    expect(subscribedTopics([{ shared: 'submissions' }], MX)).toEqual([
      { name: 'us.shared.submissions.v1', origin: 'us', visibility: 'shared', stream: 'submissions' },
      { name: 'ca.shared.submissions.v1', origin: 'ca', visibility: 'shared', stream: 'submissions' },
    ]);
  });

  it("adds the node's own shared topic when asked for all origins", () => {
    const names = subscribedTopics([{ shared: 'heartbeats', origins: 'all' }], MX).map((topic) => topic.name);
    expect(names).toEqual(['mx.shared.heartbeats.v1', 'us.shared.heartbeats.v1', 'ca.shared.heartbeats.v1']);
  });

  it("reads a service's private events from the node's own cluster only", () => {
    expect(subscribedTopics([{ private: 'submissions' }], MX)).toEqual([
      { name: 'mx.submissions.events.v1', origin: 'mx', visibility: 'private', stream: 'submissions' },
    ]);
  });

  it('keeps a hand-described topic as it is and lists each topic once', () => {
    const own: ConsumedTopic = { name: 'us.shared.experts.v1', origin: 'us', visibility: 'shared', stream: 'experts' };
    const topics = subscribedTopics([{ shared: 'experts' }, { topic: own }, { shared: 'experts' }], MX);
    expect(topics.map((topic) => topic.name)).toEqual(['us.shared.experts.v1', 'ca.shared.experts.v1']);
  });

  it('refuses a group without topics, such as peers-only streams on a node without peers', () => {
    expect(() => subscribedTopics([{ shared: 'insights' }], { country: 'mx', peers: [] })).toThrow('at least one topic');
  });
});
