import {
  type CountryCode,
  type DataClassification,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  type EventType,
  type InsightData,
  type Role,
  type ServiceName,
  type SharedStream,
  sharedTopic,
} from '@naperj/contracts';
import { type CloudEvent, createKafka, EventSigner, eventSource, loadOrCreateEventSigner, toKafkaMessage } from '@naperj/messaging';
import { issueDevToken, TopicProvisioner } from '@naperj/service-kit';
import { createTestApp } from '@naperj/service-kit/testing';
import { AppModule } from '@naperj/reporting/app.module';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

/**
 * The reporting service of node mx, in-process and listening on a free port, on the real
 * Kafka and FerretDB. Its signing keys (and so the only events it trusts) are its own, so
 * what other suites write to the same topics never reaches its streams.
 */
export class ReportingTestNode {
  readonly secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
  readonly database = `naperj_reporting_${randomUUID().slice(0, 8)}`;
  readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'reporting-stream-test', log: () => undefined });
  app?: NestExpressApplication;
  baseUrl = '';
  private producer?: Producer;

  async start(): Promise<void> {
    this.app = await createTestApp(AppModule, {
      service: 'reporting',
      env: {
        NODE_COUNTRY: 'mx',
        FEDERATION_PEERS: 'us,ca',
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        MONGODB_URI: `${TEST_MONGODB_URI}/${this.database}`,
        NAPERJ_SECRETS_DIR: this.secretsDir,
        LOG_LEVEL: 'silent',
      },
    });
    await this.app.get(TopicProvisioner).provision();
    await this.app.listen(0, '127.0.0.1');
    this.baseUrl = await this.app.getUrl();
  }

  /** Stops the service as a shutdown would: its streams end, its consumers leave Kafka. */
  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.producer?.disconnect();
    const connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/${this.database}`).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }

  /** A token of the node's issuer; `trilateral` clears it for confidential events, `sub` names another caller. */
  token(roles: Role[], expiresIn?: string, { sub, trilateral = false }: { sub?: string; trilateral?: boolean } = {}): Promise<string> {
    return issueDevToken({
      secretsDir: this.secretsDir,
      country: 'mx',
      agency: 'SRE',
      roles,
      trilateral,
      ...(sub ? { sub } : {}),
      ...(expiresIn ? { expiresIn } : {}),
    });
  }

  /** An event as the node of `country` signs it; `signer` forges it. */
  async signed<D extends { id: string }>(
    country: CountryCode,
    service: ServiceName,
    type: EventType,
    data: D,
    dataclassification: DataClassification,
    signer?: EventSigner,
  ): Promise<{ event: CloudEvent; message: Message }> {
    const event: CloudEvent = {
      id: uuidv7(),
      source: eventSource(country, service),
      type,
      time: new Date().toISOString(),
      subject: data.id,
      dataclassification,
      data,
    };
    return { event, message: toKafkaMessage(event, signer ?? (await loadOrCreateEventSigner(this.secretsDir, country))) };
  }

  /** Writes to `<country>.shared.<stream>.v1` as that node, or MirrorMaker 2 copying from it, would. */
  async produce(country: CountryCode, stream: SharedStream, ...messages: Message[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    // One send each, in order: a test's events of one entity must keep their order.
    for (const message of messages) await this.producer.send({ topic: sharedTopic(country, stream), acks: -1, messages: [message] });
  }

  /** Signed insight snapshots of one consultation of `country`, version after version. */
  async insight(country: CountryCode, id: string, version: number): Promise<{ event: CloudEvent; message: Message }> {
    const data: InsightData = { ...EVENT_DATA_EXAMPLES[EVENT_TYPES.insightPublished].shared, id, country, version };
    return this.signed(country, 'community-engagement', EVENT_TYPES.insightPublished, data, 'confidential');
  }
}

/** A signer with the right key id and the wrong key: what a forger has. */
export function forger(kid: string): EventSigner {
  return new EventSigner(kid, generateKeyPairSync('ed25519').privateKey);
}
