import type { TopicSpec } from '@naperj/contracts';
import type { IResourceConfigEntry, ITopicConfig } from 'kafkajs';

export function topicConfigEntries(spec: TopicSpec): IResourceConfigEntry[] {
  const entries: IResourceConfigEntry[] = [{ name: 'cleanup.policy', value: spec.cleanupPolicy }];
  if (spec.cleanupPolicy === 'delete') {
    entries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  }
  return entries;
}

/** The kafkajs createTopics entry; no replication factor, so the cluster default applies. */
export function toTopicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    configEntries: topicConfigEntries(spec),
  };
}
