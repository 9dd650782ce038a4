import type { KafkaMessage } from 'kafkajs';
import { type ConsumedRecord, deadLetterMessage } from './dead-letter.publisher';

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

  it('shortens a very long reason', () => {
    const message = deadLetterMessage(record({}), { kind: 'failed', reason: 'x'.repeat(10_000) }, 'g', FAILED_AT);
    const reason = message.headers?.['dlq_reason'] as string;
    expect(reason).toHaveLength(2000);
    expect(reason.endsWith('…')).toBe(true);
  });
});
