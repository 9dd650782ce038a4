import type { TopicSpec } from '@naperj/contracts';
import type { IResourceConfigEntry, ITopicConfig } from 'kafkajs';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The longest replication outage after which a peer still receives every withdrawal and
 * its tombstone (docs/architecture.md, Topics): MirrorMaker resumes where it stopped, and
 * anything compacted away meanwhile never reaches the peer.
 */
export const REPLICATION_OUTAGE_TOLERANCE_MS = 7 * DAY_MS;

export interface TopicConfigOptions {
  /** `min.insync.replicas` of every topic; the cluster's default when unset. */
  minInsyncReplicas?: number;
}

export function topicConfigEntries(spec: TopicSpec, { minInsyncReplicas }: TopicConfigOptions = {}): IResourceConfigEntry[] {
  const entries: IResourceConfigEntry[] = [{ name: 'cleanup.policy', value: spec.cleanupPolicy }];
  if (spec.cleanupPolicy === 'delete') {
    entries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  } else {
    entries.push(
      // A withdrawal event is superseded by its tombstone at once, and consumers act on the
      // event, not on the tombstone: compaction must not remove it before a peer cut off for
      // the whole outage has copied it.
      { name: 'min.compaction.lag.ms', value: String(REPLICATION_OUTAGE_TOLERANCE_MS) },
      // The tombstone, which erases the copies, outlives the same outage once compacted.
      { name: 'delete.retention.ms', value: String(REPLICATION_OUTAGE_TOLERANCE_MS) },
      // And withdrawn data does not linger: compaction reaches it within this bound.
      { name: 'max.compaction.lag.ms', value: String(2 * REPLICATION_OUTAGE_TOLERANCE_MS) },
    );
  }
  if (minInsyncReplicas !== undefined) {
    entries.push({ name: 'min.insync.replicas', value: String(minInsyncReplicas) });
  }
  return entries;
}

/** The kafkajs createTopics entry; no replication factor, so the cluster default applies. */
export function toTopicConfig(spec: TopicSpec, options: TopicConfigOptions = {}): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    configEntries: topicConfigEntries(spec, options),
  };
}
