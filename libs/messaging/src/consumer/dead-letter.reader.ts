import { DEAD_LETTER_HEADERS, redriveTopicOf } from '@naperj/contracts';
import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** A record of a dead-letter topic, and where it sits. */
export interface StoredDeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** `<topic>:<partition>:<offset>`: how operators and the re-drive ledger name a dead letter. */
export function deadLetterRef({ topic, partition, message }: StoredDeadLetter): string {
  return `${topic}:${partition}:${message.offset}`;
}

/** The topic, partition and offset a reference names, or undefined when it names none. */
export function parseDeadLetterRef(ref: string): { topic: string; partition: number; offset: string } | undefined {
  const match = /^([A-Za-z0-9._-]+):(\d+):(\d+)$/.exec(ref);
  return match ? { topic: match[1]!, partition: Number(match[2]), offset: match[3]! } : undefined;
}

export interface ReadDeadLettersOptions {
  /** Names the throwaway consumer group: `<prefix>-<uuid>`, deleted once read. */
  groupPrefix: string;
  /** How long reading may take before it fails. */
  timeoutMs?: number;
}

/**
 * Every record the dead-letter topics hold now, from their start to the ends they have when
 * called, read by a consumer group used once; a topic that does not exist holds none.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topics: readonly string[],
  { groupPrefix, timeoutMs = 60_000 }: ReadDeadLettersOptions,
): Promise<StoredDeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  const groupId = `${groupPrefix}-${randomUUID()}`;
  const records: StoredDeadLetter[] = [];
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    for (const topic of present) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) ends.set(`${topic}/${partition}`, BigInt(high));
      }
    }
    if (ends.size === 0) return records;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: present, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Reading ${present.join(', ')} took more than ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachMessage: ({ topic, partition, message }) => {
              const end = `${topic}/${partition}`;
              const high = ends.get(end);
              if (high !== undefined && BigInt(message.offset) < high) records.push({ topic, partition, message });
              if (high !== undefined && BigInt(message.offset) + 1n >= high) ends.delete(end);
              if (ends.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
  return records.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
}

/**
 * The re-drive record of a dead letter: the record as its DLQ keeps it, the `dlq_*` headers
 * saying which group refused it and where it was read. Header values Kafka holds as null are
 * left out: the producer cannot write them, and no signed attribute is ever null.
 */
export function redriveMessage({ message }: StoredDeadLetter): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (Array.isArray(value)) headers[name] = value.filter((item) => item !== null && item !== undefined);
    else if (value !== null && value !== undefined) headers[name] = value;
  }
  return { key: message.key, value: message.value, headers };
}

/** A dead letter's headers less the `dlq_*` ones: the record as its group first read it. */
export function withoutDeadLetterHeaders(headers: KafkaMessage['headers']): KafkaMessage['headers'] {
  const added = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !added.has(name)));
}

/**
 * Sends dead letters back to be processed again, each to the re-drive topic of its
 * dead-letter topic (`<name>.dlq.v1` → `<name>.redrive.v1`), in the order given. Resolves with
 * the re-drive topic of each once every in-sync replica has it.
 */
export async function sendRedrives(kafka: Kafka, records: readonly StoredDeadLetter[]): Promise<string[]> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const topics: string[] = [];
    for (const record of records) {
      const topic = redriveTopicOf(record.topic);
      await producer.send({ topic, acks: -1, messages: [redriveMessage(record)] });
      topics.push(topic);
    }
    return topics;
  } finally {
    await producer.disconnect();
  }
}
