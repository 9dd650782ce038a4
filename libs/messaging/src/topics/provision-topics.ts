import type { TopicSpec } from '@naperj/contracts';
import { type Admin, ConfigResourceTypes, ConfigSource, type IResourceConfig } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TopicConfigOptions, topicConfigEntries, toTopicConfig } from './topic-config';

/** The part of a connected kafkajs `Admin` that provisioning uses. */
export type TopicAdmin = Pick<Admin, 'listTopics' | 'createTopics' | 'fetchTopicMetadata' | 'fetchTopicOffsets' | 'describeConfigs' | 'alterConfigs'>;

export interface ProvisionTopicsOptions extends TopicConfigOptions {
  /** How long to wait for every partition to be served by its leader; 30 s by default. */
  timeoutMs?: number;
  /** Pause between metadata checks; 200 ms by default. */
  retryDelayMs?: number;
}

export interface ProvisionTopicsResult {
  created: string[];
  existing: string[];
  /** Existing topics whose settings differed from their specs and were brought in line. */
  aligned: string[];
}

/**
 * Creates the missing topics with their partitions, cleanup policy and retention,
 * then waits until the leader of every partition of every given topic serves it, and
 * gives an existing topic the settings of its spec that it lacks (a topic created before
 * a setting joined the specs keeps it otherwise). Safe to run again and from several
 * processes at once: a topic another process has just created is waited for too.
 */
export async function provisionTopics(
  admin: TopicAdmin,
  specs: readonly TopicSpec[],
  { timeoutMs = 30_000, retryDelayMs = 200, ...config }: ProvisionTopicsOptions = {},
): Promise<ProvisionTopicsResult> {
  const names = specs.map((spec) => spec.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new Error(`Topic ${duplicate} is specified twice`);
  }
  if (specs.length === 0) {
    return { created: [], existing: [], aligned: [] };
  }

  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.name));
  if (missing.length > 0) {
    // kafkajs answers `false` rather than throwing when another process created
    // the topics first. Its own leader wait is skipped: on KRaft, metadata for a
    // new topic can answer UNKNOWN_TOPIC_OR_PARTITION for a moment, which it
    // does not retry.
    await admin.createTopics({ topics: missing.map((spec) => toTopicConfig(spec, config)), waitForLeaders: false });
  }
  await waitForLeaders(admin, names, timeoutMs, retryDelayMs);
  const aligned = await alignSettings(
    admin,
    specs.filter((spec) => present.has(spec.name)),
    config,
  );

  return {
    created: missing.map((spec) => spec.name),
    existing: names.filter((name) => present.has(name)),
    aligned,
  };
}

/**
 * Sets on existing topics the spec's settings they do not hold. Kafka's AlterConfigs, the one
 * kafkajs speaks, replaces all of a topic's own settings: those the spec does not name (an
 * operator's `max.message.bytes`, say) are sent back as they are.
 */
async function alignSettings(admin: TopicAdmin, specs: readonly TopicSpec[], config: TopicConfigOptions): Promise<string[]> {
  if (specs.length === 0) return [];
  const { resources } = await admin.describeConfigs({
    resources: specs.map((spec) => ({ type: ConfigResourceTypes.TOPIC, name: spec.name })),
    includeSynonyms: false,
  });
  const changes: IResourceConfig[] = [];
  for (const spec of specs) {
    const own = new Map(
      (resources.find((resource) => resource.resourceName === spec.name)?.configEntries ?? [])
        .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG)
        .map((entry) => [entry.configName, entry.configValue]),
    );
    const wanted = topicConfigEntries(spec, config);
    if (wanted.every(({ name, value }) => own.get(name) === value)) continue;
    for (const { name, value } of wanted) own.set(name, value);
    changes.push({ type: ConfigResourceTypes.TOPIC, name: spec.name, configEntries: [...own].map(([name, value]) => ({ name, value })) });
  }
  if (changes.length > 0) await admin.alterConfigs({ validateOnly: false, resources: changes });
  return changes.map(({ name }) => name);
}

/**
 * What a new topic answers for a moment: unknown, no leader yet, and — on KRaft, after
 * the metadata names the leader but before that broker has loaded the partition — "not
 * the leader" to the offset requests every consumer and admin makes, briefly but long
 * enough to fail a consumer that joins at once.
 */
const TRANSIENT_METADATA_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);

async function waitForLeaders(admin: TopicAdmin, topics: string[], timeoutMs: number, retryDelayMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.topics.every(({ partitions }) => partitions.length > 0 && partitions.every((partition) => partition.leader >= 0));
      if (ready) {
        for (const topic of topics) await admin.fetchTopicOffsets(topic);
        return;
      }
    } catch (error) {
      if (!isTransientMetadataError(error)) {
        throw error;
      }
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for leaders of ${topics.join(', ')}`, { cause: lastError });
    }
    await sleep(retryDelayMs);
  }
}

/** kafkajs wraps protocol errors when its own retries run out; look through the causes. */
function isTransientMetadataError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && TRANSIENT_METADATA_ERRORS.has(type)) {
      return true;
    }
  }
  return false;
}
