import { type CountryCode, SHARED_STREAMS, type SharedStream, sharedTopic } from '@naperj/contracts';
import { DEAD_LETTER_RECORD, type DeadLetterRecord, EventPattern } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Controller } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Payload } from '@nestjs/microservices';
import { DEAD_LETTERS } from './federation-groups';
import { DeadLettersRepository } from './dead-letters.repository';

/**
 * Reads the node's DLQ topics (every service's `<cc>.<service>.dlq.v1`) and keeps, per
 * partner, the messages from its shared topics that a consumer group refused: bad signatures
 * (`untrusted`) and every other reason. Other records are not a partner's, and are passed over.
 */
@Controller()
export class DeadLetterTally {
  private readonly peerTopics: ReadonlyMap<string, { peer: CountryCode; stream: SharedStream }>;

  constructor(
    private readonly store: DeadLettersRepository,
    config: ConfigService<ServiceConfig, true>,
  ) {
    const peers = config.get('peers', { infer: true });
    this.peerTopics = new Map(peers.flatMap((peer) => SHARED_STREAMS.map((stream) => [sharedTopic(peer, stream), { peer, stream }] as const)));
  }

  @EventPattern(DEAD_LETTER_RECORD, DEAD_LETTERS)
  async deadLettered(@Payload() record: DeadLetterRecord): Promise<void> {
    const source = record.sourceTopic === undefined ? undefined : this.peerTopics.get(record.sourceTopic);
    if (!source) return;
    await this.store.record({
      _id: `${record.sourceTopic}:${record.sourcePartition}:${record.sourceOffset}`,
      ...source,
      reasonKind: record.reasonKind ?? 'failed',
      group: record.group ?? 'unknown',
      deadLetteredAt: record.failedAt,
    });
  }
}
