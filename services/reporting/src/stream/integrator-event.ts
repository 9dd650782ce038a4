import {
  BY_SHARING_LEVEL,
  catalogueEntry,
  CLOUD_EVENTS_SPEC_VERSION,
  type DataClassification,
  EVENT_CONTENT_TYPE,
  EVENT_TYPES,
  type EventType,
  payloadClass,
} from '@naperj/contracts';
import { CONTRACTS_EVENT_CATALOG, type ConsumedTopic, fromKafkaMessage, sharedEventRejection, type TrustStore } from '@naperj/messaging';
import type { KafkaMessage } from 'kafkajs';

/** The event types integrators may receive: those with a shareable view. */
export const STREAM_EVENT_TYPES: readonly EventType[] = Object.values(EVENT_TYPES).filter((type) => payloadClass(type, 'shared'));

/** A CloudEvent in structured JSON mode, as the stream sends it. */
export interface StructuredCloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: typeof EVENT_CONTENT_TYPE;
  dataclassification: DataClassification;
  traceparent?: string;
  data: unknown;
}

/**
 * The classifications a caller may receive: `public` events for everyone, `confidential` ones
 * (what the partners share among themselves) only with the trilateral claim, whatever the roles.
 */
export function readableClassifications(trilateral: boolean): ReadonlySet<DataClassification> {
  return new Set<DataClassification>(trilateral ? ['public', 'confidential'] : ['public']);
}

/** Why a record on a shared topic is kept from integrators. */
export type WithholdReason = 'undecodable' | 'untrusted' | 'unknown-type' | 'invalid';

export type Examination =
  | { verdict: 'deliver'; event: StructuredCloudEvent }
  /** Not for this client: a tombstone, or a type its filter leaves out. */
  | { verdict: 'skip' }
  | { verdict: 'withhold'; reason: WithholdReason; detail: string };

/**
 * What an integrator may see of a record read from a shared topic: only an event signed by
 * the topic's country, of a type that topic carries, whose data is exactly the shareable
 * view. The checks are those a consumer of the node applies before its handlers, so an
 * integrator never sees what the node itself would refuse.
 */
export function examine(
  topic: ConsumedTopic,
  message: Pick<KafkaMessage, 'key' | 'headers' | 'value'>,
  trust: TrustStore,
  types?: ReadonlySet<string>,
): Examination {
  // A tombstone follows a withdrawal or erasure for compaction; the event before it carried the change.
  if (message.value === null) return { verdict: 'skip' };
  const decoded = fromKafkaMessage(message);
  if (!decoded.ok) return { verdict: 'withhold', reason: 'undecodable', detail: decoded.reason };
  const { event } = decoded.decoded;
  // Filtering before verifying spares a signature check for events the client does not want.
  if (types && !types.has(event.type)) return { verdict: 'skip' };
  const rejection = sharedEventRejection(decoded.decoded, topic.origin, trust);
  if (rejection) return { verdict: 'withhold', reason: 'untrusted', detail: rejection };
  if (!CONTRACTS_EVENT_CATALOG.carries(topic, event.type)) {
    return { verdict: 'withhold', reason: 'unknown-type', detail: `${event.type} is not an event type of ${topic.name}` };
  }
  const allowed = sharedClassifications(event.type as EventType);
  if (!allowed.includes(event.dataclassification)) {
    return {
      verdict: 'withhold',
      reason: 'invalid',
      detail: `${event.type} is not classified "${event.dataclassification}" when shared (expected ${allowed.join(' or ')})`,
    };
  }
  const check = CONTRACTS_EVENT_CATALOG.validate(event.type, 'shared', event.data);
  if (!check.ok) return { verdict: 'withhold', reason: 'invalid', detail: `invalid ${event.type} data: ${check.errors.join('; ')}` };
  return {
    verdict: 'deliver',
    event: {
      specversion: CLOUD_EVENTS_SPEC_VERSION,
      id: event.id,
      source: event.source,
      type: event.type,
      time: event.time,
      subject: event.subject,
      datacontenttype: EVENT_CONTENT_TYPE,
      dataclassification: event.dataclassification,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
      data: check.value,
    },
  };
}

function sharedClassifications(type: EventType): readonly DataClassification[] {
  const classification = catalogueEntry(type).classification.shared!;
  return classification === BY_SHARING_LEVEL ? ['confidential', 'public'] : [classification];
}
