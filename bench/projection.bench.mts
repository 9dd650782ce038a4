/**
 * Reporting's consumption of submission events vs a raw kafkajs consumer that parses the same
 * messages and upserts one document per submission into the same FerretDB, in the same run (B3).
 *
 * The bench's node is `ca` on the mx engines, whose private submissions topic nobody else
 * writes: it is filled with drafted events until it holds BENCH_EVENTS of them. Each round,
 * the raw consumer reads the topic from its start with a new group; then the reporting service
 * starts as a process with a new database, whose first read-model generation reads the topic
 * from its start too, and is timed from its group's join until its lag is zero. Rounds
 * alternate which goes first. Last, the rebuild command (`npm run reporting:rebuild`) rebuilds
 * that database's read models from the topic, and its duration is reported.
 */
import { EVENT_DATA_EXAMPLES, EVENT_TYPES, nodeTopics, peerSharedTopics, privateEventsTopic, type SubmissionData } from '@naperj/contracts';
import { createKafka, eventSource, eventTime, fromKafkaMessage, loadOrCreateEventSigner, provisionTopics, toKafkaMessage } from '@naperj/messaging';
import { type Admin, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { enginesDown, enginesStatus, enginesUp } from '../deploy/local/engines.mts';
import { REPO_ROOT } from '../deploy/local/paths.mts';
import { kafkaBrokers, nodeTopology } from '../deploy/local/topology.mts';
import { consumerLag } from '../services/reporting/dist/read-models/consumer-lag.js';
import { type BenchServer, devToken, metricsOf, startServer, waitForReady } from './bench-server.mts';
import { commandsPerItem, databaseCommandsOf, median, pollUntil, ratePerSecond, report, type Sample } from './measure.mts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ENGINES = 'mx';
const NODE = 'ca';
const PEER = 'us';
const TOPIC = privateEventsTopic(NODE, 'submissions');
const FERRETDB = `mongodb://127.0.0.1:${nodeTopology(ENGINES).ferretdbPort}`;
const SERVICE_DB = 'naperj-bench-projection';
const BASELINE_DB = 'naperj-bench-projection-baseline';
const REPORTING = join(REPO_ROOT, 'services/reporting/dist');
/** What the reporting service runs with: kafkajs' default of the kit's event server. */
const PARTITIONS_AT_ONCE = 4;
const CATCH_UP_TIMEOUT_MS = Number(process.env.BENCH_CATCH_UP_TIMEOUT_S ?? 1800) * 1000;
const POLL_MS = 100;

/** Adds drafted submissions of NODE to TOPIC until it holds `events` messages; returns what it holds. */
async function fillTopic(admin: Admin, events: number, secretsDir: string): Promise<number> {
  const held = await messagesIn(admin);
  if (held >= events) return held;
  const signer = await loadOrCreateEventSigner(secretsDir, NODE);
  const source = eventSource(NODE, 'submissions');
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let sent = held; sent < events;) {
      const messages = Array.from({ length: Math.min(500, events - sent) }, () => {
        const data: SubmissionData = { ...EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionDrafted].private, id: uuidv7(), country: NODE, version: 1 };
        return toKafkaMessage(
          { id: uuidv7(), source, type: EVENT_TYPES.submissionDrafted, time: eventTime(), subject: data.id, dataclassification: 'internal', data },
          signer,
        );
      });
      await producer.send({ topic: TOPIC, acks: -1, messages });
      sent += messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return messagesIn(admin);
}

async function messagesIn(admin: Admin): Promise<number> {
  return (await admin.fetchTopicOffsets(TOPIC)).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}

/** A new group reads TOPIC from its start, parses each message and upserts its submission's state; timed until it has read `messages`. */
async function rawRound(messages: number): Promise<Sample> {
  const states = baselineDb.collection<{ _id: string }>('submission_states');
  await states.drop().catch(() => undefined);
  const consumer = kafka.consumer({ groupId: `bench.projection.raw-${uuidv7()}`, maxWaitTimeInMs: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let read = 0;
  let markDone!: () => void;
  const done = new Promise<void>((resolve) => (markDone = resolve));
  const t0 = performance.now();
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    eachMessage: async ({ message }) => {
      const decoded = fromKafkaMessage(message);
      if (!decoded.ok) throw new Error(`an undecodable message in ${TOPIC}: ${decoded.reason}`);
      const { event } = decoded.decoded;
      const { version, status, actionAreas } = event.data as SubmissionData;
      await states.replaceOne({ _id: `${NODE}:${event.subject}` }, { version, status, actionAreas }, { upsert: true });
      if (++read === messages) markDone();
    },
  });
  await done;
  const ms = performance.now() - t0;
  await consumer.disconnect();
  const stored = await states.countDocuments();
  if (stored !== messages) throw new Error(`the raw consumer stored ${stored} states for ${messages} submissions`);
  return { count: messages, ms };
}

/**
 * The reporting service with a new database: its first generation's group is timed from its
 * join until it has read TOPIC to the end. Returns the database commands of the whole service
 * per message, as its metrics count them.
 */
async function serviceRound(messages: number, secretsDir: string, authorization: string): Promise<Sample & { commands: Record<string, number> }> {
  await serviceDb.dropDatabase();
  const groupsBefore = new Set((await admin.listGroups()).groups.map(({ groupId }) => groupId));
  const server = await startServer('projection-reporting', [join(REPORTING, 'main.js')], reportingEnv(secretsDir));
  try {
    await waitForReady(server);
    const before = databaseCommandsOf(await metricsOf(server, authorization));
    const groupId = await poll('the read models’ group to join', async () =>
      (await admin.listGroups()).groups.map(({ groupId }) => groupId).find((id) => id.startsWith(`${NODE}.reporting.indicators-`) && !groupsBefore.has(id)),
    );
    const t0 = performance.now();
    await poll(`${groupId} to read ${TOPIC} to its end`, async () => ((await consumerLag(admin, groupId, [TOPIC])).lag === 0n ? true : undefined));
    const ms = performance.now() - t0;
    const commands = commandsPerItem(before, databaseCommandsOf(await metricsOf(server, authorization)), messages);
    await checkCounted(server, authorization, messages);
    return { count: messages, ms, commands };
  } finally {
    await server.stop();
  }
}

/** Every message of TOPIC is a draft of the example's action areas: the indicators must count each, in each of them. */
async function checkCounted(server: BenchServer, authorization: string, messages: number): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/indicators?country=${NODE}`, { headers: { authorization } });
  const { items } = (await response.json()) as { items: { actionArea: string; submissionsByStatus: { draft: number } | null }[] };
  const drafts = items
    .filter(({ submissionsByStatus }) => (submissionsByStatus?.draft ?? 0) > 0)
    .map(({ actionArea, submissionsByStatus }) => `${actionArea} ${submissionsByStatus!.draft}`);
  const expected = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionDrafted].private.actionAreas.map((area) => `${area} ${messages}`);
  if (JSON.stringify(drafts.sort()) !== JSON.stringify(expected.sort())) {
    throw new Error(`reporting counts drafts ${JSON.stringify(drafts)}, not ${JSON.stringify(expected)}`);
  }
}

function poll<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  return pollUntil(what, probe, CATCH_UP_TIMEOUT_MS, POLL_MS);
}

function reportingEnv(secretsDir: string): NodeJS.ProcessEnv {
  return {
    NODE_COUNTRY: NODE,
    FEDERATION_PEERS: PEER,
    PORT: '0',
    KAFKA_BROKERS: kafkaBrokers(ENGINES),
    MONGODB_URI: `${FERRETDB}/${SERVICE_DB}`,
    NAPERJ_SECRETS_DIR: secretsDir,
    // Production's level: the logs are part of what the service costs.
    LOG_LEVEL: 'info',
  };
}

/** `npm run reporting:rebuild` on the service's database: the seconds it reports and the messages it read. */
async function rebuild(secretsDir: string): Promise<{ messages: number; seconds: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(REPORTING, 'read-models', 'rebuild.main.js'), '--timeout', String(CATCH_UP_TIMEOUT_MS / 1000)],
    { env: { PATH: process.env.PATH, ...reportingEnv(secretsDir), LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const done = /: (\d+) messages in ([\d.]+) s\./.exec(stdout);
  if (!done) throw new Error(`the rebuild did not report its figures:\n${stdout.slice(-2000)}`);
  return { messages: Number(done[1]), seconds: Number(done[2]) };
}

if (!existsSync(join(REPORTING, 'main.js'))) throw new Error(`${REPORTING}/main.js is missing: build it (npm run bench builds it first)`);
// Engines someone else runs are reused and left running: a watchdog owned by this process
// would stop them once the benchmark ends.
const enginesRunning = (await enginesStatus([ENGINES])).every((engine) => engine.ready);
const startedEngines = enginesRunning ? [] : await enginesUp([ENGINES], { owner: process.pid, log: () => undefined });
const kafka = createKafka({ brokers: [kafkaBrokers(ENGINES)], clientId: 'bench-projection', log: () => undefined });
const admin = kafka.admin();
await admin.connect();
const ferretdb = await mongoose.createConnection(FERRETDB).asPromise();
const serviceDb = ferretdb.useDb(SERVICE_DB);
const baselineDb = ferretdb.useDb(BASELINE_DB);
const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-bench-secrets-'));

try {
  await provisionTopics(admin, [...nodeTopics(NODE), ...peerSharedTopics([PEER])]);
  const messages = await fillTopic(admin, EVENTS, secretsDir);
  const authorization = `Bearer ${await devToken(secretsDir, NODE, ['operator'])}`;
  const raw: Sample[] = [];
  const service: (Sample & { commands: Record<string, number> })[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      raw.push(await rawRound(messages));
      service.push(await serviceRound(messages, secretsDir, authorization));
    } else {
      service.push(await serviceRound(messages, secretsDir, authorization));
      raw.push(await rawRound(messages));
    }
    console.log(`round ${round + 1}/${ROUNDS}: raw ${Math.round(ratePerSecond(raw[round]!))}/s, reporting ${Math.round(ratePerSecond(service[round]!))}/s`);
  }
  const rebuilt = await rebuild(secretsDir);
  const medianRate = (samples: Sample[]) => median(samples.map(ratePerSecond));
  report(
    'projection',
    {
      messages,
      rounds: ROUNDS,
      topic: TOPIC,
      partitionsAtOnce: PARTITIONS_AT_ONCE,
      database: 'FerretDB 1.24 (SQLite)',
      serviceLogLevel: 'info',
      rebuild: `${rebuilt.messages} messages in ${rebuilt.seconds} s (${Math.round(rebuilt.messages / rebuilt.seconds)}/s)`,
    },
    [
      { name: 'raw kafkajs consumer + upsert', samples: raw },
      { name: 'reporting read models', samples: service },
    ],
    { 'reporting / raw (rate)': medianRate(service) / medianRate(raw) },
    { 'reporting service, per message read': service.at(-1)!.commands },
  );
} finally {
  await Promise.all([serviceDb.dropDatabase(), baselineDb.dropDatabase()]).catch(() => undefined);
  await ferretdb.close();
  await admin.disconnect();
  rmSync(secretsDir, { recursive: true, force: true });
  if (startedEngines.length > 0) await enginesDown([ENGINES]);
}
