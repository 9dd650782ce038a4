import {
  CLOUD_EVENT_HEADERS,
  type CountryCode,
  type DataClassification,
  dlqTopic,
  type EventEntity,
  type EventType,
  type ServiceName,
  sharedTopic,
  type SharedStream,
} from '@naperj/contracts';
import { createKafka, type DecodedEvent, eventSource, EventStore, fromKafkaMessage, loadOrCreateEventSigner, toKafkaMessage } from '@naperj/messaging';
import { issueDevToken } from '@naperj/service-kit';
import { createTestApp, readTopics, type TopicRecord } from '@naperj/service-kit/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Kafka, Partitioners } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { AppModule } from '@naperj/expert-network/app.module';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

export interface Caller {
  roles: string[];
  agency: string;
  sub?: string;
  trilateral?: boolean;
}

/** What a test reads back from a topic: the raw record, and its event when it decodes. */
export interface TopicMessage extends TopicRecord {
  decoded?: DecodedEvent;
}

export interface ExpertNetworkTestNodeOptions {
  country?: CountryCode;
  /** Shared by test nodes of several countries, so that each trusts the others' event keys. */
  secretsDir?: string;
  /** More configuration variables, e.g. `FEDERATION_PEERS`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The expert-network service of one node (`mx` by default), in-process, on the real Kafka and
 * FerretDB, with a database of its own. Topics and consumer groups are the node's real ones
 * (`<cc>.expert-network.<group>`): tests tell their records apart by the ids they create.
 */
export class ExpertNetworkTestNode {
  readonly country: CountryCode;
  readonly secretsDir: string;
  readonly database: string;
  readonly kafka: Kafka;
  app!: NestExpressApplication;
  private readonly env: NodeJS.ProcessEnv;

  constructor({ country = 'mx', secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-')), env = {} }: ExpertNetworkTestNodeOptions = {}) {
    this.country = country;
    this.secretsDir = secretsDir;
    this.database = `naperj_expert_network_${country}_${randomUUID().slice(0, 8)}`;
    this.kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `expert-network-test-${country}`, log: () => undefined });
    this.env = env;
  }

  async start(): Promise<void> {
    this.app = await createTestApp(AppModule, {
      service: 'expert-network',
      env: {
        NODE_COUNTRY: this.country,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        MONGODB_URI: `${TEST_MONGODB_URI}/${this.database}`,
        NAPERJ_SECRETS_DIR: this.secretsDir,
        RATE_LIMIT_WRITES_PER_MINUTE: '10000',
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

  token({ roles, agency, sub, trilateral }: Caller): Promise<string> {
    return issueDevToken({
      secretsDir: this.secretsDir,
      country: this.country,
      agency,
      roles: roles as never,
      ...(sub ? { sub } : {}),
      ...(trilateral ? { trilateral } : {}),
    });
  }

  /** The node's database connection, for reading its collections raw. */
  get connection(): Connection {
    return this.app.get(EventStore).connection;
  }

  /**
   * How many events the service has recorded, of one entity when given: a refused request records none.
   * Review matching records assignments for submissions other suites submit on the same node's topics at any time.
   */
  recordedEventCount(entity?: EventEntity): Promise<number> {
    const store = this.app.get(EventStore);
    const filter = entity ? { type: { $regex: `^org\\.naperj\\.${entity}\\.` } } : {};
    return store.connection.collection(store.collection).countDocuments(filter);
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

  /** Every record of the topics, read from their start to their current end. */
  async read(...topics: string[]): Promise<TopicMessage[]> {
    return (await readTopics(this.kafka, topics)).map((record) => {
      const decoded = record.value === null ? undefined : fromKafkaMessage({ key: record.key, headers: record.headers, value: record.value });
      return { ...record, ...(decoded?.ok ? { decoded: decoded.decoded } : {}) };
    });
  }

  /**
   * A partner's node publishing on its shared topic of `stream`, signed with its key (kept in
   * this node's secrets folder, which its trust store reads), as MirrorMaker 2 would copy it
   * here; `ceId` re-uses an event id. Resolves to the event's `ce_id`.
   */
  producePartnerEvent<T extends { id: string }>(
    country: CountryCode,
    stream: SharedStream,
    service: ServiceName,
    type: EventType,
    data: T,
    ceId: string = uuidv7(),
  ): Promise<string> {
    return this.produce(sharedTopic(country, stream), country, service, type, data, 'confidential', ceId);
  }

  /** A signed event of `country` on any topic. */
  async produce(
    topic: string,
    country: CountryCode,
    service: ServiceName,
    type: EventType,
    data: { id: string },
    dataclassification: DataClassification,
    id: string = uuidv7(),
  ): Promise<string> {
    const signer = await loadOrCreateEventSigner(this.secretsDir, country);
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const event = { id, source: eventSource(country, service), type, time: new Date().toISOString(), subject: data.id, dataclassification, data };
      await producer.send({ topic, acks: -1, messages: [toKafkaMessage(event, signer)] });
    } finally {
      await producer.disconnect();
    }
    return id;
  }

  /** The dead-letter record of the event `ceId`, once the service has written it. */
  async deadLetter(ceId: string): Promise<Record<string, string> | undefined> {
    const records = await readTopics(this.kafka, [dlqTopic(this.country, 'expert-network')]);
    return records.find(({ headers }) => headers[CLOUD_EVENT_HEADERS.id] === ceId)?.headers;
  }
}
