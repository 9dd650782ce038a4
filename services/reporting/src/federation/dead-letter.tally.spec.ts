import type { ConsumedRecord } from '@naperj/messaging';
import type { KafkaMessage } from 'kafkajs';
import { DeadLetterTally } from './dead-letter.tally';
import type { DeadLetteredMessage, DeadLettersStore } from './dead-letters.store';

function dlqRecord(headers: Record<string, string>): ConsumedRecord {
  const message: KafkaMessage = {
    key: Buffer.from('k'),
    value: Buffer.from('{}'),
    timestamp: '1764392400000',
    attributes: 0,
    offset: '3',
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)])),
  };
  return { topic: { name: 'mx.submissions.dlq.v1', origin: 'mx', visibility: 'private', stream: 'submissions' }, partition: 0, message };
}

const untrustedFromUs = {
  dlq_source_topic: 'us.shared.submissions.v1',
  dlq_source_partition: '2',
  dlq_source_offset: '41',
  dlq_reason_kind: 'untrusted',
  dlq_group: 'mx.submissions.peer-catalog',
  dlq_failed_at: '2026-11-29T05:00:00.000Z',
};

describe('DeadLetterTally', () => {
  const stored: DeadLetteredMessage[] = [];
  const store = { record: async (message: DeadLetteredMessage) => void stored.push(message) } as unknown as DeadLettersStore;
  const tally = new DeadLetterTally(store, ['us', 'ca'], { warn: () => undefined });
  const running = new AbortController().signal;

  beforeEach(() => (stored.length = 0));

  it("keeps a partner's dead letter under its source position, partner and stream", async () => {
    expect(await tally.process(dlqRecord(untrustedFromUs), running)).toBe('applied');
    expect(stored).toEqual([
      {
        _id: 'us.shared.submissions.v1:2:41',
        peer: 'us',
        stream: 'submissions',
        reasonKind: 'untrusted',
        group: 'mx.submissions.peer-catalog',
        deadLetteredAt: '2026-11-29T05:00:00.000Z',
      },
    ]);
  });

  it('skips dead letters of the node’s own topics and of countries that are not partners', async () => {
    expect(await tally.process(dlqRecord({ ...untrustedFromUs, dlq_source_topic: 'mx.expert-network.events.v1' }), running)).toBe('skipped');
    expect(await tally.process(dlqRecord({ dlq_reason_kind: 'undecodable' }), running)).toBe('skipped');
    expect(stored).toEqual([]);
  });

  it('retries while the database fails, and gives up only when stopping', async () => {
    let failures = 0;
    const flaky = { record: async () => (++failures < 3 ? Promise.reject(new Error('down')) : undefined) } as unknown as DeadLettersStore;
    expect(await new DeadLetterTally(flaky, ['us'], { warn: () => undefined }).process(dlqRecord(untrustedFromUs), running)).toBe('applied');
    expect(failures).toBe(3);
    const stopping = new AbortController();
    const down = { record: async () => Promise.reject(new Error('down')) } as unknown as DeadLettersStore;
    const outcome = new DeadLetterTally(down, ['us'], { warn: () => stopping.abort() }).process(dlqRecord(untrustedFromUs), stopping.signal);
    expect(await outcome).toBe('abandoned');
  });
});
