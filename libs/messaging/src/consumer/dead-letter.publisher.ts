import { DEAD_LETTER_HEADERS, type DeadLetterKind } from '@naperj/contracts';
import { type OnApplicationShutdown } from '@nestjs/common';
import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners, type Producer } from 'kafkajs';
import type { ConsumedTopic } from './consumed-topic';

/** Why an event went to the DLQ; the `reason_kind` label of `naperj_consumer_dlq_total`. */
export type { DeadLetterKind };

export interface DeadLetter {
  kind: DeadLetterKind;
  reason: string;
}

/** A message as one consumer group read it. */
export interface ConsumedRecord {
  topic: ConsumedTopic;
  partition: number;
  message: KafkaMessage;
}

export const DLQ_HEADERS = DEAD_LETTER_HEADERS;

/** Kafka caps a whole record at 1 MB by default; an error message must not come close. */
const MAX_REASON_LENGTH = 2000;

/**
 * The DLQ record of a message: its key, value and headers exactly as received, so it can be
 * replayed as it was, plus where it came from and why it could not be applied.
 */
export function deadLetterMessage(record: ConsumedRecord, failure: DeadLetter, groupId: string, failedAt: Date): Message {
  const { message } = record;
  const headers: IHeaders = {
    ...message.headers,
    [DLQ_HEADERS.reason]: truncate(failure.reason),
    [DLQ_HEADERS.reasonKind]: failure.kind,
    [DLQ_HEADERS.sourceTopic]: record.topic.name,
    [DLQ_HEADERS.sourcePartition]: String(record.partition),
    [DLQ_HEADERS.sourceOffset]: message.offset,
    [DLQ_HEADERS.group]: groupId,
    [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
  };
  return { key: message.key, value: message.value, headers };
}

function truncate(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

/** Writes to the service's DLQ topic (`<cc>.<service>.dlq.v1`), which the node provisions. */
export class DeadLetterPublisher implements OnApplicationShutdown {
  private readonly producer: Producer;
  private connecting?: Promise<void>;

  constructor(
    kafka: Kafka,
    readonly topic: string,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Resolves once every in-sync replica has the record. */
  async publish(message: Message): Promise<void> {
    await this.connect();
    await this.producer.send({ topic: this.topic, acks: -1, messages: [message] });
  }

  /** Runs after every consumer group has drained (they stop before application shutdown). */
  async onApplicationShutdown(): Promise<void> {
    if (this.connecting) await this.producer.disconnect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
