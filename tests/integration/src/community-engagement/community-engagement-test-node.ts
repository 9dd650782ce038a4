import { type CountryCode, privateEventsTopic, type Role } from '@naperj/contracts';
import { createKafka, EventStore, fromKafkaMessage, type DecodedEvent } from '@naperj/messaging';
import { issueDevToken } from '@naperj/service-kit';
import { createTestApp, readTopics } from '@naperj/service-kit/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { AppModule } from '@naperj/community-engagement/app.module';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

export interface Caller {
  roles: Role[];
  agency?: string;
  sub?: string;
  country?: CountryCode;
}

/** What a test reads back from a topic: the raw bytes, to search, and the decoded event. */
export interface TopicMessage {
  key: string;
  value: Buffer | null;
  decoded?: DecodedEvent;
}

export interface CommunityEngagementTestNodeOptions {
  country?: CountryCode;
  /** Extra variables, e.g. `PUBLIC_WRITES_PER_MINUTE` or `TESTIMONY_RETENTION_DAYS`. */
  env?: Record<string, string>;
}

/**
 * The community-engagement service of one node, in-process, on the real Kafka and FerretDB,
 * with its own database. Its private topic is the node's real one
 * (`<cc>.community-engagement.events.v1`), shared with other test nodes of the same country:
 * tests find their own events by the ids they created.
 */
export class CommunityEngagementTestNode {
  readonly country: CountryCode;
  readonly secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
  readonly database = `naperj_community_${randomUUID().slice(0, 8)}`;
  readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'community-engagement-test', log: () => undefined });
  private readonly env: Record<string, string>;
  app!: NestExpressApplication;

  constructor({ country = 'mx', env = {} }: CommunityEngagementTestNodeOptions = {}) {
    this.country = country;
    this.env = env;
  }

  async start(): Promise<void> {
    this.app = await createTestApp(AppModule, {
      service: 'community-engagement',
      env: {
        NODE_COUNTRY: this.country,
        FEDERATION_PEERS: (['mx', 'us', 'ca'] as const).filter((peer) => peer !== this.country).join(','),
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        MONGODB_URI: `${TEST_MONGODB_URI}/${this.database}`,
        NAPERJ_SECRETS_DIR: this.secretsDir,
        RATE_LIMIT_WRITES_PER_MINUTE: '10000',
        PUBLIC_WRITES_PER_MINUTE: '10000',
        LOG_LEVEL: 'silent',
        ...this.env,
      },
    });
  }

  async close(): Promise<void> {
    await this.app?.close();
    const connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/${this.database}`).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }

  http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer());
  }

  token({ roles, agency = 'IMSS-Bienestar', sub, country = this.country }: Caller): Promise<string> {
    return issueDevToken({ secretsDir: this.secretsDir, country, agency, roles, ...(sub ? { sub } : {}) });
  }

  /** The service's database, to read what it stored as it is stored. */
  get connection(): Connection {
    return this.app.get(EventStore).connection;
  }

  /** How many events the service has recorded: a refused request records none. */
  recordedEventCount(): Promise<number> {
    const store = this.app.get(EventStore);
    return store.connection.collection(store.collection).countDocuments();
  }

  /** Until the relay has published everything recorded so far. */
  async published(timeoutMs = 20_000): Promise<void> {
    const store = this.app.get(EventStore);
    const deadline = Date.now() + timeoutMs;
    while ((await store.connection.collection(store.outboxCollection).countDocuments()) > 0) {
      if (Date.now() > deadline) throw new Error('The outbox did not empty');
      await sleep(100);
    }
  }

  /** Every message of the topic, read from its start to its current end. */
  async read(topic: string): Promise<TopicMessage[]> {
    return (await readTopics(this.kafka, [topic])).map(({ key, value, headers }) => {
      const decoded = value === null ? undefined : fromKafkaMessage({ key, headers, value });
      return { key, value, ...(decoded?.ok ? { decoded: decoded.decoded } : {}) };
    });
  }

  /**
   * The node's private community-engagement topic, once every delivery this node recorded for
   * it is there; otherwise an error naming what is missing and what the store says of it.
   */
  async privateEvents(timeoutMs = 20_000): Promise<TopicMessage[]> {
    await this.published();
    const topic = privateEventsTopic(this.country, 'community-engagement');
    const store = this.app.get(EventStore);
    const recorded = (
      await store.connection
        .collection<{ _id: string; subject: string; version: number; deliveries: { id: string; topic: string }[] }>(store.collection)
        .find()
        .toArray()
    ).flatMap(({ _id, subject, version, deliveries }) =>
      deliveries.filter((delivery) => delivery.topic === topic).map(({ id }) => ({ id, event: _id, subject, version })),
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.read(topic);
      const read = new Set(messages.flatMap(({ decoded }) => (decoded ? [decoded.event.id] : [])));
      const missing = recorded.filter(({ id }) => !read.has(id));
      if (missing.length === 0) return messages;
      if (Date.now() > deadline) {
        const published = await store.connection
          .collection(store.publishedCollection)
          .find({ _id: { $in: missing.map(({ event }) => event) as never[] } })
          .toArray();
        const parked = await store.connection.collection(store.parkedCollection).countDocuments();
        throw new Error(`Recorded but not on ${topic}: ${JSON.stringify(missing)}; publication records ${JSON.stringify(published)}; ${parked} parked`);
      }
      await sleep(500);
    }
  }
}
