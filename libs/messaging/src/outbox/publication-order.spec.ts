import type { Message } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { type DecodedEvent, fromKafkaMessage } from '../envelope/kafka-binding';
import { EventSigner, TrustStore } from '../envelope/event-signature';
import { sharedEventRejection } from '../envelope/verify-shared-event';
import type { DeliveryDocument } from './event.schema';
import { inPublicationOrder, type PendingEvent, selectPublishable, topicMessagesOf } from './publication-order';

const SOURCE = 'urn:naperj:mx:expert-network';
const PRIVATE = 'mx.expert-network.events.v1';
const SHARED = 'mx.shared.experts.v1';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new EventSigner('mx-2026-11', privateKey);

function delivery(id: string, topic: string, overrides: Partial<DeliveryDocument> = {}): DeliveryDocument {
  return { id, topic, type: 'org.naperj.expert.updated.v1', dataclassification: 'internal', data: JSON.stringify({ id }), tombstone: false, ...overrides };
}

function event(subject: string, version: number, deliveries: DeliveryDocument[]): PendingEvent {
  return { _id: `${subject}-${version}`, subject, version, recordedAt: new Date(Date.UTC(2026, 10, 29, 5, 0, version)), traceparent: TRACEPARENT, deliveries };
}

function decode(message: Message): DecodedEvent {
  const result = fromKafkaMessage(message as Parameters<typeof fromKafkaMessage>[0]);
  if (!result.ok) throw new Error(result.reason);
  return result.decoded;
}

/** The ce_ids of the messages; null for a tombstone. */
function ids(messages: Message[]): (string | null)[] {
  return messages.map((message) => (message.value === null ? null : decode(message).event.id));
}

describe('selectPublishable', () => {
  const now = new Date('2026-11-29T05:10:00.000Z');
  const entry = (_id: string, secondsAgo: number) => ({ _id, recordedAt: new Date(now.getTime() - secondsAgo * 1000) });
  const voidBefore = new Date(now.getTime() - 300_000);

  it("publishes the entries whose event is recorded, in the entries' order", () => {
    const events = [{ _id: 'b' }, { _id: 'a' }];
    expect(selectPublishable([entry('a', 1), entry('b', 1)], events, voidBefore)).toEqual({ ready: [{ _id: 'a' }, { _id: 'b' }], voided: [] });
  });

  it('skips an entry whose event is not recorded yet', () => {
    expect(selectPublishable([entry('in-flight', 1), entry('b', 1)], [{ _id: 'b' }], voidBefore)).toEqual({ ready: [{ _id: 'b' }], voided: [] });
  });

  it('voids an entry whose event was never recorded once it is older than the limit', () => {
    expect(selectPublishable([entry('lost', 301), entry('young', 299)], [], voidBefore)).toEqual({ ready: [], voided: ['lost'] });
  });
});

describe('inPublicationOrder', () => {
  it('orders each subject by version, whatever order the events came in', () => {
    const events = [event('b', 2, []), event('a', 10, []), event('b', 1, []), event('a', 9, [])];
    expect(inPublicationOrder(events).map((e) => `${e.subject}${e.version}`)).toEqual(['a9', 'a10', 'b1', 'b2']);
  });
});

describe('topicMessagesOf', () => {
  const events = [
    event('expert-2', 1, [delivery('e2v1-private', PRIVATE)]),
    event('expert-1', 2, [delivery('e1v2-private', PRIVATE), delivery('e1v2-shared', SHARED, { dataclassification: 'public', tombstone: true })]),
    event('expert-1', 1, [
      delivery('e1v1-private', PRIVATE),
      delivery('e1v1-shared', SHARED, { dataclassification: 'public', data: JSON.stringify({ id: 'expert-1', country: 'mx', version: 1 }) }),
    ]),
  ];

  it('groups the deliveries by topic, each subject in version order, a tombstone right after its message', () => {
    const topics = topicMessagesOf(events, SOURCE, signer);

    expect(topics.map(({ topic, messages }) => ({ topic, ids: ids(messages) }))).toEqual([
      { topic: PRIVATE, ids: ['e1v1-private', 'e1v2-private', 'e2v1-private'] },
      { topic: SHARED, ids: ['e1v1-shared', 'e1v2-shared', null] },
    ]);
    expect(topics[1]!.messages[2]).toEqual({ key: 'expert-1', value: null });
  });

  it('sends the stored attributes as CloudEvents headers, signed by the node', () => {
    const shared = topicMessagesOf(events, SOURCE, signer).find(({ topic }) => topic === SHARED)!;
    const decoded = decode(shared.messages[0]!);

    expect(shared.messages[0]!.key).toBe('expert-1');
    expect(decoded.event).toEqual({
      id: 'e1v1-shared',
      source: SOURCE,
      type: 'org.naperj.expert.updated.v1',
      time: '2026-11-29T05:00:01.000Z',
      subject: 'expert-1',
      dataclassification: 'public',
      traceparent: TRACEPARENT,
      data: { id: 'expert-1', country: 'mx', version: 1 },
    });
    expect(sharedEventRejection(decoded, 'mx', new TrustStore().trust('mx', 'mx-2026-11', publicKey))).toBeUndefined();
  });

  it("carries the delivery's send-span traceparent when one is given, the signature unchanged", () => {
    const sendSpan = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    const plain = topicMessagesOf(events, SOURCE, signer).find(({ topic }) => topic === SHARED)!;
    const traced = topicMessagesOf(events, SOURCE, signer, new Map([['e1v1-shared', sendSpan]])).find(({ topic }) => topic === SHARED)!;
    expect(traced.messages[0]!.headers).toMatchObject({ traceparent: sendSpan, ce_sig: plain.messages[0]!.headers!['ce_sig'] });
    expect(decode(traced.messages[1]!).event.traceparent).toBe(TRACEPARENT);
  });

  it('sends no traceparent for an event recorded outside a trace', () => {
    const [topic] = topicMessagesOf([{ ...events[0]!, traceparent: null }], SOURCE, signer);
    expect(topic!.messages[0]!.headers).not.toHaveProperty('traceparent');
  });
});
