import type { Message, TopicMessages } from 'kafkajs';

/**
 * Kafka's record batch (format v2) as the broker measures it against a topic's
 * `max.message.bytes`: a fixed header per batch, and per record its bytes plus varint
 * lengths, attributes, deltas and, per header, two lengths. The overheads are upper bounds,
 * so a planned send never exceeds the limit, whatever the partitioner does.
 */
export const RECORD_BATCH_OVERHEAD_BYTES = 61;
const RECORD_OVERHEAD_BYTES = 36;
const HEADER_OVERHEAD_BYTES = 10;

/** The broker's default `max.message.bytes`, for a topic whose own cannot be read. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** One event's messages, by topic, in the order they must reach Kafka. */
export interface OutgoingEvent<E> {
  event: E;
  topicMessages: TopicMessages[];
}

export interface SendPlan<E> {
  /** Sends to make one after the other; together they keep the events' order. */
  sends: OutgoingEvent<E>[][];
  /** Events Kafka could never take, each with the reason. */
  tooLarge: { outgoing: OutgoingEvent<E>; reason: string }[];
}

/** An upper bound of the bytes a message takes in a record batch. */
export function recordBytes({ key, value, headers = {} }: Message): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(key) + byteLength(value);
  for (const [name, header] of Object.entries(headers)) {
    for (const one of Array.isArray(header) ? header : [header]) bytes += HEADER_OVERHEAD_BYTES + Buffer.byteLength(name) + byteLength(one);
  }
  return bytes;
}

/**
 * Splits events, already in publication order, into consecutive sends that no topic's
 * limit refuses: per topic, the sum of a send's records (all partitions counted, so any
 * partition's batch fits) plus one batch header stays under `limits`. An event that alone
 * exceeds a limit goes to `tooLarge` and the others carry on.
 */
export function planSends<E>(events: readonly OutgoingEvent<E>[], limits: ReadonlyMap<string, number>): SendPlan<E> {
  const plan: SendPlan<E> = { sends: [], tooLarge: [] };
  let current: OutgoingEvent<E>[] = [];
  let used = new Map<string, number>();
  for (const outgoing of events) {
    const sizes = bytesByTopic(outgoing.topicMessages);
    const over = [...sizes].find(([topic, bytes]) => RECORD_BATCH_OVERHEAD_BYTES + bytes > limitOf(limits, topic));
    if (over) {
      const [topic, bytes] = over;
      plan.tooLarge.push({ outgoing, reason: `${bytes} bytes of records for ${topic} exceed its max.message.bytes ${limitOf(limits, topic)}` });
      continue;
    }
    const fits = [...sizes].every(([topic, bytes]) => RECORD_BATCH_OVERHEAD_BYTES + (used.get(topic) ?? 0) + bytes <= limitOf(limits, topic));
    if (!fits) {
      plan.sends.push(current);
      current = [];
      used = new Map();
    }
    current.push(outgoing);
    for (const [topic, bytes] of sizes) used.set(topic, (used.get(topic) ?? 0) + bytes);
  }
  if (current.length > 0) plan.sends.push(current);
  return plan;
}

/** The events' messages as one send: per topic, in the events' order. */
export function topicMessagesOfSend(send: readonly OutgoingEvent<unknown>[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topicMessages } of send) {
    for (const { topic, messages } of topicMessages) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function bytesByTopic(topicMessages: readonly TopicMessages[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const { topic, messages } of topicMessages) {
    sizes.set(topic, (sizes.get(topic) ?? 0) + messages.reduce((sum, message) => sum + recordBytes(message), 0));
  }
  return sizes;
}

function limitOf(limits: ReadonlyMap<string, number>, topic: string): number {
  return limits.get(topic) ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
}

function byteLength(bytes: Buffer | string | null | undefined): number {
  return bytes === null || bytes === undefined ? 0 : Buffer.byteLength(bytes);
}
