import { EVENT_TYPES } from '@naperj/contracts';
import { EventSigner, tombstoneOf } from '@naperj/messaging';
import type { IHeaders, Message } from 'kafkajs';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { type ConsumerApp, groupIdOf } from './consumer-test-app';
import { ConsumerTestBed, type DeadLetterRecord, newSubject } from './consumer-test-bed';

jest.setTimeout(60_000);

describe('consumer runtime: poison events (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  let consumer: ConsumerApp;
  const subject = newSubject();
  const poison: Record<string, { id: string; kind: string; reason: RegExp }> = {};
  let good: string[];
  let deadLetters: DeadLetterRecord[];

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    const shared = bed.topics.shared.name;
    const withdrawal = (version: number, overrides = {}) => bed.withdrawal(subject, version, overrides);
    const mark = (name: string, kind: string, reason: RegExp, event = withdrawal(2)) => ((poison[name] = { id: event.id, kind, reason }), event);

    const v1 = withdrawal(1);
    const v3 = withdrawal(3);
    const v4 = withdrawal(4);
    good = [v1.id, v3.id, v4.id];
    const notJson = { ...bed.signed(mark('invalid JSON', 'undecodable', /not valid JSON/)), value: Buffer.from('{"id": oops') };
    const invalid = bed.signed(mark('failing validation', 'invalid', /version/, withdrawal(2, { data: { id: subject, country: 'us' } })));
    const tampered = {
      ...bed.signed(mark('bad signature', 'untrusted', /signature does not verify/)),
      value: JSON.stringify({ id: subject, country: 'us', version: 9 }),
    };
    const strangerKey = new EventSigner('us-1999-01', generateKeyPairSync('ed25519').privateKey);
    const unknownKey = bed.signed(mark('unknown key id', 'unknown-key', /unknown signing key "us-1999-01"/), strangerKey);
    const fromCanada = bed.signed(
      mark('source country not the topic prefix', 'untrusted', /not a node of us/, withdrawal(2, { source: 'urn:naperj:ca:submissions' })),
      bed.signers.ca,
    );
    const unknownType = bed.signed(
      mark('unknown type on the topic', 'unknown-type', /not an event type of/, withdrawal(2, { type: EVENT_TYPES.expertWithdrawn })),
    );
    const older = bed.signed(mark('older version than the applied one', 'rejected', /version 2 is older than the applied 3/));

    // One subject, so one partition: each poison sits between events that must still be applied.
    await bed.send(
      shared,
      bed.signed(v1),
      notJson,
      invalid,
      tampered,
      unknownKey,
      fromCanada,
      unknownType,
      bed.signed(v3),
      older,
      tombstoneOf({ subject }),
      bed.signed(v4),
    );
    consumer = await bed.startApp();
    await bed.waitForVersion(subject, 4);
    deadLetters = await bed.deadLetters(Object.keys(poison).length);
  });

  afterAll(() => bed?.close());

  it('applies every event after a poison one, each once', async () => {
    expect(await bed.entity(subject)).toEqual({ _id: subject, version: 4, applied: good });
  });

  it.each([
    'invalid JSON',
    'failing validation',
    'bad signature',
    'unknown key id',
    'source country not the topic prefix',
    'unknown type on the topic',
    'older version than the applied one',
  ])('dead-letters an event with %s, with its reason and source, and never applies it', (name) => {
    const { id, kind, reason } = poison[name]!;
    const letters = deadLetters.filter((letter) => letter.headers['ce_id'] === id);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.key).toBe(subject);
    expect(letters[0]!.headers).toMatchObject({
      dlq_reason_kind: kind,
      dlq_reason: expect.stringMatching(reason) as unknown,
      dlq_source_topic: bed.topics.shared.name,
      dlq_source_partition: expect.stringMatching(/^[0-2]$/) as unknown,
      dlq_source_offset: expect.stringMatching(/^\d+$/) as unknown,
      dlq_group: groupIdOf(`bed-${bed.id}`),
      dlq_failed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
  });

  it('keeps the value of a dead-lettered message as it was received', () => {
    const letter = deadLetters.find((l) => l.headers['ce_id'] === poison['invalid JSON']!.id);
    expect(letter?.value).toBe('{"id": oops');
  });

  it('runs the handler only for events that passed every check, and sends the tombstone nowhere', async () => {
    const rejected = poison['older version than the applied one']!.id;
    for (const { id } of Object.values(poison)) {
      expect((await bed.invocations(id)).length).toBe(id === rejected ? 1 : 0);
    }
    expect(deadLetters).toHaveLength(Object.keys(poison).length);
  });

  it('counts received, processed, dead-lettered and refused-signature events', async () => {
    const text = await consumer.registry.metrics();
    const shared = bed.topics.shared.name;
    expect(text).toContain('naperj_consumer_received_total{origin="us",stream="submissions"} 11');
    expect(text).toContain(`naperj_consumer_processed_total{topic="${shared}",type="${EVENT_TYPES.submissionWithdrawn}"} 3`);
    expect(text).toContain('naperj_consumer_signature_failures_total{origin="us"} 3');
    expect(text).toContain(`naperj_consumer_dlq_total{topic="${shared}",reason_kind="untrusted"} 2`);
    expect(text).toContain(`naperj_consumer_dlq_total{topic="${shared}",reason_kind="unknown-key"} 1`);
    expect(text).toContain(`naperj_consumer_dlq_total{topic="${shared}",reason_kind="rejected"} 1`);
  });
});

describe('consumer runtime: malformed records (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  const subject = newSubject();
  const cases: Record<string, RegExp> = {
    'a null ce_ header value': /ce_sigkid has a null value/,
    'a null header value of another name': /traceparent has a null value/,
    'a repeated ce_ header': /ce_id is repeated \(2 values\)/,
    'header bytes that are not UTF-8': /x-note is not valid UTF-8/,
    'an empty value': /the message value is empty/,
    'no key': /the message has no key/,
    'a tombstone without a key': /a tombstone without a key/,
  };
  let deadLetters: DeadLetterRecord[];

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    const poison = (name: string, overrides: (message: Message) => Message): Message => {
      const message = bed.signed(bed.withdrawal(subject, 2));
      const changed = overrides(message);
      return { ...changed, headers: { ...changed.headers, 'x-case': name } };
    };
    const withHeaders = (headers: Record<string, unknown>) => (message: Message) => ({ ...message, headers: { ...message.headers, ...headers } as IHeaders });
    const records = [
      bed.signed(bed.withdrawal(subject, 1)),
      poison('a null ce_ header value', withHeaders({ ce_sigkid: null })),
      poison('a null header value of another name', withHeaders({ traceparent: null })),
      poison('a repeated ce_ header', (message) => withHeaders({ ce_id: [message.headers!['ce_id'], 'another-id'] })(message)),
      poison('header bytes that are not UTF-8', withHeaders({ 'x-note': Buffer.from([0xc3, 0x28]) })),
      poison('an empty value', (message) => ({ ...message, value: Buffer.alloc(0) })),
      poison('no key', (message) => ({ ...message, key: null })),
      { key: null, value: null, headers: { 'x-case': 'a tombstone without a key' } },
      bed.signed(bed.withdrawal(subject, 3)),
    ];
    // One partition, so that the last event is applied only if the partition moves past every malformed record.
    await bed.sendWithNullHeaders(bed.topics.shared.name, ...records.map((record) => ({ ...record, partition: 0 })));
    await bed.startApp();
    await bed.waitForVersion(subject, 3);
    deadLetters = await bed.deadLetters(Object.keys(cases).length);
  });

  afterAll(() => bed?.close());

  it('applies the event after the malformed records', async () => {
    expect(await bed.entity(subject)).toMatchObject({ version: 3 });
    expect((await bed.entity(subject))!.applied).toHaveLength(2);
  });

  it.each(Object.keys(cases))('dead-letters a record with %s, with its reason', (name) => {
    const letters = deadLetters.filter((letter) => letter.headers['x-case'] === name);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.headers).toMatchObject({
      dlq_reason_kind: 'undecodable',
      dlq_reason: expect.stringMatching(cases[name]!) as unknown,
      dlq_source_topic: bed.topics.shared.name,
      dlq_source_partition: '0',
    });
  });
});

describe('consumer runtime: a dead letter too large for the dead-letter topic (real Kafka and FerretDB)', () => {
  const DLQ_MAX_MESSAGE_BYTES = 16_384;
  let bed: ConsumerTestBed;
  const subject = newSubject();
  const largeValue = Buffer.from(`{"id": ${'"x",'.repeat(20_000)}`);
  const tooLarge = { id: '', headers: {} as IHeaders };
  let letter: DeadLetterRecord;

  beforeAll(async () => {
    bed = await ConsumerTestBed.create({ deadLetterMaxMessageBytes: DLQ_MAX_MESSAGE_BYTES });
    const event = bed.withdrawal(subject, 2);
    tooLarge.id = event.id;
    const signed = bed.signed(event);
    tooLarge.headers = { ...signed.headers, 'x-large-note': 'n'.repeat(DLQ_MAX_MESSAGE_BYTES) };
    await bed.send(
      bed.topics.shared.name,
      ...[bed.signed(bed.withdrawal(subject, 1)), { ...signed, value: largeValue, headers: tooLarge.headers }, bed.signed(bed.withdrawal(subject, 3))].map(
        (record) => ({ ...record, partition: 0 }),
      ),
    );
    await bed.startApp();
    await bed.waitForVersion(subject, 3);
    letter = (await bed.deadLetters(1))[0]!;
  });

  afterAll(() => bed?.close());

  it('moves on to the next event', async () => {
    expect(await bed.entity(subject)).toMatchObject({ version: 3 });
  });

  it('writes the headers that fit, a digest and the start of the value, and says it truncated them', () => {
    expect(letter.key).toBe(subject);
    expect(letter.headers).toMatchObject({
      ce_id: tooLarge.id,
      ce_sig: tooLarge.headers['ce_sig'],
      dlq_reason_kind: 'undecodable',
      dlq_reason: expect.stringMatching(/not valid JSON/) as unknown,
      dlq_truncated: 'value,headers',
      dlq_value_sha256: createHash('sha256').update(largeValue).digest('hex'),
      dlq_value_bytes: String(largeValue.length),
    });
    expect(letter.headers['x-large-note']).toBeUndefined();
    expect(letter.value!.length).toBeGreaterThan(0);
    expect(largeValue.toString().startsWith(letter.value!)).toBe(true);
  });
});
