import { readHeaders } from '@naperj/messaging';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** A record as a test reads it back: headers as text (their first readable value). */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Every record the topics hold now, from their start to the ends they have when called, read
 * by a throwaway consumer group of its own.
 */
export async function readTopics(kafka: Kafka, topics: readonly string[], timeoutMs = 40_000): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) ends.set(`${topic}/${partition}`, BigInt(high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  if (ends.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out reading ${topics.join(', ')}`)), timeoutMs);
      const reached = (topic: string, partition: number, offset: string): void => {
        const end = `${topic}/${partition}`;
        if (BigInt(offset) + 1n >= (ends.get(end) ?? 0n)) ends.delete(end);
        if (ends.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      // A transaction's commit marker may be a partition's last offset: no message shows it,
      // the end of the batch that held it does.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => reached(payload.topic, payload.partition, payload.lastOffset));
      consumer
        .run({
          eachMessage: ({ topic, partition, message }) => {
            const headers = readHeaders(message.headers);
            records.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? '', value: message.value, headers });
            reached(topic, partition, message.offset);
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
