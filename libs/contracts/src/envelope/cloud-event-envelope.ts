import type { CountryCode } from '../country/country-code';
import type { ServiceName } from '../service/service-name';

/**
 * The event envelope of docs/architecture.md, Event envelope, spelled once for the Kafka binding that writes it
 * (libs/messaging) and for the AsyncAPI document that describes it to integrators.
 */
export const CLOUD_EVENTS_SPEC_VERSION = '1.0';

/** Every event's data is JSON. */
export const EVENT_CONTENT_TYPE = 'application/json';

/** Kafka headers of the CloudEvents Kafka binary mode, plus naperj's signature. */
export const CLOUD_EVENT_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  dataclassification: 'ce_dataclassification',
  contentType: 'content-type',
  traceparent: 'traceparent',
  sigkid: 'ce_sigkid',
  sig: 'ce_sig',
} as const;

/** Headers a consumer adds to a record it moves to its `<cc>.<service>.dlq.v1` topic. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq_reason',
  reasonKind: 'dlq_reason_kind',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  group: 'dlq_group',
  failedAt: 'dlq_failed_at',
  /**
   * Only on a record too large for the DLQ topic, which is written cut down instead: what
   * was cut (`value`, `key`, `headers`, comma-separated), the SHA-256 of the whole value
   * (lowercase hex) and its length in bytes.
   */
  truncated: 'dlq_truncated',
  valueSha256: 'dlq_value_sha256',
  valueBytes: 'dlq_value_bytes',
} as const;

/** Why a consumer moved a record to its DLQ: the `dlq_reason_kind` header, with what each means. */
export const DEAD_LETTER_KINDS = {
  undecodable: 'Not a CloudEvent in Kafka binary mode, or its value is not JSON.',
  untrusted:
    'A shared event whose source or signature does not hold, whose data names another entity or country than its ce_subject and source, or whose signing key is revoked or was not valid at its ce_time.',
  'unknown-key': 'A shared event signed with a key id its country has no trusted key of: parked, and re-driven once the trust file names the key.',
  'unknown-type': 'A type the contracts do not let travel on that topic.',
  invalid: 'Data, or its classification, not valid for its type and visibility.',
  rejected: 'The handler refused the event, e.g. a version older than the one it holds.',
  failed: 'The handler kept failing until the retries ran out.',
} as const;

export type DeadLetterKind = keyof typeof DEAD_LETTER_KINDS;

/** `ce_source`: the node and service that emitted the event. */
export function eventSource(country: CountryCode, service: ServiceName): string {
  return `urn:naperj:${country}:${service}`;
}
