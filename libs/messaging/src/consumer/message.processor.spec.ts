import { EVENT_TYPES } from '@naperj/contracts';
import type { KafkaMessage } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { Registry } from 'prom-client';
import type { CloudEvent } from '../envelope/cloud-event';
import { EventSigner, TrustStore } from '../envelope/event-signature';
import { toKafkaMessage } from '../envelope/kafka-binding';
import type { ConsumedTopic } from './consumed-topic';
import { ConsumerMetrics } from './consumer.metrics';
import type { ConsumedRecord } from './dead-letter.publisher';
import { CONTRACTS_EVENT_CATALOG } from './event-catalog';
import { type EventContext, RejectEvent } from './event-context';
import { MessageProcessor, type RegisteredHandler } from './message.processor';

type Handle = RegisteredHandler['handle'];

const WITHDRAWN = EVENT_TYPES.submissionWithdrawn;
const SUBJECT = '01a225da-4c05-72c1-95c7-7614e4a3066b';
const TOPIC: ConsumedTopic = { name: 'us.shared.submissions.v1', origin: 'us', from: 'shared', stream: 'submissions' };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new EventSigner('us-2026-11', privateKey);
const revokedKeys = generateKeyPairSync('ed25519');
const trust = new TrustStore()
  .trust('us', 'us-2026-11', publicKey, { notAfter: '2027-01-01T00:00:00.000Z' })
  .trust('us', 'us-2026-10', revokedKeys.publicKey, { revoked: true });

function event(overrides: Partial<CloudEvent> = {}): CloudEvent {
  return {
    id: '01a225da-4c05-72c1-95c7-000000000001',
    source: 'urn:naperj:us:submissions',
    type: WITHDRAWN,
    time: '2026-11-29T10:00:00.000Z',
    subject: SUBJECT,
    dataclassification: 'public',
    data: { id: SUBJECT, country: 'us', version: 2 },
    ...overrides,
  };
}

function record(message: Partial<KafkaMessage>): ConsumedRecord {
  return {
    topic: TOPIC,
    partition: 1,
    message: { key: null, value: null, headers: {}, offset: '7', timestamp: '0', attributes: 0, ...message } as KafkaMessage,
  };
}

function signed(of: CloudEvent = event(), by = signer): ConsumedRecord {
  const { key, value, headers } = toKafkaMessage(of, by);
  return record({ key: Buffer.from(key as string), value: value as Buffer, headers });
}

function signedBy(by: EventSigner): ConsumedRecord {
  return signed(event(), by);
}

function withHeaders(headers: Record<string, unknown>): ConsumedRecord {
  const of = signed();
  return { ...of, message: { ...of.message, headers: { ...of.message.headers, ...headers } } as KafkaMessage };
}

describe('MessageProcessor', () => {
  let applied: Set<string>;
  let deadLetters: KafkaMessage['headers'][];
  let pauses: number[];
  let registry: Registry;
  let handle: jest.Mock<ReturnType<Handle>, Parameters<Handle>>;
  let ledger: { has: jest.Mock; record: jest.Mock };
  let publish: jest.Mock;

  function processor(pause = (ms: number) => (pauses.push(ms), Promise.resolve(true)), idempotent = false): MessageProcessor {
    return new MessageProcessor({
      groupId: 'mx.submissions.catalog',
      handlers: { find: (from, type) => (from === 'shared' && type === WITHDRAWN ? { name: 'catalog: withdrawn', idempotent, handle } : undefined) },
      catalog: CONTRACTS_EVENT_CATALOG,
      trust,
      ledger,
      deadLetters: { publish },
      metrics: new ConsumerMetrics(registry),
      retry: { attempts: 5, initialMs: 200, maxMs: 5000 },
      logger: { warn: () => undefined, error: () => undefined },
      pause,
    });
  }

  function process(of: ConsumedRecord, stopping = new AbortController().signal) {
    return processor().process(of, stopping);
  }

  async function counter(name: string): Promise<Record<string, number>> {
    const metric = await registry.getSingleMetric(name)!.get();
    return Object.fromEntries(metric.values.map(({ labels, value }) => [Object.values(labels).join(' '), value]));
  }

  beforeEach(() => {
    applied = new Set();
    deadLetters = [];
    pauses = [];
    registry = new Registry();
    handle = jest.fn<ReturnType<Handle>, Parameters<Handle>>(() => Promise.resolve());
    ledger = {
      has: jest.fn((group: string, { id, source }: Pick<EventContext, 'id' | 'source'>) => Promise.resolve(applied.has(`${group}:${source}:${id}`))),
      record: jest.fn((group: string, applying: Pick<EventContext, 'id' | 'source'>) => {
        applied.add(`${group}:${applying.source}:${applying.id}`);
        return Promise.resolve();
      }),
    };
    publish = jest.fn((message: { headers: KafkaMessage['headers'] }) => {
      deadLetters.push(message.headers);
      return Promise.resolve();
    });
  });

  it('applies a genuine event once, with its payload and context, and records it in the ledger', async () => {
    expect(await process(signed())).toBe('applied');
    expect(handle).toHaveBeenCalledWith({ id: SUBJECT, country: 'us', version: 2 }, {
      id: event().id,
      type: WITHDRAWN,
      source: 'us',
      subject: SUBJECT,
      version: 2,
      time: '2026-11-29T10:00:00.000Z',
      classification: 'public',
      topic: TOPIC.name,
      visibility: 'shared',
      partition: 1,
      offset: '7',
      groupId: 'mx.submissions.catalog',
      instance: undefined,
      attempt: 1,
    } satisfies EventContext);
    expect(applied).toEqual(new Set([`mx.submissions.catalog:us:${event().id}`]));
    expect(await counter('naperj_consumer_processed_total')).toEqual({ [`${TOPIC.name} ${WITHDRAWN}`]: 1 });
    expect(await counter('naperj_consumer_received_total')).toEqual({ 'us submissions': 1 });
  });

  it('skips an event the group has applied before', async () => {
    await process(signed());
    expect(await process(signed())).toBe('duplicate');
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('leaves the ledger alone for a handler that is idempotent by itself, which takes a redelivered event again', async () => {
    const idempotent = processor(undefined, true);
    const stopping = new AbortController().signal;
    expect(await idempotent.process(signed(), stopping)).toBe('applied');
    expect(await idempotent.process(signed(), stopping)).toBe('applied');
    expect(handle).toHaveBeenCalledTimes(2);
    expect(ledger.has).not.toHaveBeenCalled();
    expect(ledger.record).not.toHaveBeenCalled();
  });

  it('skips tombstones and types the group has no handler for, without touching the ledger', async () => {
    expect(await process(record({ key: Buffer.from(SUBJECT), value: null }))).toBe('skipped');
    expect(await process(signed(event({ type: EVENT_TYPES.submissionPublished })))).toBe('skipped');
    expect(ledger.has).not.toHaveBeenCalled();
    expect(publish).not.toHaveBeenCalled();
  });

  it.each([
    ['undecodable', record({ value: Buffer.from('{"not": "an event"}') }), 'missing CloudEvents headers'],
    ['untrusted', signed(event({ source: 'urn:naperj:ca:submissions' })), 'is not a node of us'],
    ['unknown-key', signedBy(new EventSigner('us-2027-01', privateKey)), 'unknown signing key "us-2027-01" for us'],
    ['untrusted', signedBy(new EventSigner('us-2026-10', revokedKeys.privateKey)), 'is revoked'],
    ['untrusted', signed(event({ time: '2027-02-01T00:00:00.000Z' })), 'outside the validity'],
    ['unknown-type', signed(event({ type: EVENT_TYPES.expertRegistered })), 'is not an event type of us.shared.submissions.v1'],
    ['invalid', signed(event({ dataclassification: 'restricted' })), 'does not belong on a shared topic'],
    ['invalid', signed(event({ data: { id: SUBJECT, country: 'us' } })), 'version'],
  ])('dead-letters a %s message at once, never applying it', async (kind, poison, reason) => {
    expect(await process(poison)).toBe('dead-lettered');
    expect(deadLetters).toEqual([expect.objectContaining({ dlq_reason_kind: kind, dlq_reason: expect.stringContaining(reason) as unknown })]);
    expect(handle).not.toHaveBeenCalled();
    expect(pauses).toEqual([]);
    expect(await counter('naperj_consumer_dlq_total')).toEqual({ [`${TOPIC.name} ${kind}`]: 1 });
  });

  it.each([
    ['a null header value', withHeaders({ traceparent: null }), 'traceparent has a null value'],
    ['a repeated header', withHeaders({ ce_id: [Buffer.from('a'), Buffer.from('b')] }), 'ce_id is repeated (2 values)'],
    ['header bytes that are not UTF-8', withHeaders({ 'x-note': Buffer.from([0xc3, 0x28]) }), 'x-note is not valid UTF-8'],
    ['an empty value', { ...signed(), message: { ...signed().message, value: Buffer.alloc(0) } }, 'the message value is empty'],
    ['no key', { ...signed(), message: { ...signed().message, key: null } }, 'the message has no key'],
    ['a tombstone without a key', record({ key: null, value: null }), 'a tombstone without a key'],
    ['a tombstone with an empty key', record({ key: Buffer.alloc(0), value: null }), 'a tombstone without a key'],
    ['a tombstone whose key is not UTF-8', record({ key: Buffer.from([0xff]), value: null }), 'a tombstone whose key is not valid UTF-8'],
  ])('dead-letters a record with %s as undecodable, with headers the producer can write', async (_, malformed, reason) => {
    expect(await process(malformed)).toBe('dead-lettered');
    expect(deadLetters).toEqual([expect.objectContaining({ dlq_reason_kind: 'undecodable', dlq_reason: expect.stringContaining(reason) as unknown })]);
    const values = Object.values(deadLetters[0]!).flat();
    expect(values.every((value) => typeof value === 'string' || Buffer.isBuffer(value))).toBe(true);
    expect(handle).not.toHaveBeenCalled();
  });

  it('dead-letters a record whose checks throw rather than throwing itself', async () => {
    const carries = jest.spyOn(CONTRACTS_EVENT_CATALOG, 'carries').mockImplementation(() => {
      throw new TypeError('boom');
    });
    try {
      expect(await process(signed())).toBe('dead-lettered');
    } finally {
      carries.mockRestore();
    }
    expect(deadLetters).toEqual([expect.objectContaining({ dlq_reason_kind: 'undecodable', dlq_reason: 'the record could not be checked: boom' })]);
  });

  it('counts a refused signature by origin', async () => {
    const tampered = signed();
    tampered.message.value = Buffer.from(JSON.stringify({ id: SUBJECT, country: 'us', version: 99 }));
    await process(tampered);
    expect(await counter('naperj_consumer_signature_failures_total')).toEqual({ us: 1 });
  });

  it('dead-letters an event that an exception filter turned into a rejection, without retrying', async () => {
    handle.mockRejectedValue({ rejected: true, reason: 'payload must be newer' });
    expect(await process(signed())).toBe('dead-lettered');
    expect(handle).toHaveBeenCalledTimes(1);
    expect(deadLetters).toEqual([expect.objectContaining({ dlq_reason_kind: 'rejected', dlq_reason: 'payload must be newer' })]);
  });

  it('dead-letters an event the handler rejects, without retrying', async () => {
    handle.mockRejectedValue(new RejectEvent('version 2 is older than the applied 5'));
    expect(await process(signed())).toBe('dead-lettered');
    expect(handle).toHaveBeenCalledTimes(1);
    expect(deadLetters).toEqual([expect.objectContaining({ dlq_reason_kind: 'rejected', dlq_reason: 'version 2 is older than the applied 5' })]);
    expect(applied.size).toBe(0);
  });

  it('retries a failing handler with backoff, then dead-letters it with the last error', async () => {
    handle.mockRejectedValue(new Error('projection exploded'));
    expect(await process(signed())).toBe('dead-lettered');
    expect(handle.mock.calls.map(([, context]) => context.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(pauses).toEqual([200, 400, 800, 1600]);
    expect(deadLetters).toEqual([
      expect.objectContaining({ dlq_reason_kind: 'failed', dlq_reason: 'catalog: withdrawn failed 5 times, last: projection exploded' }),
    ]);
  });

  it('applies an event whose handler fails transiently', async () => {
    handle.mockRejectedValueOnce(new Error('write conflict')).mockResolvedValueOnce(undefined);
    expect(await process(signed())).toBe('applied');
    expect(pauses).toEqual([200]);
    expect(publish).not.toHaveBeenCalled();
  });

  it('waits out a database outage however long, never dead-lettering for it', async () => {
    const outage = Object.assign(new Error('connection refused'), { name: 'MongoServerSelectionError' });
    for (let i = 0; i < 8; i++) handle.mockRejectedValueOnce(outage);
    ledger.has.mockRejectedValueOnce(new Error('not connected'));
    expect(await process(signed())).toBe('applied');
    expect(pauses).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
    expect(publish).not.toHaveBeenCalled();
  });

  it('runs the handler again when the ledger entry could not be written', async () => {
    ledger.record.mockRejectedValueOnce(new Error('socket closed'));
    expect(await process(signed())).toBe('applied');
    expect(handle).toHaveBeenCalledTimes(2);
  });

  it('keeps trying to write to the DLQ while Kafka refuses', async () => {
    publish.mockRejectedValueOnce(new Error('broker down')).mockRejectedValueOnce(new Error('broker down'));
    expect(await process(record({ value: Buffer.from('x') }))).toBe('dead-lettered');
    expect(publish).toHaveBeenCalledTimes(3);
    expect(pauses).toEqual([200, 400]);
  });

  it('abandons a message, uncommitted, when the consumer stops during a retry', async () => {
    handle.mockRejectedValue(new Error('projection exploded'));
    const stopping = new AbortController();
    const stoppingProcessor = processor(() => (stopping.abort(), Promise.resolve(false)));
    expect(await stoppingProcessor.process(signed(), stopping.signal)).toBe('abandoned');
    expect(publish).not.toHaveBeenCalled();
  });
});
