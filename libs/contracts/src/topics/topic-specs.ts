import type { CountryCode } from '../country/country-code';
import { SERVICE_NAMES, type ServiceName } from '../service/service-name';
import { dlqTopic, privateEventsTopic, redriveTopic, SHARED_STREAMS, sharedTopic, type SharedStream } from './topic-names';

/**
 * How a topic is provisioned. Replication factor is left to the cluster
 * (its default.replication.factor), so one spec serves local runs and production.
 */
export type TopicSpec =
  { name: string; partitions: number; cleanupPolicy: 'delete'; retentionMs: number } | { name: string; partitions: number; cleanupPolicy: 'compact' };

const DAY_MS = 24 * 60 * 60 * 1000;

export const EVENTS_RETENTION_MS = 30 * DAY_MS;
export const DLQ_RETENTION_MS = 30 * DAY_MS;
export const HEARTBEATS_RETENTION_MS = DAY_MS;

/**
 * Part of the contract, not a tuning knob: MirrorMaker 2 copies each record to the
 * same partition number, so a shared topic needs the same partition count in
 * every country's cluster.
 */
export const TOPIC_PARTITIONS = 3;
/** One producer per node, read in order. */
export const HEARTBEATS_PARTITIONS = 1;

export function privateEventsTopicSpec(country: CountryCode, service: ServiceName, retentionMs = EVENTS_RETENTION_MS): TopicSpec {
  return {
    name: privateEventsTopic(country, service),
    partitions: TOPIC_PARTITIONS,
    cleanupPolicy: 'delete',
    retentionMs,
  };
}

export function sharedTopicSpec(country: CountryCode, stream: SharedStream): TopicSpec {
  const name = sharedTopic(country, stream);
  if (stream === 'heartbeats') {
    return {
      name,
      partitions: HEARTBEATS_PARTITIONS,
      cleanupPolicy: 'delete',
      retentionMs: HEARTBEATS_RETENTION_MS,
    };
  }
  // Keyed by entity id: compaction keeps each entity's latest state, and a
  // tombstone erases it from every cluster the topic was copied to.
  return { name, partitions: TOPIC_PARTITIONS, cleanupPolicy: 'compact' };
}

export function dlqTopicSpec(country: CountryCode, service: ServiceName): TopicSpec {
  return {
    name: dlqTopic(country, service),
    partitions: TOPIC_PARTITIONS,
    cleanupPolicy: 'delete',
    retentionMs: DLQ_RETENTION_MS,
  };
}

/** Like the DLQ it drains: a re-driven record is processed long before its retention ends. */
export function redriveTopicSpec(country: CountryCode, service: ServiceName): TopicSpec {
  return {
    name: redriveTopic(country, service),
    partitions: TOPIC_PARTITIONS,
    cleanupPolicy: 'delete',
    retentionMs: DLQ_RETENTION_MS,
  };
}

export interface NodeTopicsOptions {
  /** Retention of the private `<cc>.<service>.events.v1` topics; 30 days by default. */
  eventsRetentionMs?: number;
}

/** The topics a node owns in its own cluster: private events, DLQs, re-drive topics and its shared streams. */
export function nodeTopics(country: CountryCode, options: NodeTopicsOptions = {}): TopicSpec[] {
  return [
    ...SERVICE_NAMES.map((service) => privateEventsTopicSpec(country, service, options.eventsRetentionMs)),
    ...SERVICE_NAMES.map((service) => dlqTopicSpec(country, service)),
    ...SERVICE_NAMES.map((service) => redriveTopicSpec(country, service)),
    ...SHARED_STREAMS.map((stream) => sharedTopicSpec(country, stream)),
  ];
}

/**
 * The peers' shared topics, created in the node's own cluster before MirrorMaker 2
 * copies into them, so consumers can subscribe to an explicit list from the start.
 */
export function peerSharedTopics(peers: readonly CountryCode[]): TopicSpec[] {
  return peers.flatMap((peer) => SHARED_STREAMS.map((stream) => sharedTopicSpec(peer, stream)));
}
