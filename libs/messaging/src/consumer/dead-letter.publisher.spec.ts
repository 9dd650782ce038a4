import type { KafkaMessage, Message } from 'kafkajs';
import { createHash } from 'node:crypto';
import { RECORD_BATCH_OVERHEAD_BYTES, recordBytes } from '../outbox/publication-batches';
import { type ConsumedRecord, cutDownDeadLetter, deadLetterMessage, readDeadLetterRecord } from './dead-letter.publisher';

function record(message: Partial<KafkaMessage>): ConsumedRecord {
  return {
    topic: { name: 'us.shared.submissions.v1', origin: 'us', from: 'shared', stream: 'submissions' },
    partition: 2,
    message: {
      key: Buffer.from('sub-1'),
      value: Buffer.from('{"id":"sub-1"}'),
      offset: '41',
      timestamp: '0',
      attributes: 0,
      headers: {},
      ...message,
    } as KafkaMessage,
  };
}

const FAILED_AT = new Date('2026-11-29T10:00:00.000Z');

describe('deadLetterMessage', () => {
  it('keeps the key, value and headers as received and adds where and why it failed', () => {
    const headers = { ce_id: Buffer.from('0193-id'), ce_sig: Buffer.from('sig'), traceparent: 'tp' };
    const message = deadLetterMessage(
      record({ headers }),
      { kind: 'untrusted', reason: 'unknown signing key "us-1999-01" for us' },
      'mx.submissions.catalog',
      FAILED_AT,
    );

    expect(message.key).toEqual(Buffer.from('sub-1'));
    expect(message.value).toEqual(Buffer.from('{"id":"sub-1"}'));
    expect(message.headers).toEqual({
      ...headers,
      dlq_reason: 'unknown signing key "us-1999-01" for us',
      dlq_reason_kind: 'untrusted',
      dlq_source_topic: 'us.shared.submissions.v1',
      dlq_source_partition: '2',
      dlq_source_offset: '41',
      dlq_group: 'mx.submissions.catalog',
      dlq_failed_at: '2026-11-29T10:00:00.000Z',
    });
  });

  it('carries a message without key, value or headers as it came', () => {
    const message = deadLetterMessage(record({ key: null, value: null, headers: undefined }), { kind: 'undecodable', reason: 'x' }, 'g', FAILED_AT);
    expect(message.key).toBeNull();
    expect(message.value).toBeNull();
    expect(message.headers).toMatchObject({ dlq_reason: 'x', dlq_group: 'g' });
  });

  it('replaces the dlq headers of a message that was dead-lettered before', () => {
    const message = deadLetterMessage(record({ headers: { dlq_reason: 'old', dlq_group: 'old' } }), { kind: 'failed', reason: 'new' }, 'g', FAILED_AT);
    expect(message.headers).toMatchObject({ dlq_reason: 'new', dlq_group: 'g' });
  });

  it('leaves out header values kafkajs cannot write: null ones, and what it took for a value of a header named like an Object member', () => {
    const headers = {
      ce_id: Buffer.from('id'),
      ce_sigkid: null,
      traceparent: [Buffer.from('a'), null, 'b'],
      'x-gone': [null],
      'x-bytes': Buffer.from([0xff]),
      constructor: [Object, Buffer.from('c')],
    } as unknown as KafkaMessage['headers'];
    const message = deadLetterMessage(record({ headers }), { kind: 'undecodable', reason: 'ce_sigkid has a null value' }, 'g', FAILED_AT);
    const { dlq_reason, ...received } = message.headers!;
    expect(dlq_reason).toBe('ce_sigkid has a null value');
    expect(received).toMatchObject({
      ce_id: Buffer.from('id'),
      traceparent: [Buffer.from('a'), 'b'],
      'x-bytes': Buffer.from([0xff]),
      constructor: Buffer.from('c'),
    });
    expect(Object.keys(received)).not.toContain('ce_sigkid');
    expect(Object.keys(received)).not.toContain('x-gone');
  });

  it('shortens a very long reason', () => {
    const message = deadLetterMessage(record({}), { kind: 'failed', reason: 'x'.repeat(10_000) }, 'g', FAILED_AT);
    const reason = message.headers?.['dlq_reason'] as string;
    expect(reason).toHaveLength(2000);
    expect(reason.endsWith('…')).toBe(true);
  });
});

describe('cutDownDeadLetter', () => {
  const value = Buffer.from(`{"id": "${'x'.repeat(50_000)}"}`);
  const letter = (message: Partial<Message> = {}) =>
    deadLetterMessage(
      record({ value, headers: { ce_id: Buffer.from('0193-id'), 'x-large': Buffer.alloc(20_000, 'n'), ce_type: Buffer.from('t'), ...message.headers } }),
      { kind: 'undecodable', reason: 'the value is not valid JSON' },
      'g',
      FAILED_AT,
    );
  const dlqHeaders = (message: Message) => Object.fromEntries(Object.entries(message.headers!).filter(([name]) => name.startsWith('dlq_')));

  it('keeps every dlq header, the key and the headers that fit, the start of the value, its digest and length, and says what it cut', () => {
    const full = letter();
    const cut = cutDownDeadLetter(full, 16_384)!;
    expect(cut.key).toEqual(Buffer.from('sub-1'));
    expect(cut.headers).toEqual({
      ce_id: Buffer.from('0193-id'),
      ce_type: Buffer.from('t'),
      ...dlqHeaders(full),
      dlq_truncated: 'value,headers',
      dlq_value_sha256: createHash('sha256').update(value).digest('hex'),
      dlq_value_bytes: String(value.length),
    });
    const kept = cut.value as Buffer;
    expect(kept.length).toBeGreaterThan(10_000);
    expect(value.subarray(0, kept.length)).toEqual(kept);
    expect(RECORD_BATCH_OVERHEAD_BYTES + recordBytes(cut)).toBeLessThanOrEqual(16_384);
  });

  it('leaves out the key, the received headers and the value when only the dlq headers fit', () => {
    const cut = cutDownDeadLetter(letter(), 0)!;
    expect(cut.key).toBeNull();
    expect(cut.value).toEqual(Buffer.alloc(0));
    expect(Object.keys(cut.headers!).every((name) => name.startsWith('dlq_'))).toBe(true);
    expect(cut.headers).toMatchObject({ dlq_truncated: 'value,key,headers', dlq_reason: 'the value is not valid JSON', dlq_source_offset: '41' });
  });

  it('has nothing to cut from a record that fits or holds nothing but its dlq headers', () => {
    expect(cutDownDeadLetter(letter(), 1_048_588)).toBeUndefined();
    const bare = deadLetterMessage(record({ key: null, value: null }), { kind: 'undecodable', reason: 'a tombstone without a key' }, 'g', FAILED_AT);
    expect(cutDownDeadLetter(bare, 0)).toBeUndefined();
  });
});

describe('readDeadLetterRecord', () => {
  it('reads a dead letter whose headers and timestamp are unreadable without throwing', () => {
    const { message } = record({
      timestamp: 'not a time',
      headers: { dlq_reason: null, dlq_group: [Buffer.from([0xff]), Buffer.from('g')] } as unknown as KafkaMessage['headers'],
    });
    expect(readDeadLetterRecord({ message })).toEqual({ group: 'g', failedAt: '1970-01-01T00:00:00.000Z' });
  });
});
