import {
  catalogueEntry,
  type CountryCode,
  dataClassification,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  type EventData,
  type EventType,
  privateEventsTopic,
  type RemovalData,
  type Role,
  type ServiceName,
  type SharedSubmissionData,
  sharedTopic,
  type SubmissionData,
} from '@naperj/contracts';
import {
  type CloudEvent,
  createKafka,
  type EventSigner,
  eventSource,
  KafkaEventServer,
  loadLocalTrustStore,
  loadOrCreateEventSigner,
  toKafkaMessage,
  type TrustStore,
} from '@naperj/messaging';
import { AppModule } from '@naperj/reporting/app.module';
import { generationTopics } from '@naperj/reporting/read-models/read-model-generations';
import { LiveReadModels } from '@naperj/reporting/read-models/live-read-models';
import { consumerLag } from '@naperj/reporting/read-models/consumer-lag';
import { issueDevToken, TopicProvisioner } from '@naperj/service-kit';
import { createTestApp, eventually as pollUntil, readTopics } from '@naperj/service-kit/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Admin, type Kafka, type Message, Partitioners, type Producer, type RecordMetadata } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';
import { holdExclusiveTopics } from '../engines/exclusive-topics';

/**
 * The node the reporting tests run as, on the mx engines. Nobody else writes `us` private
 * topics or `ca` shared topics there (the submissions tests are node mx, MirrorMaker only
 * copies into clusters of their own country), and a suite of this node holds them against
 * the other jest workers' from start to close, so counts change only by what a test sends.
 */
export const NODE: CountryCode = 'us';
export const PEER: CountryCode = 'ca';

/** A Kafka message and where it goes, kept so that a test can deliver it again, byte for byte. */
export interface Sent {
  topic: string;
  message: Message;
}

/** The reporting service of node `us`, in-process, on the real Kafka and FerretDB, with a database of its own. */
export class ReportingTestNode {
  /**
   * The same keys in every run: a new database reads the topics from their start, and events
   * of earlier runs signed with keys of their own would all be dead-lettered again, every run.
   */
  readonly secretsDir = join(tmpdir(), 'naperj-reporting-tests');
  readonly database = `naperj_reporting_${randomUUID().slice(0, 8)}`;
  readonly mongodbUri = `${TEST_MONGODB_URI}/${this.database}`;
  readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'reporting-test', log: () => undefined });
  /** The configuration the service reads, for a second process of the same node (the rebuild). */
  readonly env: NodeJS.ProcessEnv = {
    NODE_COUNTRY: NODE,
    FEDERATION_PEERS: PEER,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    MONGODB_URI: this.mongodbUri,
    NAPERJ_SECRETS_DIR: this.secretsDir,
    LOG_LEVEL: 'silent',
  };
  app!: NestExpressApplication;
  nodeSigner!: EventSigner;
  peerSigner!: EventSigner;
  /** The keys this node trusts, as a partner would trust them. */
  trust!: TrustStore;
  private producer!: Producer;
  private admin!: Admin;
  private releaseTopics?: () => Promise<void>;

  async start(): Promise<void> {
    this.releaseTopics = await holdExclusiveTopics(`${NODE}-private-${PEER}-shared`);
    // The keys first, so the service trusts the very keys that sign the test's events.
    this.nodeSigner = await loadOrCreateEventSigner(this.secretsDir, NODE);
    this.peerSigner = await loadOrCreateEventSigner(this.secretsDir, PEER);
    this.trust = await loadLocalTrustStore(this.secretsDir, [NODE, PEER]);
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = this.kafka.admin();
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    this.app = await createTestApp(AppModule, { service: 'reporting', env: this.env });
    await this.app.get(TopicProvisioner).provision();
  }

  async close(): Promise<void> {
    try {
      await this.app?.close();
      await this.producer?.disconnect();
      await this.admin?.disconnect();
      const connection = await mongoose.createConnection(this.mongodbUri).asPromise();
      await connection.dropDatabase();
      await connection.close();
    } finally {
      await this.releaseTopics?.();
    }
  }

  http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer());
  }

  token(roles: Role[]): Promise<string> {
    return issueDevToken({ secretsDir: this.secretsDir, country: NODE, agency: 'DOJ', roles });
  }

  connection(): Connection {
    return this.app.get<Connection>(getConnectionToken());
  }

  /** One of this node's submission events, on its private topic, as the submissions service records it. */
  own(type: EventType, data: SubmissionData | RemovalData): Sent {
    return {
      topic: privateEventsTopic(NODE, 'submissions'),
      message: this.message(NODE, 'submissions', type, data, dataClassification(type, 'private'), this.nodeSigner),
    };
  }

  /** The partner's shared submission event, signed by the partner (or by `signer`, to forge one). */
  peer(type: EventType, data: SharedSubmissionData | RemovalData, signer = this.peerSigner): Sent {
    return {
      topic: sharedTopic(PEER, 'submissions'),
      message: this.message(PEER, 'submissions', type, data, dataClassification(type, 'shared', 'trilateral'), signer),
    };
  }

  /** One of this node's events of any service, on the service's private topic, recorded at `time`. */
  ownEvent(type: EventType, data: EventData, time?: string): Sent {
    const { service } = catalogueEntry(type);
    return {
      topic: privateEventsTopic(NODE, service),
      message: this.message(NODE, service, type, data, dataClassification(type, 'private'), this.nodeSigner, time),
    };
  }

  /**
   * A shared event (not a submission's) of the node or of the partner, on that country's
   * shared topic of the type's stream, signed by that country and recorded at `time`.
   */
  sharedEvent(country: CountryCode, type: EventType, data: EventData, time?: string): Sent {
    const { service, shared } = catalogueEntry(type);
    const signer = country === NODE ? this.nodeSigner : this.peerSigner;
    return {
      topic: sharedTopic(country, shared!.stream),
      message: this.message(country, service, type, data, dataClassification(type, 'shared'), signer, time),
    };
  }

  /** A heartbeat of the partner's node sent at `time`. */
  peerHeartbeat(time: Date, emitterId: string, sequence: number, signer = this.peerSigner): Sent {
    const sentAt = time.toISOString();
    const data = { id: emitterId, country: PEER, version: sequence, sentAt };
    return {
      topic: sharedTopic(PEER, 'heartbeats'),
      message: this.message(PEER, 'reporting', EVENT_TYPES.nodeHeartbeat, data, 'confidential', signer, sentAt),
    };
  }

  /** Sends one message at a time, in order (one entity's events must keep theirs); says where each went. */
  async send(...sent: readonly Sent[]): Promise<{ topic: string; partition: number; offset: string }[]> {
    const positions = [];
    for (const { topic, message } of sent) {
      const [metadata] = await this.producer.send({ topic, acks: -1, messages: [message] });
      positions.push({ topic, partition: metadata!.partition, offset: metadata!.baseOffset! });
    }
    return positions;
  }

  /**
   * Sends in one Kafka transaction, as the services' outbox relays do: each partition written
   * then ends with the transaction's commit marker, an offset no consumer is handed.
   */
  async sendInTransaction(...sent: readonly Sent[]): Promise<void> {
    const producer = this.kafka.producer({ transactionalId: `reporting-test-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const transaction = await producer.transaction();
      const written: RecordMetadata[] = [];
      for (const { topic, message } of sent) written.push(...(await transaction.send({ topic, acks: -1, messages: [message] })));
      await transaction.commit();
      // The broker writes the commit markers after the commit returns: until then a read_committed
      // end (what the consumer lag is measured against) still stops before these messages.
      await pollUntil('the transaction to become readable', async () => {
        for (const topic of new Set(written.map(({ topicName }) => topicName))) {
          const ends = await this.admin.fetchTopicOffsets(topic);
          const unreadable = written.filter(
            ({ topicName, partition, baseOffset }) =>
              topicName === topic && BigInt(ends.find((end) => end.partition === partition)!.high) <= BigInt(baseOffset!),
          );
          if (unreadable.length > 0) return undefined;
        }
        return true;
      });
    } finally {
      await producer.disconnect();
    }
  }

  /** The headers of every message the topic holds now, as text. */
  async headersOf(topic: string): Promise<Record<string, string>[]> {
    return (await readTopics(this.kafka, [topic])).map(({ headers }) => headers);
  }

  /** Until the live read models have applied everything their topics hold. */
  async readModelsCaughtUp(timeoutMs = 45_000): Promise<void> {
    const live = await eventually('the live read models to start', () => this.app.get(LiveReadModels).writing());
    await this.caughtUp(live.groupId, timeoutMs);
  }

  /** Until `groupId` has read every message of the read models' topics. */
  async caughtUp(groupId: string, timeoutMs = 45_000): Promise<void> {
    const topics = generationTopics(this.app.get(KafkaEventServer));
    await eventually(`${groupId} to catch up`, async () => ((await consumerLag(this.admin, groupId, topics)).lag === 0n ? true : undefined), timeoutMs);
  }

  private message(
    country: CountryCode,
    service: ServiceName,
    type: EventType,
    data: { id: string },
    dataclassification: CloudEvent['dataclassification'],
    signer: EventSigner,
    time = new Date().toISOString(),
  ): Message {
    const event: CloudEvent = { id: uuidv7(), source: eventSource(country, service), type, time, subject: data.id, dataclassification, data };
    return toKafkaMessage(event, signer);
  }
}

const SHARED_EXAMPLE = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared;
const PRIVATE_EXAMPLE = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].private;

/** This node's submission at a version and status, with what it counts by. */
export function ownSubmission(id: string, version: number, status: SubmissionData['status'], fields: Partial<SubmissionData> = {}): SubmissionData {
  const { publishedAt: _publishedAt, ...example } = PRIVATE_EXAMPLE;
  return { ...example, id, country: NODE, version, status, ...(status === 'published' ? { publishedAt: PRIVATE_EXAMPLE.publishedAt } : {}), ...fields };
}

/** The partner's published submission. */
export function peerSubmission(id: string, version: number, fields: Partial<SharedSubmissionData> = {}): SharedSubmissionData {
  return { ...SHARED_EXAMPLE, id, country: PEER, version, ...fields };
}

/** The shared poll, with this suite's patience: its read models catch up slowly on a loaded machine. */
export function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  return pollUntil(what, probe, timeoutMs, 200);
}
