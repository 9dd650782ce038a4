import type { Message } from 'kafkajs';
import {
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
  type OutgoingEvent,
  planSends,
  RECORD_BATCH_OVERHEAD_BYTES,
  recordBytes,
  topicMessagesOfSend,
} from './publication-batches';

const SMALL = 'mx.small.events.v1';
const SHARED = 'mx.shared.experts.v1';

function message(id: string, valueBytes: number): Message {
  return { key: id, value: Buffer.alloc(valueBytes, 'x'), headers: { ce_id: id } };
}

function outgoing(id: string, valueBytes: number, topics = [SMALL]): OutgoingEvent<string> {
  return { event: id, topicMessages: topics.map((topic) => ({ topic, messages: [message(id, valueBytes)] })) };
}

const ids = (sends: OutgoingEvent<string>[][]): string[][] => sends.map((send) => send.map(({ event }) => event));

describe('recordBytes', () => {
  it('counts key, value and header bytes with room for the varints', () => {
    const bytes = recordBytes({ key: 'k', value: Buffer.alloc(100), headers: { ce_id: 'abc' } });
    expect(bytes).toBeGreaterThanOrEqual(1 + 100 + 'ce_id'.length + 3);
    expect(bytes).toBeLessThan(1 + 100 + 'ce_id'.length + 3 + 64);
  });

  it('counts a tombstone without a value', () => {
    expect(recordBytes({ key: 'k', value: null })).toBeLessThan(recordBytes({ key: 'k', value: Buffer.alloc(1) }));
  });
});

describe('planSends', () => {
  const per = recordBytes(message('e1', 1000));
  const limits = new Map([[SMALL, RECORD_BATCH_OVERHEAD_BYTES + 3 * per]]);

  it('splits a backlog into consecutive sends that each fit the topic, keeping the order', () => {
    const events = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map((id) => outgoing(id, 1000));
    const plan = planSends(events, limits);
    expect(ids(plan.sends)).toEqual([['e1', 'e2', 'e3'], ['e4', 'e5', 'e6'], ['e7']]);
    expect(plan.tooLarge).toEqual([]);
  });

  it('sets aside an event too large alone, with the reason, and goes on with the others', () => {
    const plan = planSends([outgoing('e1', 1000), outgoing('huge', 5000), outgoing('e2', 1000)], limits);
    expect(ids(plan.sends)).toEqual([['e1', 'e2']]);
    expect(plan.tooLarge).toEqual([
      {
        outgoing: expect.objectContaining({ event: 'huge' }) as unknown,
        reason: expect.stringMatching(new RegExp(`for ${SMALL} exceed its max.message.bytes ${limits.get(SMALL)}$`)) as unknown,
      },
    ]);
  });

  it("measures each topic against its own limit, a topic it cannot read against Kafka's default", () => {
    const plan = planSends(
      [outgoing('e1', 1000, [SMALL, SHARED]), outgoing('e2', 1000, [SMALL, SHARED])],
      new Map([[SMALL, RECORD_BATCH_OVERHEAD_BYTES + per]]),
    );
    expect(ids(plan.sends)).toEqual([['e1'], ['e2']]);
    expect(planSends([outgoing('big', KAFKA_DEFAULT_MAX_MESSAGE_BYTES, [SHARED])], new Map()).tooLarge).toHaveLength(1);
  });
});

describe('topicMessagesOfSend', () => {
  it("groups the send's messages by topic, in the events' order", () => {
    const send = [outgoing('e1', 1, [SMALL, SHARED]), outgoing('e2', 1, [SMALL])];
    expect(topicMessagesOfSend(send).map(({ topic, messages }) => [topic, messages.map(({ key }) => key)])).toEqual([
      [SMALL, ['e1', 'e2']],
      [SHARED, ['e1']],
    ]);
  });
});
