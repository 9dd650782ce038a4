/**
 * Outbox relay publish rate against the least work any outbox needs on the same engines, in
 * the same run: a plain loop that reads a batch of stored events, produces them signed and
 * deletes them. A raw kafkajs producer of the same prepared messages, with no database, is
 * measured too, as the broker's own limit. Each round: each drains N freshly stored events
 * in batches of the relay's size (storing them is not timed). Reports the medians and the
 * relay's ratio to each.
 */
import { EVENT_TYPES } from '@naperj/contracts';
import { createKafka, EventStore, eventSource, eventTime, loadOrCreateEventSigner, OutboxRelay, provisionTopics, toKafkaMessage } from '@naperj/messaging';
import { DatabaseCommandsRecorder, MetricsRegistry } from '@naperj/service-kit';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { Partitioners } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { enginesDown, enginesStatus, enginesUp } from '../deploy/local/engines.mts';
import { kafkaBrokers, mongodbUri } from '../deploy/local/topology.mts';
import { commandsPerItem, databaseCommandsOf, report, type Sample } from './measure.mts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 100;
const COUNTRY = 'mx';

// Engines someone else runs are reused and left running: a watchdog owned by this process
// would stop them once the benchmark ends.
const running = (await enginesStatus([COUNTRY])).every((engine) => engine.ready);
const started = running ? [] : await enginesUp([COUNTRY], { owner: process.pid, log: () => undefined });
const brokers = [kafkaBrokers(COUNTRY)];
const signer = await loadOrCreateEventSigner(mkdtempSync(join(tmpdir(), 'naperj-bench-')), COUNTRY);
const kafka = createKafka({ brokers, clientId: 'bench-raw', log: () => undefined });
const admin = kafka.admin();
await admin.connect();
const benchDatabase = `${mongodbUri(COUNTRY).replace(/\/naperj$/, '')}/naperj-bench`;
const connection = await mongoose.createConnection(benchDatabase).asPromise();
// The relay's own connection, whose commands are counted; the bench polls through the other.
const relayConnection = await mongoose.createConnection(benchDatabase, { monitorCommands: true }).asPromise();
const metrics = MetricsRegistry.forProcess();
new DatabaseCommandsRecorder(relayConnection, metrics).observe(relayConnection.getClient());
const relayCommands = async () => databaseCommandsOf(await metrics.metrics());

const payload = (i: number) => ({
  id: uuidv7(),
  country: COUNTRY,
  version: 1,
  title: { es: `Práctica ${i}`, en: `Practice ${i}` },
  actionAreas: ['health-equity'],
});

async function freshTopic(): Promise<string> {
  const topic = `bench.relay.${randomUUID()}`;
  await provisionTopics(admin, [{ name: topic, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 }]);
  return topic;
}

async function rawRound(): Promise<Sample> {
  const topic = await freshTopic();
  const source = eventSource(COUNTRY, 'submissions');
  const messages = Array.from({ length: EVENTS }, (_, i) => {
    const data = payload(i);
    return toKafkaMessage(
      { id: uuidv7(), source, type: EVENT_TYPES.submissionPublished, time: eventTime(), subject: data.id, dataclassification: 'internal', data },
      signer,
    );
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const t0 = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BATCH) });
  const ms = performance.now() - t0;
  await producer.disconnect();
  return { count: EVENTS, ms };
}

/** Read a batch, produce it, delete it: an outbox without ordering, leases, records or parking. */
async function minimalOutboxRound(): Promise<Sample> {
  const topic = await freshTopic();
  const source = eventSource(COUNTRY, 'submissions');
  const outbox = connection.collection<{ _id: string; subject: string; time: string; data: ReturnType<typeof payload> }>(
    `bench_${randomUUID().slice(0, 8)}_minimal`,
  );
  await outbox.insertMany(
    Array.from({ length: EVENTS }, (_, i) => {
      const data = payload(i);
      return { _id: uuidv7(), subject: data.id, time: eventTime(), data };
    }),
  );
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const t0 = performance.now();
  for (let batch = await outbox.find().limit(BATCH).toArray(); batch.length > 0; batch = await outbox.find().limit(BATCH).toArray()) {
    const messages = batch.map(({ _id, subject, time, data }) =>
      toKafkaMessage({ id: _id, source, type: EVENT_TYPES.submissionPublished, time, subject, dataclassification: 'internal', data }, signer),
    );
    await producer.send({ topic, acks: -1, messages });
    await outbox.deleteMany({ _id: { $in: batch.map(({ _id }) => _id) } });
  }
  const ms = performance.now() - t0;
  await producer.disconnect();
  await outbox.drop();
  return { count: EVENTS, ms };
}

async function relayRound(): Promise<Sample & { commands: Record<string, number> }> {
  const topic = await freshTopic();
  const store = new EventStore({ connection: relayConnection, service: 'submissions', collection: `bench_${randomUUID().slice(0, 8)}_events` });
  for (let i = 0; i < EVENTS; i++) {
    const data = payload(i);
    await store.append({ subject: data.id, version: 1, type: EVENT_TYPES.submissionPublished, deliveries: [{ topic, dataclassification: 'internal', data }] });
  }
  const relay = new OutboxRelay({
    store,
    country: COUNTRY,
    brokers,
    signer,
    registry: new Registry(),
    logger: { log: () => undefined, warn: () => undefined, debug: () => undefined, error: () => undefined },
    tuning: { batchSize: BATCH },
  });
  // Pending events are the entries of the small outbox collection beside the event store.
  const pending = connection.collection(store.outboxCollection);
  const before = await relayCommands();
  const t0 = performance.now();
  relay.start();
  while ((await pending.countDocuments()) > 0) await sleep(50);
  const ms = performance.now() - t0;
  await relay.stop();
  const commands = commandsPerItem(before, await relayCommands(), EVENTS);
  await pending.drop();
  await connection.collection(store.collection).drop();
  return { count: EVENTS, ms, commands };
}

try {
  const raw: Sample[] = [];
  const minimal: Sample[] = [];
  const relayed: (Sample & { commands: Record<string, number> })[] = [];
  await rawRound(); // warm-up: connections, JIT, broker metadata
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(await rawRound());
    minimal.push(await minimalOutboxRound());
    relayed.push(await relayRound());
    console.log(`round ${round + 1}/${ROUNDS} done`);
  }
  const rate = (s: Sample) => (s.count * 1000) / s.ms;
  const medianRate = (samples: Sample[]) => samples.map(rate).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  report(
    'relay',
    { events: EVENTS, rounds: ROUNDS, batch: BATCH, broker: brokers[0], database: 'FerretDB 1.24 (SQLite)' },
    [
      { name: 'minimal outbox loop', samples: minimal },
      { name: 'outbox relay', samples: relayed },
      { name: 'raw kafkajs producer, no database', samples: raw },
    ],
    { 'relay / minimal outbox (rate)': medianRate(relayed) / medianRate(minimal), 'relay / raw producer (rate)': medianRate(relayed) / medianRate(raw) },
    { 'outbox relay, per event published': relayed.at(-1)!.commands },
  );
} finally {
  await connection.dropDatabase().catch(() => undefined);
  await Promise.all([connection.close(), relayConnection.close()]);
  await admin.disconnect();
  if (started.length > 0) await enginesDown([COUNTRY]);
}
