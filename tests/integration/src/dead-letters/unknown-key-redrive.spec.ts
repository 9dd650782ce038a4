import { DEAD_LETTER_HEADERS, type TopicSpec } from '@naperj/contracts';
import {
  type ConsumedTopic,
  createKafka,
  EventSigner,
  loadTrustStoreFile,
  provisionTopics,
  readDeadLetters,
  toKafkaMessage,
  TrustFileWatcher,
} from '@naperj/messaging';
import { eventually } from '@naperj/service-kit/testing';
import type { Kafka, Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { type ConsumerApp, type Entity, groupIdOf, startConsumerApp } from '../consumer/consumer-test-app';
import { usWithdrawal } from '../consumer/consumer-test-bed';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

/**
 * docs/architecture.md, Signature and Event handlers: a partner's event signed with a key the
 * node does not trust yet is parked in the DLQ (`unknown-key`), and once the trust file names
 * the key, the reload re-drives it through the group that refused it, which applies it.
 */
describe('events parked for an unknown signing key', () => {
  const id = randomUUID().slice(0, 8);
  const prefix = `it.redrive.${id}`;
  const shared: ConsumedTopic = { name: `${prefix}.us.shared.submissions`, origin: 'us', from: 'shared', stream: 'submissions' };
  const deadLetterTopic = `${prefix}.dlq.v1`;
  const redriveTopic = `${prefix}.redrive.v1`;
  const current = generateKeyPairSync('ed25519');
  const next = generateKeyPairSync('ed25519');
  const nextSigner = new EventSigner('us-2027-01', next.privateKey);
  const publicJwk = (key: typeof current, kid: string) => ({ ...key.publicKey.export({ format: 'jwk' }), kid });

  let kafka: Kafka;
  let producer: Producer;
  let connection: Connection;
  let dir: string;
  let trustFile: string;
  let watcher: TrustFileWatcher;
  let consumer: ConsumerApp;

  const writeTrustFile = async (keys: object[]) => {
    // Replaced, as an operator's tooling or a mounted secret does.
    await writeFile(join(dir, 'trust.next.json'), JSON.stringify({ us: keys }));
    await rename(join(dir, 'trust.next.json'), trustFile);
  };

  const deadLetters = () => readDeadLetters(kafka, [deadLetterTopic], { groupPrefix: `${prefix}.reader` });
  const entity = (subject: string) => connection.collection<Entity>('entities').findOne({ _id: subject });

  beforeAll(async () => {
    kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `it-redrive-${id}`, log: () => undefined });
    const admin = kafka.admin();
    await admin.connect();
    const spec = (name: string): TopicSpec => ({ name, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 });
    await provisionTopics(admin, [shared.name, deadLetterTopic, redriveTopic].map(spec));
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    connection = await mongoose.createConnection(TEST_MONGODB_URI, { dbName: `it_redrive_${id}` }).asPromise();
    dir = await mkdtemp(join(tmpdir(), 'naperj-redrive-'));
    trustFile = join(dir, 'trust.json');
    await writeTrustFile([publicJwk(current, 'us-2026-11')]);
    const trust = await loadTrustStoreFile(trustFile);
    watcher = new TrustFileWatcher(trustFile, trust, { log: () => undefined, error: () => undefined });
    await watcher.start();
    consumer = await startConsumerApp({
      brokers: TEST_KAFKA_BROKERS,
      connection,
      trust,
      topics: [shared],
      deadLetterTopic,
      redriveTopic,
      group: `redrive-${id}`,
      retry: { attempts: 3, initialMs: 50, maxMs: 200 },
    });
  }, 60_000);

  afterAll(async () => {
    watcher?.stop();
    await consumer?.app.close();
    await producer?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [shared.name, deadLetterTopic, redriveTopic] }).catch(() => undefined);
    await admin.disconnect();
    await connection?.dropDatabase();
    await connection?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('parks the event, and applies it once the reloaded trust file names the key', async () => {
    const subject = uuidv7();
    await producer.send({ topic: shared.name, acks: -1, messages: [toKafkaMessage(usWithdrawal(subject, 3), nextSigner)] });

    const [parked] = await eventually('the parked dead letter', async () => {
      const records = await deadLetters();
      return records.length > 0 ? records : undefined;
    });
    const header = (name: string) => parked!.message.headers?.[name]?.toString();
    expect(header(DEAD_LETTER_HEADERS.reasonKind)).toBe('unknown-key');
    expect(header(DEAD_LETTER_HEADERS.reason)).toBe('unknown signing key "us-2027-01" for us');
    expect(header(DEAD_LETTER_HEADERS.group)).toBe(groupIdOf(`redrive-${id}`));
    expect(await entity(subject)).toBeNull();

    await writeTrustFile([publicJwk(current, 'us-2026-11'), publicJwk(next, 'us-2027-01')]);

    const applied = await eventually('the re-driven event applied', () => entity(subject).then((found) => found ?? undefined));
    expect(applied).toMatchObject({ version: 3, applied: [expect.any(String) as unknown] });
    const ref = `${parked!.topic}:${parked!.partition}:${parked!.message.offset}`;
    expect(await connection.collection('dead_letter_redrives').findOne({ _id: ref as never })).toMatchObject({ reasonKind: 'unknown-key' });
    // A reload that changes nothing more re-drives nothing again, and the DLQ holds the one record.
    expect(await consumer.server.redriveParked()).toBe(0);
    expect(await deadLetters()).toHaveLength(1);
  }, 90_000);
});
