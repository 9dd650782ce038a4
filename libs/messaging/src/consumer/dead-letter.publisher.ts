import { DEAD_LETTER_HEADERS, type DeadLetterKind } from '@naperj/contracts';
import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners, type Producer } from 'kafkajs';
import { createHash } from 'node:crypto';
import { headerText, headerValues, type KafkaHeaders } from '../envelope/kafka-headers';
import { RECORD_BATCH_OVERHEAD_BYTES, recordBytes } from '../outbox/publication-batches';
import { sendRefusal } from '../outbox/send-refusal';
import { TopicLimits } from '../outbox/topic-limits';
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
    failedAt: header(DEAD_LETTER_HEADERS.failedAt) ?? timestampOf(message),
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as DeadLetterRecord;
}

/** The record's timestamp; the epoch when it has none that reads as a time. */
function timestampOf(message: KafkaMessage): string {
  const time = new Date(Number(message.timestamp));
  return (Number.isNaN(time.getTime()) ? new Date(0) : time).toISOString();
}

/** Kafka caps a whole record at 1 MB by default; an error message must not come close. */
const MAX_REASON_LENGTH = 2000;

/**
 * The DLQ record of a message: its key, value and headers as received, so it can be
 * replayed as it was, plus where it came from and why it could not be applied. Header values
 * Kafka holds as null are left out: kafkajs cannot write them (and the reason names them).
 */
export function deadLetterMessage(record: ConsumedRecord, failure: DeadLetter, groupId: string, failedAt: Date): Message {
  const { message } = record;
  const headers: IHeaders = {
    ...writableHeaders(message.headers),
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

const DEAD_LETTER_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DEAD_LETTER_HEADERS));

/**
 * The received headers a producer can write back: each value that is bytes or text. The
 * `dlq_*` ones a record may already carry are left out, so that a dead letter's own say
 * where and why it failed, never an earlier one's.
 */
function writableHeaders(headers: KafkaHeaders | undefined): IHeaders {
  const writable = Object.create(null) as IHeaders;
  for (const name of Object.keys(headers ?? {})) {
    if (DEAD_LETTER_HEADER_NAMES.has(name)) continue;
    const values = headerValues(headers, name).filter((value): value is Buffer | string => Buffer.isBuffer(value) || typeof value === 'string');
    if (values.length > 0) writable[name] = values.length === 1 ? values[0] : values;
  }
  return writable;
}

/** Room left for the trace headers (`traceparent`, `tracestate`) that kafkajs instrumentation adds as it sends. */
const SEND_INSTRUMENTATION_BYTES = 1024;

/** What a cut-down dead letter may leave out, in the order `dlq_truncated` names them. */
const CUTS = ['value', 'key', 'headers'] as const;

/**
 * A dead letter cut down to fit `maxMessageBytes`: the `dlq_*` headers always, with what was
 * cut (`dlq_truncated`) and the digest and length of the whole value; then the key and each
 * received header if they fit; then as much of the value as fits. Undefined when nothing
 * could be cut.
 */
export function cutDownDeadLetter(message: Message, maxMessageBytes: number): Message | undefined {
  const value = message.value === null || message.value === undefined ? undefined : Buffer.from(message.value);
  const received: [string, IHeaders[string]][] = [];
  const own: IHeaders = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) {
    if (DEAD_LETTER_HEADER_NAMES.has(name)) own[name] = header;
    else received.push([name, header]);
  }
  // Measured with the longest `dlq_truncated`, so that the one written always fits.
  own[DEAD_LETTER_HEADERS.truncated] = CUTS.join(',');
  if (value) {
    own[DEAD_LETTER_HEADERS.valueSha256] = createHash('sha256').update(value).digest('hex');
    own[DEAD_LETTER_HEADERS.valueBytes] = String(value.length);
  }
  const cut = new Set<(typeof CUTS)[number]>();
  let room = maxMessageBytes - RECORD_BATCH_OVERHEAD_BYTES - SEND_INSTRUMENTATION_BYTES - recordBytes({ value: null, headers: own });
  const keyBytes = recordBytes({ key: message.key, value: null }) - recordBytes({ value: null });
  let key = message.key;
  if (key !== null && key !== undefined && keyBytes > room) {
    key = null;
    cut.add('key');
  } else room -= keyBytes;
  const headers = Object.create(null) as IHeaders;
  for (const [name, header] of received) {
    const bytes = recordBytes({ value: null, headers: { [name]: header } }) - recordBytes({ value: null });
    if (bytes > room) {
      cut.add('headers');
      continue;
    }
    headers[name] = header;
    room -= bytes;
  }
  const kept = value?.subarray(0, Math.max(0, room));
  if (value && kept!.length < value.length) cut.add('value');
  if (cut.size === 0) return undefined;
  own[DEAD_LETTER_HEADERS.truncated] = CUTS.filter((part) => cut.has(part)).join(',');
  return { key, value: kept ?? null, headers: { ...headers, ...own } };
}

/** Writes to the service's DLQ topic (`<cc>.<service>.dlq.v1`), which the node provisions. */
export class DeadLetterPublisher {
  private readonly producer: Producer;
  private readonly limits: TopicLimits;
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
    this.limits = new TopicLimits(kafka);
  }

  /**
   * Resolves once every in-sync replica has the record. A record Kafka refuses as such (too
   * large for the topic) is written cut down instead, since sending it again would be refused
   * forever; any other failure (Kafka unreachable, the topic missing) is thrown, to be retried.
   */
  async publish(message: Message): Promise<void> {
    await this.connect();
    try {
      await this.send(message);
    } catch (error) {
      if (!sendRefusal(error)) throw error;
      await this.publishCutDown(message, error);
    }
  }

  /** Called once every consumer group has drained. */
  async close(): Promise<void> {
    if (this.connecting) await this.producer.disconnect();
  }

  /** Cut down to the topic's `max.message.bytes`; to the `dlq_*` headers alone when that is refused too or the limit cannot be read. */
  private async publishCutDown(message: Message, refusal: unknown): Promise<void> {
    this.limits.forget([this.topic]);
    const limit = await this.limits.of([this.topic]).then(
      (limits) => limits.get(this.topic) ?? 0,
      () => 0,
    );
    for (const maxMessageBytes of new Set([limit, 0])) {
      const cutDown = cutDownDeadLetter(message, maxMessageBytes);
      if (!cutDown) continue;
      try {
        await this.send(cutDown);
        return;
      } catch (error) {
        if (!sendRefusal(error)) throw error;
        refusal = error;
      }
    }
    throw refusal;
  }

  private async send(message: Message): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages: [message] });
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
