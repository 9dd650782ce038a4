import type { RemovalData, TopicSpec } from '@naperj/contracts';
import {
  type CloudEvent,
  type ConsumedTopic,
  createKafka,
  type EventSigner,
  loadLocalTrustStore,
  loadOrCreateEventSigner,
  provisionTopics,
  readHeaders,
  toKafkaMessage,
  toTopicConfig,
  type TrustStore,
} from '@naperj/messaging';
import { type Admin, type Consumer, type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { sendingNullHeaderValues } from '@naperj/service-kit/testing';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';
import { spawnTypeScript } from '../processes/typescript-process';
import type { ConsumerFixtureConfig } from './consumer-process.fixture';
import { type ConsumerApp, type ConsumerAppOptions, type Entity, type Invocation, startConsumerApp, WITHDRAWN } from './consumer-test-app';

export interface ConsumerProcess {
  child: ChildProcess;
  /** Resolves once the process's group has joined. */
  running: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export interface DeadLetterRecord {
  key?: string;
  value?: string;
  headers: Record<string, string>;
}

/**
 * Topics, a database, keys and clients of their own for one test file: a `us` shared topic,
 * the node's private submissions topic and a DLQ, each under a unique name.
 */
export class ConsumerTestBed {
  readonly id = randomUUID().slice(0, 8);
  readonly topics: { shared: ConsumedTopic; private: ConsumedTopic; dlq: string };
  private readonly kafka: Kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `consumer-bed-${this.id}`, log: () => undefined });
  private readonly apps: ConsumerApp[] = [];
  private readonly processes: ConsumerProcess[] = [];
  private readonly lateTopics: string[] = [];
  private readonly deadLetterRecords: DeadLetterRecord[] = [];
  private deadLetterReader?: Consumer;

  private constructor(
    readonly mongodbUri: string,
    readonly secretsDir: string,
    readonly signers: { us: EventSigner; ca: EventSigner },
    readonly trust: TrustStore,
    readonly connection: Connection,
    private readonly admin: Admin,
    private readonly producer: Producer,
  ) {
    const prefix = `it.consumer.${this.id}`;
    this.topics = {
      shared: { name: `${prefix}.us.shared.submissions`, origin: 'us', from: 'shared', stream: 'submissions' },
      private: { name: `${prefix}.mx.submissions.events`, origin: 'mx', from: 'own', stream: 'submissions' },
      dlq: `${prefix}.mx.submissions.dlq`,
    };
  }

  /** `deadLetterMaxMessageBytes` gives the DLQ topic that `max.message.bytes`. */
  static async create({ deadLetterMaxMessageBytes }: { deadLetterMaxMessageBytes?: number } = {}): Promise<ConsumerTestBed> {
    const secretsDir = await mkdtemp(join(tmpdir(), 'naperj-consumer-'));
    const signers = { us: await loadOrCreateEventSigner(secretsDir, 'us'), ca: await loadOrCreateEventSigner(secretsDir, 'ca') };
    const trust = await loadLocalTrustStore(secretsDir, ['us', 'ca']);
    const mongodbUri = `${TEST_MONGODB_URI}/consumer-${randomUUID().slice(0, 8)}`;
    const connection = await mongoose.createConnection(mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'consumer-bed', log: () => undefined });
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect()]);
    const bed = new ConsumerTestBed(mongodbUri, secretsDir, signers, trust, connection, admin, producer);
    const { shared, private: own, dlq } = bed.topics;
    await provisionTopics(admin, [shared.name, own.name].map(topicSpec));
    if (deadLetterMaxMessageBytes === undefined) await provisionTopics(admin, [topicSpec(dlq)]);
    else {
      const config = toTopicConfig(topicSpec(dlq));
      config.configEntries!.push({ name: 'max.message.bytes', value: String(deadLetterMaxMessageBytes) });
      await admin.createTopics({ topics: [config], waitForLeaders: true });
    }
    return bed;
  }

  /** Creates one more topic, after the fact. */
  async provision(name: string): Promise<void> {
    this.lateTopics.push(name);
    await provisionTopics(this.admin, [topicSpec(name)]);
  }

  async close(): Promise<void> {
    for (const { child } of this.processes) child.kill('SIGKILL');
    await Promise.all(this.apps.map(({ app }) => app.close()));
    await this.deadLetterReader?.disconnect();
    await this.producer.disconnect();
    const topics = [this.topics.shared.name, this.topics.private.name, this.topics.dlq, ...this.lateTopics];
    await this.admin.deleteTopics({ topics }).catch(() => undefined);
    await this.admin.disconnect();
    await this.connection.dropDatabase();
    await this.connection.close();
    await rm(this.secretsDir, { recursive: true, force: true });
  }

  /** Starts a consumer app on this bed's topics (both by default) and waits until it has joined. */
  async startApp(options: Partial<ConsumerAppOptions> = {}): Promise<ConsumerApp> {
    const started = await startConsumerApp({
      brokers: TEST_KAFKA_BROKERS,
      connection: this.connection,
      trust: this.trust,
      topics: [this.topics.shared, this.topics.private],
      deadLetterTopic: this.topics.dlq,
      group: `bed-${this.id}`,
      retry: { attempts: 3, initialMs: 50, maxMs: 200 },
      ...options,
    });
    this.apps.push(started);
    await started.consumer.whenRunning();
    return started;
  }

  /** Runs the consumer app in a process of its own, on this bed's topics. */
  spawnConsumer(options: Pick<ConsumerFixtureConfig, 'group' | 'sessionTimeoutMs' | 'handlerMs' | 'crashAfterEffectOf'>): ConsumerProcess {
    const config: ConsumerFixtureConfig = {
      brokers: TEST_KAFKA_BROKERS,
      mongodbUri: this.mongodbUri,
      secretsDir: this.secretsDir,
      topics: [this.topics.shared, this.topics.private],
      deadLetterTopic: this.topics.dlq,
      ...options,
    };
    const child = spawnTypeScript(join(__dirname, 'consumer-process.fixture.ts'), { CONSUMER_FIXTURE: JSON.stringify(config) });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, output })),
    );
    const running = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('{"running":true}')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then(({ code, signal }) => reject(new Error(`the consumer process exited (${code ?? signal}):\n${output}`)));
    });
    const started = { child, running, exited };
    this.processes.push(started);
    return started;
  }

  async stopApp(started: ConsumerApp): Promise<void> {
    this.apps.splice(this.apps.indexOf(started), 1);
    await started.app.close();
  }

  /** A `submission.withdrawn` of `subject` from a `us` node, valid on shared and private topics. */
  withdrawal(subject: string, version: number, overrides: Partial<CloudEvent<RemovalData>> = {}): CloudEvent<RemovalData> {
    return usWithdrawal(subject, version, overrides);
  }

  /** The same event as the node's own submissions service writes it to its private topic. */
  privateWithdrawal(subject: string, version: number): CloudEvent<RemovalData> {
    return this.withdrawal(subject, version, {
      source: 'urn:naperj:mx:submissions',
      dataclassification: 'internal',
      data: { id: subject, country: 'mx', version },
    });
  }

  signed(event: CloudEvent, signer: EventSigner = this.signers.us): Message {
    return toKafkaMessage(event, signer);
  }

  async send(topic: string, ...messages: Message[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages });
  }

  /**
   * Sends records that may carry null header values, as other Kafka clients can: kafkajs
   * writes a null header value as Kafka's null, but sizes every value with
   * `Buffer.byteLength` first, which throws on null. Call it before any consumer app of
   * this process runs, so that nothing else sends while `Buffer.byteLength` takes null.
   */
  sendWithNullHeaders(topic: string, ...messages: Message[]): Promise<void> {
    return sendingNullHeaderValues(() => this.send(topic, ...messages));
  }

  entity(subject: string): Promise<Entity | null> {
    return this.connection.collection<Entity>('entities').findOne({ _id: subject });
  }

  invocations(eventId: string): Promise<Invocation[]> {
    return this.connection.collection<Invocation>('invocations').find({ eventId }).toArray();
  }

  /** Waits until `subject` has reached `version`. */
  async waitForVersion(subject: string, version: number, timeoutMs = 30_000): Promise<Entity> {
    await waitFor(async () => ((await this.entity(subject))?.version ?? 0) >= version, `${subject} at version ${version}`, timeoutMs);
    return (await this.entity(subject))!;
  }

  /** The DLQ records, once there are at least `count`. */
  async deadLetters(count: number): Promise<DeadLetterRecord[]> {
    await this.readDeadLetters();
    await waitFor(() => this.deadLetterRecords.length >= count, `${count} DLQ records`);
    return [...this.deadLetterRecords];
  }

  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    return this.admin
      .fetchOffsets({ groupId, topics: [topic] })
      .then(([committed]) => new Map(committed!.partitions.map(({ partition, offset }) => [partition, offset])));
  }

  async groupMembers(groupId: string): Promise<string[]> {
    const { groups } = await this.admin.describeGroups([groupId]);
    return groups[0]!.members.map((member) => member.memberId);
  }

  private async readDeadLetters(): Promise<void> {
    if (this.deadLetterReader) return;
    this.deadLetterReader = this.kafka.consumer({ groupId: `dlq-reader-${this.id}` });
    await this.deadLetterReader.connect();
    await this.deadLetterReader.subscribe({ topics: [this.topics.dlq], fromBeginning: true });
    await this.deadLetterReader.run({
      eachMessage: ({ message }) => {
        this.deadLetterRecords.push({ key: message.key?.toString(), value: message.value?.toString(), headers: readHeaders(message.headers) });
        return Promise.resolve();
      },
    });
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function newSubject(): string {
  return uuidv7();
}

function topicSpec(name: string): TopicSpec {
  return { name, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 };
}

/** A `submission.withdrawn` of `subject` from a `us` node, valid on shared and private topics. */
export function usWithdrawal(subject: string, version: number, overrides: Partial<CloudEvent<RemovalData>> = {}): CloudEvent<RemovalData> {
  return {
    id: uuidv7(),
    source: 'urn:naperj:us:submissions',
    type: WITHDRAWN,
    time: new Date().toISOString(),
    subject,
    dataclassification: 'public',
    data: { id: subject, country: 'us', version },
    ...overrides,
  };
}
