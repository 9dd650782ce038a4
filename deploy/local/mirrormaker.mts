/**
 * MirrorMaker 2, one process per country in pull mode: `<cc>-mirrormaker` copies its
 * peers' shared topics into its own cluster, with the configuration federation.mts
 * generates from deploy/federation/federation.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import { type Federation, GENERATED_DIR, describedCountry, loadOrCreatePeerPassword, mirrorMakerProperties } from './federation.mts';
import { javaArgs } from './kafka.mts';
import { type ManagedProcess, findManaged, spawnManaged, stopManaged, waitUntilReady } from './processes.mts';
import type { Country } from './topology.mts';

const MAIN_CLASS = 'org.apache.kafka.connect.mirror.MirrorMaker';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

export const mirrorMakerProcessName = (country: Country): string => `${country}-mirrormaker`;
const propertiesFile = (country: Country): string => join(GENERATED_DIR, country, 'mirrormaker.properties');

/**
 * MirrorMaker's Connect worker group for the flow out of `source`, in the target cluster:
 * its default name (`<source>-mm2`), which the generated configuration leaves as it is.
 */
const workerGroup = (source: Country): string => `${source}-mm2`;

export interface MirrorMakerStart {
  managed: ManagedProcess;
  /** A MirrorMaker that ran with another configuration was stopped for this one. */
  restarted: boolean;
}

/**
 * Starts `target`'s MirrorMaker pulling from `sources`, unless it already runs with exactly
 * this configuration; one that runs with another (say, fewer peers) is restarted, and so is
 * one whose passwords changed (`passwordsChanged`: it read them when it started). Returns
 * undefined when nothing had to start.
 *
 * A new configuration also drops the connector configurations the previous one stored in
 * the cluster: MirrorMaker starts its tasks from those before it rewrites them, so a task of
 * a MirrorMaker that read its peers without TLS would speak plaintext to a TLS listener
 * (and run out of memory reading the answer). The replication offsets stay.
 */
export async function ensureMirrorMaker(
  libs: string,
  federation: Federation,
  target: Country,
  sources: readonly Country[],
  passwordsChanged = false,
): Promise<MirrorMakerStart | undefined> {
  const file = propertiesFile(target);
  const properties = mirrorMakerProperties(federation, target, sources);
  const name = mirrorMakerProcessName(target);
  const running = findManaged(name) !== undefined;
  const unchanged = existsSync(file) && readFileSync(file, 'utf8') === properties;
  if (running && !passwordsChanged && unchanged) return undefined;
  if (running) await stopManaged(name, STOP_GRACE_MS);
  if (!unchanged) await dropStoredConnectorConfigs(federation, target);
  // MirrorMaker reads these through its DirectoryConfigProvider; a missing one would only
  // show up as an authentication failure in its log.
  for (const source of sources) loadOrCreatePeerPassword(federation, target, source);
  mkdirSync(join(GENERATED_DIR, target), { recursive: true });
  writeFileSync(file, properties);
  const managed = spawnManaged(name, 'java', javaArgs(libs, MAIN_CLASS, [file, '--clusters', target], federation.mirrorMaker.maxHeap), {
    marker: file,
  });
  return { managed, restarted: running };
}

/** Deletes the Connect config topics (`mm2-configs.<source>.internal`) of `target`'s stopped MirrorMaker; it creates them again. */
async function dropStoredConnectorConfigs(federation: Federation, target: Country): Promise<void> {
  const admin = new kafkajs.Kafka({
    clientId: 'naperj-engines',
    brokers: describedCountry(federation, target).clientBootstrapServers.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const stored = (await admin.listTopics()).filter((topic) => /^mm2-configs\..+\.internal$/.test(topic));
    if (stored.length === 0) return;
    await admin.deleteTopics({ topics: stored });
    // Deletion completes in the background: MirrorMaker must find the topics gone, not going.
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).some((topic) => stored.includes(topic))) {
      if (Date.now() > deadline) throw new Error(`${stored.join(', ')} still exist in ${target}'s cluster after their deletion`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function waitForMirrorMaker(managed: ManagedProcess, federation: Federation, target: Country, sources: readonly Country[]): Promise<void> {
  await waitUntilReady(managed, () => mirrorMakerAnswers(federation, target, sources), READY_TIMEOUT_MS);
}

/**
 * Ready when, in the target cluster, the Connect worker of every flow has joined its group:
 * MirrorMaker configures its connectors as soon as it has (and replicates a new peer topic
 * within refresh.topics.interval.seconds).
 */
export async function mirrorMakerAnswers(federation: Federation, target: Country, sources: readonly Country[]): Promise<boolean> {
  if (sources.length === 0) return false;
  const admin = new kafkajs.Kafka({
    clientId: 'naperj-engines',
    brokers: describedCountry(federation, target).clientBootstrapServers.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    // A fresh admin client knows only its seed broker: the group coordinator lookup
    // needs a metadata refresh, which one retry brings.
    retry: { retries: 2, initialRetryTime: 100 },
  }).admin();
  try {
    await admin.connect();
    const { groups } = await admin.describeGroups(sources.map(workerGroup));
    return groups.every((group) => group.state === 'Stable' && group.members.length > 0);
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The peers a running MirrorMaker pulls from, read back from its configuration. */
export function mirrorMakerSources(target: Country): Country[] {
  if (!findManaged(mirrorMakerProcessName(target)) || !existsSync(propertiesFile(target))) return [];
  const clusters = /^clusters = (.*)$/m.exec(readFileSync(propertiesFile(target), 'utf8'))?.[1] ?? '';
  return clusters.split(', ').filter((c) => c !== target) as Country[];
}
