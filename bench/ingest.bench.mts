/**
 * `POST /api/v1/submissions` through the full submissions service (auth, validation,
 * throttling, request logs, metrics, traces, the draft and its event in the outbox, the
 * relay publishing it) vs the bare NestJS + mongoose endpoint of ingest-baseline.mts that
 * inserts the same document into the same FerretDB, in the same run.
 *
 * Each server is a process of its own with a database of its own; autocannon drives both
 * from this process with the same request, connections and number of requests. Rounds
 * alternate which goes first. Any answer but 201 aborts the run with the statuses counted.
 * Reports median requests/s, p50 and p99 latency and resident memory (idle, and its peak under
 * the rounds) per series, the service's database commands per draft, and service/baseline ratios.
 * Nothing is measured before the service's consumers have caught up with the node's topics.
 * Then the service alone takes its maximum sustained ingest for BENCH_BACKLOG_SECONDS, while the
 * outbox backlog is sampled: whether it stays bounded, its peak, and how long it takes to drain.
 */
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { enginesDown, enginesStatus, enginesUp } from '../deploy/local/engines.mts';
import { REPO_ROOT } from '../deploy/local/paths.mts';
import { type BenchServer, devToken, metricsOf, rssMb, startServer, waitForReady } from './bench-server.mts';
import { kafkaBrokers, nodeTopology } from '../deploy/local/topology.mts';
import { type CommandCounts, commandsPerItem, databaseCommandsOf, median, percentile, ratePerSecond, report, type Sample } from './measure.mts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_REQUESTS = 100;
const COUNTRY = 'mx';
const FERRETDB = `mongodb://127.0.0.1:${nodeTopology(COUNTRY).ferretdbPort}`;
// Databases of their own, so the benchmark never touches the node's `naperj` data.
const SERVICE_DB = 'naperj-bench-ingest';
const BASELINE_DB = 'naperj-bench-ingest-baseline';
const SUBMISSIONS_MAIN = join(REPO_ROOT, 'services/submissions/dist/main.js');
const REQUEST_TIMEOUT_S = 10;
const DRAIN_TIMEOUT_MS = 120_000;
const IDLE_MS = 5000;
/** B2's second goal: the outbox backlog under the service's maximum sustained ingest, this long. */
const BACKLOG_SECONDS = Number(process.env.BENCH_BACKLOG_SECONDS ?? 60);
const BACKLOG_SAMPLE_MS = 2000;
const BACKLOG_DRAIN_TIMEOUT_MS = 300_000;
const CATCH_UP_TIMEOUT_MS = 900_000;

const BODY = JSON.stringify({
  kind: 'practice',
  title: { es: 'Promotoras comunitarias de salud', en: 'Community health promoters' },
  summary: {
    es: 'Una red de promotoras acompaña a las familias en su lengua materna.',
    en: 'A network of promoters accompanies families in their mother tongue.',
  },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sdgTargets: ['10.2', '3.8'],
  frameworks: ['sdg'],
  sharing: 'trilateral',
});

/** The highest resident memory of each server while `work` runs, sampled every 100 ms, in MB. */
async function peakRssMb<T>(servers: BenchServer[], work: () => Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = servers.map((server) => rssMb(server.pid));
  const sampler = setInterval(() => servers.forEach((server, i) => (peaks[i] = Math.max(peaks[i]!, rssMb(server.pid)))), 100);
  try {
    return { result: await work(), peaks };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * POSTs BODY over CONNECTIONS keep-alive connections, each sending its next request once
 * answered, for `amount` requests or `duration` seconds; `onResponse` sees each answer.
 */
function postDrafts(
  server: BenchServer,
  headers: Record<string, string>,
  until: { amount: number } | { duration: number },
  onResponse: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: `${server.url}/api/v1/submissions`,
        method: 'POST',
        headers,
        body: BODY,
        connections: CONNECTIONS,
        timeout: REQUEST_TIMEOUT_S,
        // A refused or reset connection ends the run instead of being retried forever.
        bailout: 1,
        ...until,
      },
      (error: Error | null, result) => (error ? reject(error) : resolve(result)),
    );
    run.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/** Sends `requests` POSTs; every answer must be 201. */
async function load(server: BenchServer, requests: number, headers: Record<string, string>): Promise<Sample> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let lastResponse = 0;
  const t0 = performance.now();
  // autocannon's own histogram has whole milliseconds, and its run ends only at the next 1 s
  // sampling tick: the times are taken per response here instead.
  const result = await postDrafts(server, headers, { amount: requests }, (status, ms) => {
    latencies.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    lastResponse = performance.now();
  });
  const unexpected = [...statuses].filter(([status]) => status !== 201);
  if (unexpected.length > 0 || result.errors > 0) {
    const answered = [...statuses].map(([status, n]) => `${status} ×${n}`).join(', ') || 'nothing';
    const example = await fetch(`${server.url}/api/v1/submissions`, { method: 'POST', headers, body: BODY })
      .then(async (r) => `${r.status} ${await r.text()}`)
      .catch((error: unknown) => String(error));
    throw new Error(
      `${server.name} answered ${answered} to ${requests} requests (${result.errors} errors, of which ${result.timeouts} had no answer within ${REQUEST_TIMEOUT_S} s); ` +
        `every one must be 201.\nOne more request answered: ${example.slice(0, 600)}\nLog: ${server.log}`,
    );
  }
  return { count: requests, ms: lastResponse - t0, latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) } };
}

/**
 * Waits until the service's relay has published an event for every accepted draft, so
 * that its publishing never runs during a baseline round.
 */
async function waitForRelay(server: BenchServer, accepted: number, authorization: string): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let published = 0;
  while (Date.now() < deadline) {
    published = await publishedCount(server, authorization);
    if (published >= accepted) return;
    await sleep(100);
  }
  throw new Error(`${server.name}'s relay published ${published} events for ${accepted} drafts within ${DRAIN_TIMEOUT_MS / 1000} s; see ${server.log}`);
}

/**
 * Until the service's consumers have applied what their topics held: a new database replays
 * the node's topics, which keep every earlier run's drafts, and that work must not be measured
 * as idle memory or as ingest.
 */
async function waitForConsumers(server: BenchServer, authorization: string): Promise<void> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  let caughtUpOnce = false;
  while (Date.now() < deadline) {
    const lags = [...(await metricsOf(server, authorization)).matchAll(/^naperj_consumer_lag\{[^}]*\} (\S+)$/gm)].map((m) => Number(m[1]));
    const caughtUp = lags.every((lag) => lag === 0);
    // Twice in a row, a second apart: a partition not fetched yet has no lag to show.
    if (caughtUp && caughtUpOnce) return;
    caughtUpOnce = caughtUp;
    await sleep(1000);
  }
  throw new Error(`${server.name}'s consumers did not catch up within ${CATCH_UP_TIMEOUT_MS / 1000} s; see ${server.log}`);
}

/** Events the service's relay has published since it started. */
async function publishedCount(server: BenchServer, authorization: string): Promise<number> {
  const metrics = await metricsOf(server, authorization);
  return [...metrics.matchAll(/^naperj_outbox_published_total(?:\{[^}]*\})? (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

interface Backlog {
  /** Drafts accepted and events not yet published, every BACKLOG_SAMPLE_MS from the start of the load. */
  samples: { seconds: number; accepted: number; backlog: number }[];
  /** From the end of the load until the relay had published every draft; null when it had not within BACKLOG_DRAIN_TIMEOUT_MS. */
  drainSeconds: number | null;
  /** Events still unpublished when the drain was given up; 0 once drained. */
  leftAfterDrain: number;
  /** Drafts accepted during the load. */
  accepted: number;
}

/**
 * Keeps CONNECTIONS requests in flight for BACKLOG_SECONDS, the service's maximum sustained
 * ingest, and samples the backlog: drafts accepted since the service started (`accepted0`
 * before the load) minus events its relay published.
 */
async function backlogUnderLoad(server: BenchServer, headers: Record<string, string>, accepted0: number): Promise<Backlog> {
  let accepted = accepted0;
  const samples: Promise<Backlog['samples'][number]>[] = [];
  const t0 = performance.now();
  const sampler = setInterval(() => {
    const at = { seconds: Math.round((performance.now() - t0) / 1000), accepted };
    samples.push(publishedCount(server, headers.authorization!).then((published) => ({ ...at, backlog: at.accepted - published })));
  }, BACKLOG_SAMPLE_MS);
  try {
    await postDrafts(server, headers, { duration: BACKLOG_SECONDS }, (status) => {
      if (status === 201) accepted += 1;
    });
  } finally {
    clearInterval(sampler);
  }
  const loadEnded = performance.now();
  let left = accepted - (await publishedCount(server, headers.authorization!));
  while (left > 0 && performance.now() - loadEnded < BACKLOG_DRAIN_TIMEOUT_MS) {
    await sleep(1000);
    left = accepted - (await publishedCount(server, headers.authorization!));
  }
  const drainSeconds = left > 0 ? null : Math.round((performance.now() - loadEnded) / 100) / 10;
  return { samples: await Promise.all(samples), drainSeconds, leftAfterDrain: Math.max(0, left), accepted: accepted - accepted0 };
}

/** Bounded when, over the load's second half, the backlog grew by less than a twentieth of what was accepted then. */
function isBounded({ samples }: Backlog): boolean {
  const half = samples.findIndex(({ seconds }) => seconds >= BACKLOG_SECONDS / 2);
  const [middle, last] = [samples[half], samples.at(-1)];
  if (middle === undefined || last === undefined || last === middle) return false;
  return last.backlog - middle.backlog < (last.accepted - middle.accepted) / 20;
}

const brief = (sample: Sample) => `${Math.round(ratePerSecond(sample))}/s p99 ${Math.round(sample.latency!.p99)} ms`;

if (!existsSync(SUBMISSIONS_MAIN)) throw new Error(`${SUBMISSIONS_MAIN} is missing: build it (npm run bench builds it first)`);
const loadAverage = loadavg()[0]!;
// Engines someone else runs are reused and left running: a watchdog owned by this process
// would stop them once the benchmark ends.
const enginesRunning = (await enginesStatus([COUNTRY])).every((engine) => engine.ready);
const startedEngines = enginesRunning ? [] : await enginesUp([COUNTRY], { owner: process.pid, log: () => undefined });
const ferretdb = await mongoose.createConnection(FERRETDB).asPromise();
const dropDatabases = () => Promise.all([SERVICE_DB, BASELINE_DB].map((name) => ferretdb.useDb(name).dropDatabase()));
const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-bench-secrets-'));
const servers: BenchServer[] = [];

try {
  await dropDatabases(); // what an interrupted run may have left
  const token = await devToken(secretsDir, COUNTRY, ['submitter', 'operator']);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const baseline = await startServer('ingest-baseline', [join(import.meta.dirname, 'ingest-baseline.mts')], {
    PORT: '0',
    MONGODB_URI: `${FERRETDB}/${BASELINE_DB}`,
  });
  servers.push(baseline);
  // BENCH_CPU_PROF=1 profiles the service: V8 writes the profile to .run/profiles when it stops.
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, '.run', 'profiles')}`] : [];
  const service = await startServer('ingest-submissions', [...profile, SUBMISSIONS_MAIN], {
    NODE_COUNTRY: COUNTRY,
    PORT: '0',
    KAFKA_BROKERS: kafkaBrokers(COUNTRY),
    MONGODB_URI: `${FERRETDB}/${SERVICE_DB}`,
    NAPERJ_SECRETS_DIR: secretsDir,
    // Production's level: the request log is part of what the full stack costs.
    LOG_LEVEL: 'info',
    // One caller sends every request; the per-caller write limit would answer 429.
    RATE_LIMIT_WRITES_PER_MINUTE: '999999',
  });
  servers.push(service);
  await waitForReady(service);
  await waitForConsumers(service, headers.authorization);

  const baselineSamples: Sample[] = [];
  const serviceSamples: Sample[] = [];
  const commandsPerDraft: Record<string, number>[] = [];
  let accepted = 0;
  const runBaseline = async (requests: number) => load(baseline, requests, headers);
  const runService = async (requests: number) => {
    const before: CommandCounts = databaseCommandsOf(await metricsOf(service, headers.authorization));
    const sample = await load(service, requests, headers);
    accepted += requests;
    await waitForRelay(service, accepted, headers.authorization);
    commandsPerDraft.push(commandsPerItem(before, databaseCommandsOf(await metricsOf(service, headers.authorization)), requests));
    return sample;
  };
  // Warm-up: connections, JIT, mongoose models, FerretDB tables and the service's topics.
  await runBaseline(WARMUP_REQUESTS);
  await runService(WARMUP_REQUESTS);
  // Idle once warm, after a pause in which nothing is sent (B5 of the performance goals).
  await sleep(IDLE_MS);
  const idleRssMb = [rssMb(baseline.pid), rssMb(service.pid)];
  const { peaks: loadRssMb } = await peakRssMb([baseline, service], async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        baselineSamples.push(await runBaseline(REQUESTS));
        serviceSamples.push(await runService(REQUESTS));
      } else {
        serviceSamples.push(await runService(REQUESTS));
        baselineSamples.push(await runBaseline(REQUESTS));
      }
      console.log(`round ${round + 1}/${ROUNDS}: baseline ${brief(baselineSamples[round]!)}, service ${brief(serviceSamples[round]!)}`);
    }
  });

  const backlog = await backlogUnderLoad(service, headers, accepted);
  const peakBacklog = Math.max(...backlog.samples.map((sample) => sample.backlog));
  console.log(
    `backlog under ${BACKLOG_SECONDS} s of maximum ingest: ${backlog.samples.map(({ seconds, backlog: n }) => `${seconds}s ${n}`).join(', ')}; ` +
      (backlog.drainSeconds === null ? `${backlog.leftAfterDrain} left ${BACKLOG_DRAIN_TIMEOUT_MS / 1000} s after` : `drained ${backlog.drainSeconds} s after`),
  );

  const stored = await ferretdb.useDb(BASELINE_DB).collection('submissions').countDocuments();
  if (stored !== WARMUP_REQUESTS + ROUNDS * REQUESTS)
    throw new Error(`the baseline stored ${stored} drafts for ${WARMUP_REQUESTS + ROUNDS * REQUESTS} requests`);

  const medianOf = (samples: Sample[], pick: (s: Sample) => number) => median(samples.map(pick));
  report(
    'ingest',
    {
      requests: REQUESTS,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      warmupRequests: WARMUP_REQUESTS,
      loadGenerator: 'autocannon (closed loop, same process as the bench)',
      database: 'FerretDB 1.24 (SQLite)',
      serviceLogLevel: 'info',
      loadAverage1mAtStart: loadAverage,
      rssIdleMb: `baseline ${Math.round(idleRssMb[0]!)}, service ${Math.round(idleRssMb[1]!)}`,
      rssUnderLoadPeakMb: `baseline ${Math.round(loadRssMb[0]!)}, service ${Math.round(loadRssMb[1]!)}`,
      backlogSeconds: BACKLOG_SECONDS,
      backlogPeak: peakBacklog,
      backlogAtEnd: backlog.samples.at(-1)?.backlog,
      backlogAccepted: backlog.accepted,
      backlogDrainSeconds: backlog.drainSeconds ?? `over ${BACKLOG_DRAIN_TIMEOUT_MS / 1000} (${backlog.leftAfterDrain} left)`,
      backlogBounded: isBounded(backlog),
    },
    [
      { name: 'bare NestJS + mongoose', samples: baselineSamples },
      { name: 'submissions service', samples: serviceSamples },
    ],
    {
      'service / baseline (rate)': medianOf(serviceSamples, ratePerSecond) / medianOf(baselineSamples, ratePerSecond),
      'service / baseline (p50)': medianOf(serviceSamples, (s) => s.latency!.p50) / medianOf(baselineSamples, (s) => s.latency!.p50),
      'service / baseline (p99)': medianOf(serviceSamples, (s) => s.latency!.p99) / medianOf(baselineSamples, (s) => s.latency!.p99),
      'service / baseline (RSS idle)': idleRssMb[1]! / idleRssMb[0]!,
      'service / baseline (RSS under load, peak)': loadRssMb[1]! / loadRssMb[0]!,
    },
    // The last round's: the relay has published every draft, its idle polls counted too.
    { 'submissions service, per draft accepted and relayed': commandsPerDraft.at(-1)! },
  );
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await dropDatabases().catch(() => undefined);
  await ferretdb.close();
  rmSync(secretsDir, { recursive: true, force: true });
  if (startedEngines.length > 0) await enginesDown([COUNTRY]);
}
