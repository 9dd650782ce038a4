import { localKafkaBrokers, nodeTopics, peerSharedTopics } from '@naperj/contracts';
import { createKafka, provisionTopics } from '@naperj/messaging';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Consumer, type IHeaders, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { FEDERATION_COUNTRIES, type FederationCountry } from './deploy';

/** A record as a test compares it across clusters: bytes as they are. */
export interface SeenRecord {
  partition: number;
  key: string;
  value: Buffer | null;
  /** Every value of each header, in order (Kafka allows a header name more than once). */
  headers: Record<string, Buffer[]>;
  timestamp: string;
  offset: string;
}

/** Each country's cluster through its local listener, as that node's own tools see it. */
export class FederationFixture {
  readonly kafka: Record<FederationCountry, Kafka>;
  private readonly producers = new Map<FederationCountry, Producer>();
  private readonly watches: TopicWatch[] = [];

  constructor() {
    this.kafka = Object.fromEntries(
      FEDERATION_COUNTRIES.map((country) => [
        country,
        createKafka({ brokers: [localKafkaBrokers(country)], clientId: `federation-test-${country}`, log: () => undefined }),
      ]),
    ) as Record<FederationCountry, Kafka>;
  }

  /** Every topic a node provisions at start: its own, and its peers' shared topics. */
  async provisionNodeTopics(): Promise<void> {
    await Promise.all(
      FEDERATION_COUNTRIES.map(async (country) => {
        const admin = this.kafka[country].admin();
        await admin.connect();
        try {
          await provisionTopics(admin, [...nodeTopics(country), ...peerSharedTopics(FEDERATION_COUNTRIES.filter((c) => c !== country))]);
        } finally {
          await admin.disconnect();
        }
      }),
    );
  }

  async produce(country: FederationCountry, topic: string, message: { key: string; value: Buffer | null; headers?: IHeaders }): Promise<void> {
    let producer = this.producers.get(country);
    if (!producer) {
      producer = this.kafka[country].producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producers.set(country, producer);
    }
    await producer.send({ topic, acks: -1, messages: [message] });
  }

  /** Starts collecting every record of `topic` in `country`'s cluster, from its beginning. */
  async watch(country: FederationCountry, topic: string): Promise<TopicWatch> {
    const watch = new TopicWatch(this.kafka[country].consumer({ groupId: `federation-test-${randomUUID()}` }));
    this.watches.push(watch);
    await watch.start(topic);
    return watch;
  }

  /** Every record of `topic` in `country`'s cluster, from its beginning to its current end. */
  async readAll(country: FederationCountry, topic: string): Promise<SeenRecord[]> {
    const admin = this.kafka[country].admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const ends = new Map(offsets.filter(({ high, low }) => BigInt(high) > BigInt(low)).map(({ partition, high }) => [partition, BigInt(high)]));
    const watch = await this.watch(country, topic);
    const deadline = Date.now() + 30_000;
    const reachedEnd = () => [...ends].every(([partition, end]) => (watch.lastOffsets.get(partition) ?? -1n) + 1n >= end);
    while (!reachedEnd()) {
      if (Date.now() > deadline) throw new Error(`could not read ${topic} in ${country} to its end`);
      await sleep(50);
    }
    return watch.records;
  }

  async topics(country: FederationCountry): Promise<string[]> {
    const admin = this.kafka[country].admin();
    await admin.connect();
    try {
      return await admin.listTopics();
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.watches.map((watch) => watch.stop()));
    await Promise.all([...this.producers.values()].map((producer) => producer.disconnect()));
  }
}

export class TopicWatch {
  readonly records: SeenRecord[] = [];
  /**
   * The last offset read of each partition, a transaction's commit marker included (the
   * outbox relay publishes in transactions; no message shows a marker, the end of its batch does).
   */
  readonly lastOffsets = new Map<number, bigint>();

  constructor(private readonly consumer: Consumer) {}

  async start(topic: string): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => this.lastOffsets.set(payload.partition, BigInt(payload.lastOffset)));
    await this.consumer.run({
      autoCommit: false,
      eachMessage: ({ partition, message }) => {
        this.records.push(toSeen(partition, message));
        return Promise.resolve();
      },
    });
  }

  withKey(key: string): SeenRecord[] {
    return this.records.filter((record) => record.key === key);
  }

  /** The records with `key` once there are `count` of them. */
  async waitForKey(key: string, count = 1, timeoutMs = 45_000): Promise<SeenRecord[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.withKey(key).length < count) {
      if (Date.now() > deadline) throw new Error(`${count} record(s) with key ${key} did not arrive within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
    return this.withKey(key);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

function toSeen(partition: number, message: KafkaMessage): SeenRecord {
  const headers: Record<string, Buffer[]> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = (Array.isArray(value) ? value : [value]).map((v) => Buffer.from(v));
  }
  return { partition, key: message.key?.toString() ?? '', value: message.value, headers, timestamp: message.timestamp, offset: message.offset };
}
