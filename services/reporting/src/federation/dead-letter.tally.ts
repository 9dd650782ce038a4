import { type CountryCode, SHARED_STREAMS, type SharedStream, sharedTopic } from '@naperj/contracts';
import { type ConsumedRecord, type DeadLetterKind, DLQ_HEADERS, type ProcessOutcome } from '@naperj/messaging';
import type { LoggerService } from '@nestjs/common';
import type { IHeaders } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLettersStore } from './dead-letters.store';

const RETRY_MS = { first: 200, max: 5000 };

/**
 * Reads the node's DLQ topics (every service's `<cc>.<service>.dlq.v1`) and keeps, per
 * partner, the messages from its shared topics that a consumer group refused: bad signatures
 * (`untrusted`) and every other reason. Plugged into the consumer runtime's runner, which
 * commits each record once `process` has stored it.
 */
export class DeadLetterTally {
  private readonly peerTopics: ReadonlyMap<string, { peer: CountryCode; stream: SharedStream }>;

  constructor(
    private readonly store: DeadLettersStore,
    peers: readonly CountryCode[],
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {
    this.peerTopics = new Map(peers.flatMap((peer) => SHARED_STREAMS.map((stream) => [sharedTopic(peer, stream), { peer, stream }] as const)));
  }

  /** Stores a partner's dead letter, retrying while the database fails; other records are skipped. */
  async process({ message }: ConsumedRecord, stopping: AbortSignal): Promise<ProcessOutcome> {
    const header = (name: string) => headerText(message.headers, name);
    const sourceTopic = header(DLQ_HEADERS.sourceTopic);
    const source = sourceTopic === undefined ? undefined : this.peerTopics.get(sourceTopic);
    if (!source) return 'skipped';
    const deadLetter = {
      _id: `${sourceTopic}:${header(DLQ_HEADERS.sourcePartition)}:${header(DLQ_HEADERS.sourceOffset)}`,
      ...source,
      reasonKind: (header(DLQ_HEADERS.reasonKind) ?? 'failed') as DeadLetterKind,
      group: header(DLQ_HEADERS.group) ?? 'unknown',
      deadLetteredAt: header(DLQ_HEADERS.failedAt) ?? new Date(Number(message.timestamp)).toISOString(),
    };
    for (let delayMs = RETRY_MS.first; ; delayMs = Math.min(delayMs * 2, RETRY_MS.max)) {
      try {
        await this.store.record(deadLetter);
        return 'applied';
      } catch (error) {
        this.logger.warn(`Dead letter ${deadLetter._id} not stored: ${(error as Error).message}; trying again in ${delayMs} ms`);
        if (!(await sleep(delayMs, true, { signal: stopping }).catch(() => false))) return 'abandoned';
      }
    }
  }
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
