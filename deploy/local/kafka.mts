/** Apache Kafka (KRaft, single node per country) from Maven Central jars. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { cached, contentKey } from './cache.mts';
import { CACHE_DIR, REPO_ROOT, dataDir } from './paths.mts';
import { requireTool } from './prerequisites.mts';
import { type ManagedProcess, findManaged, run, spawnManaged, stopManaged, waitUntilReady } from './processes.mts';
import { type Country, nodeTopology } from './topology.mts';

const POM = join(REPO_ROOT, 'deploy/local/kafka/pom.xml');
const LOG4J_CONFIG = join(REPO_ROOT, 'deploy/local/kafka/log4j2.properties');
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 30_000;

export const kafkaProcessName = (country: Country): string => `${country}-kafka`;

export function kafkaVersion(): string {
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`no <kafka.version> in ${POM}`);
  return version;
}

/** Resolves the broker and MirrorMaker 2 jars once into the user cache; returns the folder. */
export async function ensureKafkaInstalled(log: (line: string) => void): Promise<string> {
  const libs = join(CACHE_DIR, `kafka-${kafkaVersion()}-${contentKey([POM])}`, 'libs');
  requireTool('java');
  return cached(libs, async (tmp) => {
    requireTool('mvn');
    log(`Fetching Apache Kafka ${kafkaVersion()} jars from Maven Central into ${libs} (first run only)…`);
    await run('mvn', ['-B', '-q', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`]);
    const jars = readdirSync(tmp);
    for (const expected of [/^kafka_2\.13-/, /^connect-mirror-\d/, /^slf4j-api-1\.7\./, /^log4j-slf4j-impl-/]) {
      if (!jars.some((jar) => expected.test(jar))) throw new Error(`Maven did not deliver a jar matching ${expected} into ${tmp}`);
    }
  });
}

/** JVM arguments for a Kafka main class with a small explicit heap (the default is ¼ of RAM). */
export function javaArgs(libs: string, mainClass: string, args: string[], maxHeap = '512m'): string[] {
  return [
    '-Xms128m',
    `-Xmx${maxHeap}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    join(libs, '*'),
    mainClass,
    ...args,
  ];
}

function serverProperties(country: Country, logDir: string): string {
  const { kafkaClientPort, kafkaControllerPort } = nodeTopology(country);
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaControllerPort}`,
    `listeners=LOCAL://127.0.0.1:${kafkaClientPort},CONTROLLER://127.0.0.1:${kafkaControllerPort}`,
    `advertised.listeners=LOCAL://127.0.0.1:${kafkaClientPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=LOCAL',
    'listener.security.protocol.map=LOCAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    // Topics are provisioned explicitly at node start (ARCHITECTURE.md §4).
    'auto.create.topics.enable=false',
    // One broker: every internal topic has a single replica.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Otherwise the first consumer of a group waits seconds for its first assignment.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** Formats storage on first start, then starts the broker+controller in the background. */
export function startKafka(libs: string, country: Country): ManagedProcess {
  const dir = dataDir(country, 'kafka');
  const logDir = join(dir, 'log');
  const propertiesFile = join(dir, 'server.properties');
  mkdirSync(dir, { recursive: true });
  writeFileSync(propertiesFile, serverProperties(country, logDir));
  if (!existsSync(join(logDir, 'meta.properties'))) {
    const clusterId = java(libs, 'kafka.tools.StorageTool', ['random-uuid']).trim();
    java(libs, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propertiesFile, '-g']);
  }
  return spawnManaged(kafkaProcessName(country), 'java', javaArgs(libs, 'kafka.Kafka', [propertiesFile]), {
    marker: propertiesFile,
  });
}

function java(libs: string, mainClass: string, args: string[]): string {
  const result = spawnSync('java', javaArgs(libs, mainClass, args, '256m'), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${mainClass} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Ready when the broker answers a metadata request and names an active controller. */
export async function waitForKafka(managed: ManagedProcess, country: Country): Promise<void> {
  await waitUntilReady(managed, () => kafkaAnswers(country), READY_TIMEOUT_MS);
}

export async function kafkaAnswers(country: Country): Promise<boolean> {
  const kafka = new kafkajs.Kafka({
    clientId: 'naperj-engines',
    brokers: [`127.0.0.1:${nodeTopology(country).kafkaClientPort}`],
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export const isKafkaRunning = (country: Country): boolean => findManaged(kafkaProcessName(country)) !== undefined;
export const stopKafka = (country: Country): Promise<boolean> => stopManaged(kafkaProcessName(country), STOP_GRACE_MS);
