import type { CountryCode } from '../country/country-code';
import type { ServiceName } from '../service/service-name';

/** Streams a node shares with its peers; only `<cc>.shared.*` topics cross borders. */
export const SHARED_STREAMS = ['submissions', 'experts', 'exchanges', 'insights', 'heartbeats'] as const;

export type SharedStream = (typeof SHARED_STREAMS)[number];

/** All domain events of one service, full internal view; never replicated. */
export function privateEventsTopic(country: CountryCode, service: ServiceName): string {
  return `${country}.${service}.events.v1`;
}

/** Shareable views a node publishes to its peers. */
export function sharedTopic(country: CountryCode, stream: SharedStream): string {
  return `${country}.shared.${stream}.v1`;
}

/** Events a consumer of `service` could not process, with the reason; never replicated. */
export function dlqTopic(country: CountryCode, service: ServiceName): string {
  return `${country}.${service}.dlq.v1`;
}

/** Dead letters sent back to the consumers of `service` to be processed again; never replicated. */
export function redriveTopic(country: CountryCode, service: ServiceName): string {
  return redriveTopicOf(dlqTopic(country, service));
}

/** The re-drive topic that goes with a dead-letter topic: `<name>.dlq.v1` → `<name>.redrive.v1`. */
export function redriveTopicOf(deadLetterTopic: string): string {
  if (!deadLetterTopic.endsWith('.dlq.v1')) throw new Error(`${deadLetterTopic} is no dead-letter topic (<name>.dlq.v1)`);
  return `${deadLetterTopic.slice(0, -'.dlq.v1'.length)}.redrive.v1`;
}
