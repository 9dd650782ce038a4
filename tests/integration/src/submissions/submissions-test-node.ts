import {
  type AssignedReviewer,
  CLOUD_EVENT_HEADERS,
  type CountryCode,
  type DataClassification,
  dlqTopic,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  type EventType,
  privateEventsTopic,
  type RemovalData,
  type ReviewAssignmentData,
  type ServiceName,
  type SharedSubmissionData,
  sharedTopic,
} from '@naperj/contracts';
import { createKafka, eventSource, EventStore, fromKafkaMessage, loadOrCreateEventSigner, toKafkaMessage, type DecodedEvent } from '@naperj/messaging';
import { issueDevToken } from '@naperj/service-kit';
import { createTestApp, readTopics } from '@naperj/service-kit/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Kafka, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { AppModule } from '@naperj/submissions/app.module';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

export interface Caller {
  roles: string[];
  agency: string;
  sub?: string;
}

/** What a test reads back from a topic. */
export interface TopicMessage {
  key: string;
  value: Buffer | null;
  decoded?: DecodedEvent;
}

/** The submissions service of node mx, in-process, on the real Kafka and FerretDB, with its own database. */
export class SubmissionsTestNode {
  readonly secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
  readonly database = `naperj_submissions_${randomUUID().slice(0, 8)}`;
  readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'submissions-test', log: () => undefined });
  app!: NestExpressApplication;

  async start(): Promise<void> {
    this.app = await createTestApp(AppModule, {
      service: 'submissions',
      env: {
        NODE_COUNTRY: 'mx',
        FEDERATION_PEERS: 'us,ca',
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        MONGODB_URI: `${TEST_MONGODB_URI}/${this.database}`,
        NAPERJ_SECRETS_DIR: this.secretsDir,
        RATE_LIMIT_WRITES_PER_MINUTE: '10000',
        LOG_LEVEL: 'silent',
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

  token({ roles, agency, sub }: Caller): Promise<string> {
    return issueDevToken({ secretsDir: this.secretsDir, country: 'mx', agency, roles: roles as never, ...(sub ? { sub } : {}) });
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
   * A partner's node publishing on its shared topic, signed with its key, as MirrorMaker 2
   * would copy it here; `ceId` re-uses an event id. Resolves to the event's `ce_id`.
   */
  producePeerEvent(
    country: CountryCode,
    type: typeof EVENT_TYPES.submissionPublished | typeof EVENT_TYPES.submissionWithdrawn,
    data: SharedSubmissionData | RemovalData,
    ceId: string = uuidv7(),
  ): Promise<string> {
    return this.produce(sharedTopic(country, 'submissions'), country, 'submissions', type, data, 'confidential', ceId);
  }

  /** The dead-letter record of the event `ceId`, once the service has written it. */
  async deadLetter(ceId: string): Promise<Record<string, string> | undefined> {
    const records = await readTopics(this.kafka, [dlqTopic('mx', 'submissions')]);
    return records.find(({ headers }) => headers[CLOUD_EVENT_HEADERS.id] === ceId)?.headers;
  }

  /** expert-network of this node assigning reviewers, as it will once it exists. */
  async produceAssignment(submissionId: string, submissionVersion: number, reviewers: AssignedReviewer[]): Promise<void> {
    const data: ReviewAssignmentData = {
      id: uuidv7(),
      country: 'mx',
      version: 1,
      submissionId,
      submissionVersion,
      reviewers,
      assignedAt: new Date().toISOString(),
    };
    await this.produce(privateEventsTopic('mx', 'expert-network'), 'mx', 'expert-network', EVENT_TYPES.reviewAssigned, data, 'internal');
  }

  private async produce(
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
    const event = { id, source: eventSource(country, service), type, time: new Date().toISOString(), subject: data.id, dataclassification, data };
    await producer.send({ topic, acks: -1, messages: [toKafkaMessage(event, signer)] });
    await producer.disconnect();
    return id;
  }
}

/** A partner's published submission, as its node shares it. */
export function peerSubmission(country: CountryCode, title: string, version = 5): SharedSubmissionData {
  const example = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared;
  return {
    ...example,
    id: uuidv7(),
    country,
    version,
    title: { en: title },
    originalLanguage: 'en',
    summary: { en: 'Shared by a partner.' },
    body: undefined,
  };
}
