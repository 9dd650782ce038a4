import { DEAD_LETTER_HEADERS, type DeadLetterKind } from '@naperj/contracts';
import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners, type Producer } from 'kafkajs';
import { headerText } from '../envelope/kafka-headers';
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

/** What a handler of dead-letter records (`DEAD_LETTER_RECORD`) receives: the headers the DLQ record carries. */
export interface DeadLetterRecord {
  /** Where the refused message was read; absent on a record that is no naperj dead letter. */
  sourceTopic?: string;
  sourcePartition?: string;
  sourceOffset?: string;
  reasonKind?: DeadLetterKind;
  reason?: string;
  /** The consumer group that refused it. */
  group?: string;
  /** When it was refused: the header, else the record's timestamp. */
  failedAt: string;
}

/** Reads a DLQ record's headers; a header that is missing or unreadable is left out. */
export function readDeadLetterRecord({ message }: Pick<ConsumedRecord, 'message'>): DeadLetterRecord {
  const header = (name: string) => headerText(message.headers, name);
  const record: DeadLetterRecord = {
    sourceTopic: header(DEAD_LETTER_HEADERS.sourceTopic),
    sourcePartition: header(DEAD_LETTER_HEADERS.sourcePartition),
    sourceOffset: header(DEAD_LETTER_HEADERS.sourceOffset),
    reasonKind: header(DEAD_LETTER_HEADERS.reasonKind) as DeadLetterKind | undefined,
    reason: header(DEAD_LETTER_HEADERS.reason),
    group: header(DEAD_LETTER_HEADERS.group),
    failedAt: header(DEAD_LETTER_HEADERS.failedAt) ?? new Date(Number(message.timestamp)).toISOString(),
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as DeadLetterRecord;
}

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
    [DEAD_LETTER_HEADERS.reason]: truncate(failure.reason),
    [DEAD_LETTER_HEADERS.reasonKind]: failure.kind,
    [DEAD_LETTER_HEADERS.sourceTopic]: record.topic.name,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(record.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
    [DEAD_LETTER_HEADERS.group]: groupId,
    [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
  };
  return { key: message.key, value: message.value, headers };
}

function truncate(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

/** Writes to the service's DLQ topic (`<cc>.<service>.dlq.v1`), which the node provisions. */
export class DeadLetterPublisher {
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

  /** Called once every consumer group has drained. */
  async close(): Promise<void> {
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
