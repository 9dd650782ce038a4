/** Apache Kafka (KRaft, single node per country) from Maven Central jars. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import { cached, contentKey } from './cache.mts';
import { type Federation, describedCountry, federationCountries, loadOrCreatePeerPassword, peerCaCertificateFile, sharedTopicPrefix } from './federation.mts';
import { CACHE_DIR, REPO_ROOT, dataDir } from './paths.mts';
import { brokerKeystoreFile, ensurePeerTls } from './peer-tls.mts';
import { requireTool } from './prerequisites.mts';
import { type ManagedProcess, findManaged, run, spawnManaged, stopManaged, waitUntilReady } from './processes.mts';
import { type Country, nodeTopology } from './topology.mts';

const POM = join(REPO_ROOT, 'deploy/local/kafka/pom.xml');
const LOG4J_CONFIG = join(REPO_ROOT, 'deploy/local/kafka/log4j2.properties');
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 30_000;
/** How peers authenticate: the strongest SCRAM variant Kafka offers. */
const SCRAM_MECHANISM = 'SCRAM-SHA-512';
const SCRAM_ITERATIONS = 8192;

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

function serverProperties(federation: Federation, country: Country, logDir: string): string {
  const { kafkaClientPort, kafkaControllerPort, kafkaPeerPort } = nodeTopology(country);
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${kafkaControllerPort}`,
    `listeners=LOCAL://127.0.0.1:${kafkaClientPort},CONTROLLER://127.0.0.1:${kafkaControllerPort},PEERS://127.0.0.1:${kafkaPeerPort}`,
    `advertised.listeners=LOCAL://127.0.0.1:${kafkaClientPort},PEERS://127.0.0.1:${kafkaPeerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=LOCAL',
    'listener.security.protocol.map=LOCAL:PLAINTEXT,CONTROLLER:PLAINTEXT,PEERS:SASL_SSL',
    // Other countries' MirrorMakers: SCRAM over TLS, with a certificate this country's own CA
    // signed (peer-tls.mts); each user may read this node's shared topics only (ensurePeerAccess).
    'listener.name.peers.ssl.keystore.type=PEM',
    `listener.name.peers.ssl.keystore.location=${brokerKeystoreFile(federation, country)}`,
    'listener.name.peers.ssl.client.auth=none',
    'listener.name.peers.sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.peers.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    // The loopback LOCAL and CONTROLLER listeners are plaintext, so the node's own services,
    // tools and the broker itself all connect as ANONYMOUS: that principal is the node's
    // own. A peer authenticates on PEERS and is never ANONYMOUS.
    'super.users=User:ANONYMOUS',
    'allow.everyone.if.no.acl.found=false',
    `log.dirs=${logDir}`,
    // Topics are provisioned explicitly at node start (docs/architecture.md, Topics).
    'auto.create.topics.enable=false',
    // One broker: every topic has a single replica, and a write needs only that one
    // (production clusters: docs/architecture.md, Topics).
    'default.replication.factor=1',
    'min.insync.replicas=1',
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

/**
 * Whether a running broker was started with the configuration this checkout would give it
 * (false, for instance, for a broker started before the peers listener existed).
 */
export function kafkaConfigIsCurrent(federation: Federation, country: Country): boolean {
  const dir = dataDir(country, 'kafka');
  const propertiesFile = join(dir, 'server.properties');
  return existsSync(propertiesFile) && readFileSync(propertiesFile, 'utf8') === serverProperties(federation, country, join(dir, 'log'));
}

/**
 * Creates the peers listener's certificates and formats storage on first start, with the
 * SCRAM users of the federation's peers, then starts the broker+controller in the background.
 * Storage formatted before the listener took TLS serves as it is: only the configuration changed.
 */
export function startKafka(libs: string, federation: Federation, country: Country): ManagedProcess {
  const dir = dataDir(country, 'kafka');
  const logDir = join(dir, 'log');
  const propertiesFile = join(dir, 'server.properties');
  mkdirSync(dir, { recursive: true });
  ensurePeerTls(federation, country);
  writeFileSync(propertiesFile, serverProperties(federation, country, logDir));
  if (!existsSync(join(logDir, 'meta.properties'))) {
    const clusterId = java(libs, 'kafka.tools.StorageTool', ['random-uuid']).trim();
    // Users created with the storage cost no extra JVM start (ensurePeerAccess would need
    // one per user). The passwords are on this short-lived command line: local runs only.
    const users = peerCredentials(federation, country);
    const scram = users.flatMap(({ user, password }) => [
      '--add-scram',
      `${SCRAM_MECHANISM}=[name=${user},iterations=${SCRAM_ITERATIONS},password=${password}]`,
    ]);
    try {
      java(libs, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propertiesFile, '-g', ...scram]);
    } catch (error) {
      throw new Error(users.reduce((message, { password }) => message.replaceAll(password, '***'), (error as Error).message));
    }
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

/**
 * Lets every other country of the federation read this node's shared topics through the
 * peers listener, and nothing else: a SCRAM user per peer MirrorMaker, and ACLs on the
 * prefixed resource `<cc>.shared.` (READ, DESCRIBE, DESCRIBE_CONFIGS). MirrorMaker's source
 * consumer assigns partitions itself and commits nothing to the source, so it needs no
 * consumer-group ACL.
 *
 * Idempotent, and it repairs: a user whose password does not authenticate (a cluster
 * formatted before the user existed, a regenerated password) is (re)created through the
 * admin API; ACLs that exist are left as they are. Returns the users it (re)created.
 */
export async function ensurePeerAccess(libs: string, federation: Federation, country: Country): Promise<string[]> {
  const users = peerCredentials(federation, country);
  const stale = [];
  const ca = readFileSync(peerCaCertificateFile(federation, country), 'utf8');
  for (const credential of users) if (!(await peerAuthenticates(country, ca, credential))) stale.push(credential);
  await Promise.all(stale.map((credential) => upsertScramUser(libs, country, credential)));
  for (const credential of stale) {
    // The credential reaches the broker through the metadata log a moment after the call.
    const deadline = Date.now() + 10_000;
    while (!(await peerAuthenticates(country, ca, credential))) {
      if (Date.now() > deadline) throw new Error(`the SCRAM user ${credential.user} was created on ${country}'s cluster but does not authenticate`);
      await sleep(200);
    }
  }
  await withLocalAdmin(country, (admin) =>
    admin.createAcls({
      acl: users.flatMap(({ user }) =>
        [kafkajs.AclOperationTypes.READ, kafkajs.AclOperationTypes.DESCRIBE, kafkajs.AclOperationTypes.DESCRIBE_CONFIGS].map((operation) => ({
          resourceType: kafkajs.AclResourceTypes.TOPIC,
          resourceName: sharedTopicPrefix(country),
          resourcePatternType: kafkajs.ResourcePatternTypes.PREFIXED,
          principal: `User:${user}`,
          host: '*',
          operation,
          permissionType: kafkajs.AclPermissionTypes.ALLOW,
        })),
      ),
    }),
  );
  return stale.map(({ user }) => user);
}

interface ScramCredential {
  user: string;
  password: string;
}

/** The SCRAM user of every other country's MirrorMaker on `country`'s cluster. */
function peerCredentials(federation: Federation, country: Country): ScramCredential[] {
  return federationCountries(federation)
    .filter((peer) => peer !== country)
    .map((peer) => ({ user: describedCountry(federation, peer).mirrorUser, password: loadOrCreatePeerPassword(federation, peer, country) }));
}

/**
 * True when the credential authenticates on the peers listener, over TLS with the country's
 * CA as a peer connects; false on an authentication failure only.
 */
async function peerAuthenticates(country: Country, ca: string, { user, password }: ScramCredential): Promise<boolean> {
  const admin = new kafkajs.Kafka({
    clientId: 'naperj-engines',
    brokers: [`127.0.0.1:${nodeTopology(country).kafkaPeerPort}`],
    ssl: { ca: [ca] },
    sasl: { mechanism: 'scram-sha-512', username: user, password },
    logLevel: kafkajs.logLevel.NOTHING,
    // A broker that has just started takes its time over its first TLS handshakes.
    connectionTimeout: 10_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    return true;
  } catch (error) {
    if (error instanceof kafkajs.KafkaJSSASLAuthenticationError) return false;
    throw error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Creates or replaces a SCRAM user with Kafka's own ConfigCommand (kafkajs has no
 * AlterUserScramCredentials). The password goes through a file readable by this user
 * only, never through a command line.
 */
async function upsertScramUser(libs: string, country: Country, { user, password }: ScramCredential): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'naperj-scram-'));
  const configFile = join(dir, 'scram.properties');
  try {
    // A config file's value is taken as it is: no [brackets] as on the command line.
    writeFileSync(configFile, `${SCRAM_MECHANISM}=iterations=${SCRAM_ITERATIONS},password=${password}\n`, { mode: 0o600 });
    await runJava(libs, 'kafka.admin.ConfigCommand', [
      '--bootstrap-server',
      `127.0.0.1:${nodeTopology(country).kafkaClientPort}`,
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      user,
      '--add-config-file',
      configFile,
    ]).catch((error: Error) => {
      // ConfigCommand may echo what it could not parse: never the password into a log.
      throw new Error(`could not create the SCRAM user ${user} on ${country}'s cluster: ${error.message.replaceAll(password, '***')}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withLocalAdmin<T>(country: Country, work: (admin: kafkajs.Admin) => Promise<T>): Promise<T> {
  const admin = new kafkajs.Kafka({
    clientId: 'naperj-engines',
    brokers: [`127.0.0.1:${nodeTopology(country).kafkaClientPort}`],
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Runs a Kafka tool's main class to completion; rejects with its output when it fails. */
function runJava(libs: string, mainClass: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', javaArgs(libs, mainClass, args, '256m'), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${mainClass} failed (exit ${code}):\n${output}`))));
  });
}
