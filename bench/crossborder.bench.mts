/**
 * From a publication in mx to the submission in us's catalog vs a raw produce in mx that a
 * raw consumer in us receives through the same MirrorMaker 2, in the same run (B4).
 *
 * Both run at BENCH_RATE events per second for BENCH_SECONDS. The raw path: a kafkajs producer
 * on mx's cluster writes signed events to a topic of mx's shared prefix, which us's
 * MirrorMaker copies; a kafkajs consumer on us's cluster timestamps each. The service path:
 * mx's event store and outbox relay (the submissions service's publishing, run here) record
 * and publish `submission.published` to mx's shared submissions topic; us's submissions
 * service, a process of its own, takes it into its catalog, polled every POLL_MS and emptied
 * before each round. Latencies
 * are from the send (raw) or the append (service) to the receipt or to the catalog entry. The
 * bench's submissions are withdrawn at the end, so that no node of the local federation keeps
 * them. Reports each path's p50 and p99 and the service path's p99 overhead.
 */
import { dataClassification, EVENT_DATA_EXAMPLES, EVENT_TYPES, type SharedSubmissionData, sharedTopic } from '@naperj/contracts';
import {
  createKafka,
  EventStore,
  eventSource,
  eventTime,
  loadOrCreateEventSigner,
  OutboxRelay,
  provisionTopics,
  toKafkaMessage,
  tombstoneOf,
} from '@naperj/messaging';
import { Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import { enginesUp, stopProcesses } from '../deploy/local/engines.mts';
import { loadFederation, sharedTopicPrefix } from '../deploy/local/federation.mts';
import { REPO_ROOT } from '../deploy/local/paths.mts';
import { type Country, kafkaBrokers, nodeTopology } from '../deploy/local/topology.mts';
import { consumerLag } from '../services/reporting/dist/read-models/consumer-lag.js';
import { startServer, waitForReady } from './bench-server.mts';
import { median, percentile, pollUntil, report, type Sample } from './measure.mts';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PUBLISHER: Country = 'mx';
const READER: Country = 'us';
const RAW_TOPIC = `${sharedTopicPrefix(PUBLISHER)}bench-crossborder.v1`;
const SHARED_SUBMISSIONS = sharedTopic(PUBLISHER, 'submissions');
const DATABASE = 'naperj-bench-crossborder';
const SUBMISSIONS_MAIN = join(REPO_ROOT, 'services/submissions/dist/main.js');
/** FerretDB scans the catalog for each poll: often enough to time a p99 goal of 0.5 s, rarely enough not to load the service's database. */
const POLL_MS = 100;
/** How long a round waits, once its sending ends, for what is still on its way; what has not arrived by then counts as this late. */
const ARRIVAL_TIMEOUT_MS = Number(process.env.BENCH_ARRIVAL_TIMEOUT_S ?? 300) * 1000;
const SHARED_EXAMPLE = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared;

const federation = loadFederation();
const ferretdb = (country: Country) => `mongodb://127.0.0.1:${nodeTopology(country).ferretdbPort}/${DATABASE}`;

/** Calls `send(i)` RATE times a second for `seconds`, on schedule whatever each call takes; resolves once all have returned. */
async function atRate(seconds: number, send: (index: number) => Promise<void>): Promise<void> {
  const total = RATE * seconds;
  const t0 = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE - performance.now();
    if (due > 0) await sleep(due);
    calls.push(send(i));
  }
  await Promise.all(calls);
}

/** p50 and p99 of the latencies, with the round's span, as a Sample. */
function sampleOf(latencies: number[], ms: number): Sample {
  return { count: latencies.length, ms, latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) } };
}

function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = ARRIVAL_TIMEOUT_MS): Promise<T> {
  return pollUntil(what, probe, timeoutMs, POLL_MS);
}

async function rawRound(seconds = SECONDS): Promise<Sample> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = readerKafka.consumer({ groupId: `bench.crossborder.raw-${uuidv7()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: RAW_TOPIC, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: ({ message }) => {
      const sent = sentAt.get(message.key?.toString() ?? '');
      if (sent !== undefined) latencies.push(performance.now() - sent);
      return Promise.resolve();
    },
  });
  await joined;
  // A new group starts at the end: what it has not fetched yet, until its first fetch, it would skip.
  await sleep(2000);
  const producer = publisherKafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const t0 = performance.now();
  try {
    await atRate(seconds, async () => {
      const data = sharedSubmission();
      const message = toKafkaMessage(
        {
          id: uuidv7(),
          source: eventSource(PUBLISHER, 'submissions'),
          type: EVENT_TYPES.submissionPublished,
          time: eventTime(),
          subject: data.id,
          dataclassification: 'public',
          data,
        },
        signer,
      );
      sentAt.set(data.id, performance.now());
      await producer.send({ topic: RAW_TOPIC, acks: -1, messages: [message] });
    });
    await waitFor(`${sentAt.size} events to cross to ${READER}`, () => Promise.resolve(latencies.length >= sentAt.size ? true : undefined));
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
  return sampleOf(latencies, performance.now() - t0);
}

async function serviceRound(seconds = SECONDS): Promise<Sample> {
  // Each round's polls scan only what it publishes.
  await catalog.deleteMany({});
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  const t0 = performance.now();
  let sending = true;
  let giveUpAt = Infinity;
  const poller = (async () => {
    while ((sending || appendedAt.size > 0) && performance.now() < giveUpAt) {
      const pending = [...appendedAt.keys()];
      if (pending.length > 0) {
        const seen = await catalog.find({ _id: { $in: pending.map((id) => `${PUBLISHER}:${id}`) } }, { projection: { _id: 1 } }).toArray();
        const now = performance.now();
        for (const { _id } of seen) {
          const id = _id.slice(PUBLISHER.length + 1);
          latencies.push(now - appendedAt.get(id)!);
          appendedAt.delete(id);
        }
      }
      await sleep(POLL_MS);
    }
  })();
  await atRate(seconds, async () => {
    const data = sharedSubmission();
    const at = performance.now();
    await store.append({
      subject: data.id,
      version: data.version,
      type: EVENT_TYPES.submissionPublished,
      deliveries: [{ topic: SHARED_SUBMISSIONS, dataclassification: dataClassification(EVENT_TYPES.submissionPublished, 'shared', 'trilateral'), data }],
    });
    published.push(data);
    appendedAt.set(data.id, at);
  });
  sending = false;
  giveUpAt = performance.now() + ARRIVAL_TIMEOUT_MS;
  await poller;
  const now = performance.now();
  for (const at of appendedAt.values()) latencies.push(now - at);
  undelivered += appendedAt.size;
  return sampleOf(latencies, now - t0);
}

function sharedSubmission(): SharedSubmissionData {
  return { ...SHARED_EXAMPLE, id: uuidv7(), country: PUBLISHER, version: 1 };
}

/**
 * Withdraws what the service rounds published, as the submissions service would (the
 * withdrawal, then a tombstone), straight to mx's shared topic: us's catalog drops each, and
 * compaction forgets them. Not through the outbox, which may still be far behind.
 */
async function withdrawAll(): Promise<void> {
  const producer = publisherKafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < published.length; i += 500) {
      const messages = published.slice(i, i + 500).flatMap(({ id }) => {
        const data = {
          ...EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionWithdrawn].shared,
          id,
          country: PUBLISHER,
          version: 2,
          reason: 'A benchmark’s submission.',
        };
        const type = EVENT_TYPES.submissionWithdrawn;
        const event = { id: uuidv7(), source: eventSource(PUBLISHER, 'submissions'), type, time: eventTime(), subject: id, data };
        return [toKafkaMessage({ ...event, dataclassification: dataClassification(type, 'shared', 'trilateral') }, signer), tombstoneOf(event)];
      });
      await producer.send({ topic: SHARED_SUBMISSIONS, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

if (!existsSync(SUBMISSIONS_MAIN)) throw new Error(`${SUBMISSIONS_MAIN} is missing: build it (npm run bench builds it first)`);
const started = await enginesUp([PUBLISHER, READER], { owner: process.pid, log: () => undefined });
const publisherKafka = createKafka({ brokers: [kafkaBrokers(PUBLISHER)], clientId: 'bench-crossborder', log: () => undefined });
const readerKafka = createKafka({ brokers: [kafkaBrokers(READER)], clientId: 'bench-crossborder', log: () => undefined });
const [publisherAdmin, readerAdmin] = [publisherKafka.admin(), readerKafka.admin()];
await Promise.all([publisherAdmin.connect(), readerAdmin.connect()]);
// The local federation's own keys: us's service trusts mx's, as the federation's nodes do.
const signer = await loadOrCreateEventSigner(federation.secretsDir, PUBLISHER);
const publisherDb = await mongoose.createConnection(ferretdb(PUBLISHER)).asPromise();
const readerDb = await mongoose.createConnection(ferretdb(READER)).asPromise();
const catalog = readerDb.collection<{ _id: string }>('catalog');
const store = new EventStore({ connection: publisherDb, service: 'submissions' });
const relay = new OutboxRelay({
  store,
  country: PUBLISHER,
  brokers: [kafkaBrokers(PUBLISHER)],
  signer,
  registry: new Registry(),
  logger: { log: () => undefined, warn: () => undefined, debug: () => undefined, error: () => undefined },
});
const published: SharedSubmissionData[] = [];
/** Submissions of the measured rounds that had not reached the catalog when their round gave up waiting. */
let undelivered = 0;
const reader = await startServer('crossborder-submissions', [SUBMISSIONS_MAIN], {
  NODE_COUNTRY: READER,
  FEDERATION_PEERS: PUBLISHER,
  PORT: '0',
  KAFKA_BROKERS: kafkaBrokers(READER),
  MONGODB_URI: ferretdb(READER),
  NAPERJ_SECRETS_DIR: federation.secretsDir,
  LOG_LEVEL: 'info',
});

try {
  await waitForReady(reader);
  await provisionTopics(publisherAdmin, [{ name: RAW_TOPIC, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 }]);
  await waitFor(
    `MirrorMaker to create ${RAW_TOPIC} in ${READER}`,
    async () => ((await readerAdmin.listTopics()).includes(RAW_TOPIC) ? true : undefined),
    120_000,
  );
  // The catalog's group resumes where the local federation's left it: what is left first.
  const catalogGroup = `${READER}.submissions.peer-catalog`;
  await waitFor(
    `${catalogGroup} to read ${SHARED_SUBMISSIONS} to its end`,
    async () =>
      (await readerAdmin.listTopics()).includes(SHARED_SUBMISSIONS) && (await consumerLag(readerAdmin, catalogGroup, [SHARED_SUBMISSIONS])).lag === 0n
        ? true
        : undefined,
    600_000,
  );
  relay.start();
  // Warm-up: connections, the relay's producer, each path's first crossing.
  await rawRound(WARMUP_SECONDS);
  await serviceRound(WARMUP_SECONDS);
  undelivered = 0;
  const raw: Sample[] = [];
  const service: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      raw.push(await rawRound());
      service.push(await serviceRound());
    } else {
      service.push(await serviceRound());
      raw.push(await rawRound());
    }
    const brief = (s: Sample) => `p50 ${Math.round(s.latency!.p50)} ms, p99 ${Math.round(s.latency!.p99)} ms`;
    console.log(`round ${round + 1}/${ROUNDS}: raw ${brief(raw[round]!)}; service ${brief(service[round]!)}`);
  }
  const p99 = (samples: Sample[]) => median(samples.map((s) => s.latency!.p99));
  report(
    'crossborder',
    {
      ratePerSecond: RATE,
      secondsPerRound: SECONDS,
      rounds: ROUNDS,
      from: PUBLISHER,
      to: READER,
      catalogPollMs: POLL_MS,
      arrivalTimeoutS: ARRIVAL_TIMEOUT_MS / 1000,
      notInTheCatalogWithinTheTimeout: undelivered,
      mirrorMakerRefreshS: federation.mirrorMaker.refreshTopicsIntervalSeconds,
      database: 'FerretDB 1.24 (SQLite)',
    },
    [
      { name: 'raw produce → MirrorMaker 2 → consume', samples: raw },
      { name: 'outbox relay → MirrorMaker 2 → us catalog', samples: service },
    ],
    { 'service − raw (p99 overhead, s)': (p99(service) - p99(raw)) / 1000, 'service / raw (p99)': p99(service) / p99(raw) },
  );
} finally {
  // The relay first: what it has not published yet never reaches anyone once its database is dropped.
  await relay.stop();
  await withdrawAll().catch((error: unknown) => console.error(`the bench's submissions were not all withdrawn: ${String(error)}`));
  await reader.stop();
  await Promise.all([publisherDb.dropDatabase(), readerDb.dropDatabase()]).catch(() => undefined);
  await Promise.all([publisherDb.close(), readerDb.close(), publisherAdmin.disconnect(), readerAdmin.disconnect()]);
  if (started.length > 0) await stopProcesses(started);
}
