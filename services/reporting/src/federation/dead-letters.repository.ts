import type { CountryCode, SharedStream } from '@naperj/contracts';
import { type DeadLetterKind, isDuplicateKey } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';

/** A partner's message that a consumer group of this node dead-lettered; the first refusal says why. */
export interface DeadLetteredMessage {
  /** Where the message was read: `<topic>:<partition>:<offset>`. */
  _id: string;
  peer: CountryCode;
  stream: SharedStream;
  reasonKind: DeadLetterKind;
  /** The group that refused it first. */
  group: string;
  deadLetteredAt: string;
}

export interface DeadLetterTotal {
  peer: CountryCode;
  reasonKind: DeadLetterKind;
  count: number;
}

/**
 * Partners' messages that this node's services dead-lettered, each once however many of
 * their consumer groups refused it, and however often a rebuild read it again: the insert of
 * its source position decides.
 */
@Injectable()
export class DeadLettersRepository {
  private readonly messages: mongo.Collection<DeadLetteredMessage>;

  constructor(@InjectConnection() connection: Connection) {
    this.messages = connection.collection<DeadLetteredMessage>('reporting_federation_dead_letters');
  }

  async record(message: DeadLetteredMessage): Promise<void> {
    try {
      await this.messages.insertOne(message);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async totals(): Promise<DeadLetterTotal[]> {
    const rows = await this.messages
      .aggregate<{ _id: Omit<DeadLetterTotal, 'count'>; count: number }>([
        { $group: { _id: { peer: '$peer', reasonKind: '$reasonKind' }, count: { $sum: 1 } } },
      ])
      .toArray();
    return rows.map(({ _id, count }) => ({ ..._id, count }));
  }
}
