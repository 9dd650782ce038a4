import { EVENT_TYPES } from '@naperj/contracts';
import { DEAD_LETTER_RECORD, topicsFor } from './consumed-topic';

const MX = { country: 'mx', peers: ['us', 'ca'] } as const;

describe('topicsFor', () => {
  it("reads a shared type from every peer's topic of its stream, each with its country as origin", () => {
    expect(topicsFor(EVENT_TYPES.submissionPublished, 'shared', 'peers', MX)).toEqual([
      { name: 'us.shared.submissions.v1', origin: 'us', from: 'shared', stream: 'submissions' },
      { name: 'ca.shared.submissions.v1', origin: 'ca', from: 'shared', stream: 'submissions' },
    ]);
  });

  it("adds the node's own shared topic when asked for all origins", () => {
    const names = topicsFor(EVENT_TYPES.nodeHeartbeat, 'shared', 'all', MX).map((topic) => topic.name);
    expect(names).toEqual(['mx.shared.heartbeats.v1', 'us.shared.heartbeats.v1', 'ca.shared.heartbeats.v1']);
  });

  it("reads an own type from the private topic of the service that emits it, on the node's cluster only", () => {
    expect(topicsFor(EVENT_TYPES.reviewAssigned, 'own', 'peers', MX)).toEqual([
      { name: 'mx.expert-network.events.v1', origin: 'mx', from: 'own', stream: 'expert-network' },
    ]);
  });

  it("reads dead-letter records from every service's dead-letter topic of the node", () => {
    const topics = topicsFor(DEAD_LETTER_RECORD, 'dead-letters', 'peers', MX);
    expect(topics.map((topic) => topic.name)).toEqual([
      'mx.submissions.dlq.v1',
      'mx.expert-network.dlq.v1',
      'mx.community-engagement.dlq.v1',
      'mx.reporting.dlq.v1',
    ]);
  });

  it('refuses a handler that no topic can feed', () => {
    expect(() => topicsFor(EVENT_TYPES.nodeHeartbeat, 'own', 'peers', MX)).toThrow('never travels on a private topic');
    expect(() => topicsFor(EVENT_TYPES.reviewAssigned, 'shared', 'peers', MX)).toThrow('is never shared');
    expect(() => topicsFor('org.naperj.nothing.v1', 'shared', 'peers', MX)).toThrow('not an event type');
    expect(() => topicsFor(EVENT_TYPES.reviewAssigned, 'dead-letters', 'peers', MX)).toThrow('carry naperj.dead-letter-record records');
  });
});
