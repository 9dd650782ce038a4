import type { DeadLetterRecord } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import type { ConfigService } from '@nestjs/config';
import { DeadLetterTally } from './dead-letter.tally';
import type { DeadLetteredMessage, DeadLettersRepository } from './dead-letters.repository';

const untrustedFromUs: DeadLetterRecord = {
  sourceTopic: 'us.shared.submissions.v1',
  sourcePartition: '2',
  sourceOffset: '41',
  reasonKind: 'untrusted',
  group: 'mx.submissions.peer-catalog',
  failedAt: '2026-11-29T05:00:00.000Z',
};

const partnersUsAndCa = { get: () => ['us', 'ca'] } as unknown as ConfigService<ServiceConfig, true>;

describe('DeadLetterTally', () => {
  const stored: DeadLetteredMessage[] = [];
  const store = {
    record: (message: DeadLetteredMessage) => {
      stored.push(message);
      return Promise.resolve();
    },
  } as unknown as DeadLettersRepository;
  const tally = new DeadLetterTally(store, partnersUsAndCa);

  beforeEach(() => (stored.length = 0));

  it("keeps a partner's dead letter under its source position, partner and stream", async () => {
    await tally.deadLettered(untrustedFromUs);
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

  it('passes over dead letters of the node’s own topics and records that name no source', async () => {
    await tally.deadLettered({ ...untrustedFromUs, sourceTopic: 'mx.expert-network.events.v1' });
    await tally.deadLettered({ reasonKind: 'undecodable', failedAt: '2026-11-29T05:00:00.000Z' });
    expect(stored).toEqual([]);
  });

  it('lets a database error through, for the transport to retry', async () => {
    const down = { record: async () => Promise.reject(new Error('down')) } as unknown as DeadLettersRepository;
    await expect(new DeadLetterTally(down, partnersUsAndCa).deadLettered(untrustedFromUs)).rejects.toThrow('down');
  });
});
